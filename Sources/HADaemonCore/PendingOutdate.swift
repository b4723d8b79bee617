import HAProtocol

/// An outdate-peer request this node sent and waits on (``NodeStateMachine/outdate``).
///
/// `hadaemon outdate-peer` asks again with its `token` until ``result`` is set; the result is
/// kept ``NodeStateMachine/outdateResultKept`` for it to collect, then dropped.
struct PendingOutdate: Sendable {
    var token: String
    var resource: String
    var peer: String
    /// When no answer means "peer unreachable".
    var deadline: MonotonicTime
    var result: OutdateResult?
    var finishedAt: MonotonicTime?

    /// When the core must next look at it: its deadline, or when an uncollected result expires.
    var dueAt: MonotonicTime? {
        if let finishedAt { return finishedAt + NodeStateMachine.outdateResultKept }
        return deadline
    }
}
