/// One `field( from -> to )` state change from a DRBD kernel log line.
///
/// `field` is the kernel's word: `role`, `peer` (peer role), `conn`, `disk`, `pdsk` (peer disk),
/// `repl` (DRBD 9 replication), `susp`, `quorum`, `resync-susp`, ...; values are as printed.
public struct DRBDStateTransition: Hashable, Sendable, Codable {
    /// The kernel's field word.
    public var field: String
    /// The state before.
    public var from: String
    /// The state after.
    public var to: String

    /// Creates a transition.
    public init(field: String, from: String, to: String) {
        self.field = field
        self.from = from
        self.to = to
    }

    /// Every `word( A -> B )` group in a message, in order.
    static func all(in message: Substring) -> [DRBDStateTransition] {
        let words = DRBDText.words(message)
        var transitions: [DRBDStateTransition] = []
        var index = 0
        while index + 4 < words.count {
            let word = words[index]
            if word.count > 1, word.hasSuffix("("), words[index + 2] == "->", words[index + 4] == ")" {
                transitions.append(
                    DRBDStateTransition(field: String(word.dropLast()), from: String(words[index + 1]), to: String(words[index + 3])))
                index += 5
            } else {
                index += 1
            }
        }
        return transitions
    }
}
