/// A reset the answering node owes a dead peer and has not finished: the peer's groups wait for
/// it. Gone from the snapshot once the device confirms (then it is a ``FenceRecord``) or the
/// peer is heard again.
public struct FenceInProgress: Codable, Hashable, Sendable {
    public enum Phase: String, Codable, Hashable, Sendable {
        /// The node holding fewer groups lets the holder shoot first (the partition delay).
        case waiting
        /// The device runs now.
        case running
        /// The last attempt failed; the next one starts after `nextAttemptIn`.
        case retrying
        /// The device is a person (cluster-glue's `meatware`): the reset waits, with no timeout,
        /// until an operator checks the victim is off and confirms (`meatclient -c NODE`, or the
        /// `confirm-fence` control request).
        case awaitingOperator = "awaiting-operator"
        /// A phase this program does not know (from a newer daemon).
        case unknown

        public init(from decoder: any Decoder) throws {
            let word = try decoder.singleValueContainer().decode(String.self)
            self = Phase(rawValue: word) ?? .unknown
        }
    }

    /// The node to be reset.
    public var victim: String
    /// The device type, as the log line names it (`external/ssh`).
    public var device: String
    public var phase: Phase
    /// Milliseconds since the peer was declared dead (monotonic).
    public var age: Int
    /// Attempts that failed so far.
    public var failures: Int
    /// Milliseconds until the next attempt starts; nil while the device runs.
    public var nextAttemptIn: Int?
    /// What the device said when it last failed.
    public var lastFailure: String?

    /// The attempt running, or the next one: 1 for the first.
    public var attempt: Int { failures + 1 }

    public init(
        victim: String, device: String, phase: Phase, age: Int, failures: Int = 0, nextAttemptIn: Int? = nil, lastFailure: String? = nil
    ) {
        self.victim = victim
        self.device = device
        self.phase = phase
        self.age = age
        self.failures = failures
        self.nextAttemptIn = nextAttemptIn
        self.lastFailure = lastFailure
    }
}
