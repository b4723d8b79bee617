/// What starting a stopped node's daemon came to (``ConsoleEffect/startNode(_:requestID:)``).
enum NodeStartOutcome: Sendable, Equatable {
    /// The daemon on `node` was started as process `pid`; it rejoins on its own.
    case started(node: String, pid: Int32)
    /// Nothing was started, and why, in words for the operator.
    case refused(String)
}
