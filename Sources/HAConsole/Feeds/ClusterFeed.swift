import HAProtocol

/// Where one node's cluster state and actions come from, as the console's poll loop drives it:
/// a `hadaemon` control socket (``DaemonFeed``) or a node running Heartbeat itself, read through
/// `cl_status` (``HeartbeatFeed``).
///
/// The contract: ``poll(now:)`` never blocks (a read that could block runs on a thread of its
/// own or in a child process), returns everything that arrived since the last call as
/// ``FeedInput``s in order, and starts the next connection attempt or probe when one is due.
/// The first call reports the connection state; later calls report it when it changes.
protocol ClusterFeed: AnyObject {
    /// Where the data comes from, for the header (`/run/hadaemon/hadaemon.sock`, `cl_status via ssh bravo`).
    var origin: String { get }
    /// Descriptors whose readability should wake the loop.
    var watchedDescriptors: [Int32] { get }
    /// What arrived since the last call; never waits.
    func poll(now: MonotonicTime) -> [FeedInput]
    /// Sends an action; its answer comes back from ``poll(now:)`` as ``FeedInput/answer(_:)``
    /// under the request's own id (which the caller keeps unique, and never 1).
    func send(_ request: ControlRequest)
}
