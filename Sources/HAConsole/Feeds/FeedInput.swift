import HAProtocol

/// One thing a feed delivers to the console: everything a source says arrives as one of these,
/// in the order it happened, and the console's model applies it (``ConsoleModel``).
enum FeedInput: Sendable, Equatable {
    /// The source's link changed (reported once at the start, then on every change).
    case connection(FeedConnection)
    /// A new snapshot of the cluster as the source's node sees it.
    case snapshot(ClusterSnapshot)
    /// Lines the node's ha-log gained, and where that log is (known before any line arrives).
    case log(path: String?, lines: [String])
    /// Why the node's ha-log cannot be read, or nil once it can (reported on every change).
    case logProblem(String?)
    /// The node's DRBD state as read there, or why it could not be read.
    case drbd(DRBDReading)
    /// The answer to a request sent with ``ClusterFeed/send(_:)``, under that request's id.
    case answer(ControlResponse)
}
