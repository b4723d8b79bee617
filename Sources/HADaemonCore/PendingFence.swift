import HAProtocol

/// A reset this node owes a dead peer before it takes the peer's groups over (spec §4.6.3).
///
/// It waits (the partition delay), runs the device, and on failure retries every
/// ``NodeCoreConfig/fenceRetryInterval`` until the device confirms; only then are `takeOver`'s
/// groups started. Nothing of the peer's is started while it exists.
struct PendingFence: Sendable {
    enum Phase: Equatable, Sendable {
        /// The node holding nothing lets the holder shoot first: it waits until this instant.
        case waiting(until: MonotonicTime)
        /// The shell runs the device; it started at this instant.
        case running(since: MonotonicTime)
        /// The last attempt failed: the next one starts at this instant.
        case retrying(at: MonotonicTime)
    }

    var victim: String
    var device: StonithDevice
    var phase: Phase
    /// Attempts that failed so far.
    var failures = 0
    /// When the peer was declared dead (for the alert and the record).
    var since: MonotonicTime
    /// The peer's groups to start once it is reset.
    var takeOver: [String]
    var lastFailure: String?

    /// When the core must next act on it (start an attempt); nil while the device runs.
    var dueAt: MonotonicTime? {
        switch phase {
        case .waiting(let until): until
        case .retrying(let at): at
        case .running: nil
        }
    }
}

/// How a device ended, with Heartbeat's `t=stonith` result words (spec §3 `t=stonith`).
public enum FenceResult: String, Hashable, Sendable {
    /// The device confirmed the reset.
    case ok = "OK"
    /// The device cannot reset that host (`stonith` exit S_BADHOST).
    case badHost = "badhost"
    /// Anything else: the host was not reset.
    case failed = "bad"
}
