/// A DRBD kernel log line, classified: split brain, helper calls, handshake verdicts, state changes.
///
/// Recognises the prefixes of every generation: 8.3/8.4 `block drbd<minor>: `, 8.4 `drbd <res>: `,
/// DRBD 9 `drbd <res>[/<vol>] [drbd<minor>] [<peer>]: `, after any syslog, journal or dmesg
/// prefix. The texts matched are the kernel's own (FORMATS.md §9).
public struct DRBDKernelLogEvent: Hashable, Sendable {
    /// What the line says.
    public enum Kind: Hashable, Sendable {
        /// `Split-Brain detected ...`: DRBD found diverged data on connect.
        case splitBrainDetected(DRBDSplitBrainResolution)
        /// `helper command: <cmd> <helper>[ minor-N][ exit code N (0x..)]`; `exitCode` is nil for the call.
        case helperCommand(helper: String, exitCode: Int?)
        /// `uuid_compare()=<result> by rule <rule>` (8.x numbers, DRBD 9 names).
        case uuidCompare(result: String, rule: String)
        /// One or more `field( A -> B )` transitions.
        case stateChange([DRBDStateTransition])
        /// Any other DRBD message.
        case other
    }

    /// The resource name (8.4 resource lines and DRBD 9); nil on 8.3/8.4 device lines.
    public var resource: String?
    /// The device minor (`block drbd6:`, DRBD 9 `drbd8`), when printed.
    public var minor: Int?
    /// The volume (DRBD 9 `<res>/<vol>`), when printed.
    public var volume: Int?
    /// The peer's connection name (DRBD 9 connection and peer-device lines), when printed.
    public var peer: String?
    /// The classification.
    public var kind: Kind
    /// The message after the DRBD prefix.
    public var message: String

    /// Creates an event.
    public init(
        resource: String? = nil, minor: Int? = nil, volume: Int? = nil, peer: String? = nil, kind: Kind,
        message: String
    ) {
        self.resource = resource
        self.minor = minor
        self.volume = volume
        self.peer = peer
        self.kind = kind
        self.message = message
    }

    /// Classifies one log line; nil when it is not a DRBD kernel message.
    public static func classify(_ line: some StringProtocol) -> DRBDKernelLogEvent? {
        let text = Substring(line)
        guard var event = prefix(text) else { return nil }
        event.kind = kind(of: event.message[...])
        return event
    }

    /// True for the log lines that prove DRBD declared a split brain: `Split-Brain detected`
    /// (any resolution) and the `split-brain` helper call.
    public var isSplitBrainSignal: Bool {
        switch kind {
        case .splitBrainDetected: true
        case .helperCommand(let helper, let exitCode): helper == "split-brain" && exitCode == nil
        default: false
        }
    }

    /// Where the DRBD prefix starts: at the line start, or after `]` or `kernel:`.
    private static func prefix(_ text: Substring) -> DRBDKernelLogEvent? {
        for marker in ["block drbd", "drbd "] {
            var search = text[...]
            while let range = search.firstRange(of: marker) {
                let before = DRBDText.trimming(text[..<range.lowerBound])
                let boundary = before.isEmpty || before.hasSuffix("]") || before.hasSuffix("kernel:")
                if boundary, let event = context(text[range.upperBound...], isBlock: marker == "block drbd") {
                    return event
                }
                search = text[range.upperBound...]
            }
        }
        return nil
    }

    /// Reads `<minor>: msg` (block lines) or `<res>[/<vol>] [drbd<minor>] [<peer>]: msg`.
    private static func context(_ rest: Substring, isBlock: Bool) -> DRBDKernelLogEvent? {
        guard let separator = rest.firstRange(of: ": ") ?? (rest.hasSuffix(":") ? rest.index(before: rest.endIndex)..<rest.endIndex : nil)
        else { return nil }
        let message = String(DRBDText.trimming(rest[separator.upperBound...]))
        let words = DRBDText.words(rest[..<separator.lowerBound])
        if isBlock {
            guard words.count == 1, let minor = Int(words[0]) else { return nil }
            return DRBDKernelLogEvent(minor: minor, kind: .other, message: message)
        }
        guard (1...3).contains(words.count) else { return nil }
        var event = DRBDKernelLogEvent(kind: .other, message: message)
        var first = words[0]
        if first.hasPrefix("/unregistered/") { first = first.dropFirst("/unregistered/".count) }
        let (name, volume) = DRBDText.pair(first)
        event.resource = String(name)
        event.volume = volume.flatMap { Int($0) }
        for word in words.dropFirst() {
            if word.hasPrefix("drbd"), let minor = Int(word.dropFirst(4)) {
                event.minor = minor
            } else {
                event.peer = String(word)
            }
        }
        return event
    }

    private static func kind(of message: Substring) -> Kind {
        if message.hasPrefix("Split-Brain detected") {
            if message.contains("automatically solved") { return .splitBrainDetected(.automaticallySolved) }
            if message.contains("manually solved") { return .splitBrainDetected(.manuallySolved) }
            return .splitBrainDetected(.unresolved)
        }
        if message.hasPrefix("helper command:") {
            let words = DRBDText.words(message.dropFirst("helper command:".count))
            guard words.count >= 2 else { return .other }
            var exitCode: Int?
            if let exit = words.firstIndex(of: "exit"), exit + 2 < words.count, words[exit + 1] == "code" {
                exitCode = Int(words[exit + 2])
            }
            return .helperCommand(helper: String(words[1]), exitCode: exitCode)
        }
        if let range = message.firstRange(of: "uuid_compare()=") {
            let rest = message[range.upperBound...]
            let result = rest.prefix { $0 != " " }
            var rule = ""
            if let by = rest.firstRange(of: "by rule") {
                rule = String(DRBDText.trimming(rest[by.upperBound...], " =").prefix { $0 != " " })
            }
            return .uuidCompare(result: String(result), rule: rule)
        }
        let transitions = DRBDStateTransition.all(in: message)
        return transitions.isEmpty ? .other : .stateChange(transitions)
    }
}
