import HAProtocol

/// Where one node's cluster state and actions come from, as the console's poll loop drives it:
/// a `hadaemon` control socket (``DaemonFeed``) or a node running Heartbeat itself, read through
/// `cl_status` (``HeartbeatFeed``).
protocol ClusterFeed: AnyObject {
    var connection: DaemonFeed.Connection { get }
    /// Descriptors whose readability should wake the loop.
    var watchedDescriptors: [Int32] { get }
    /// Connects, or starts the next look, when due; true while the source answers.
    @discardableResult func ensureConnected(now: MonotonicTime) -> Bool
    /// The newest snapshot that arrived since the last call, if any.
    func read() -> ClusterSnapshot?
    /// Sends an action; its answer appears under the returned id in ``takeAnswer(_:)``.
    @discardableResult func send(_ request: ControlRequest) -> Int
    func takeAnswer(_ id: Int) -> ControlResponse?
}

extension DaemonFeed: ClusterFeed {
    var watchedDescriptors: [Int32] { [fd, remoteLog?.fd ?? -1].filter { $0 >= 0 } }
}
