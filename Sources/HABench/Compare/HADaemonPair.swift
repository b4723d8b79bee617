import Glibc
import HAHost
import HAProtocol
import HATestSupport

/// hadaemon in the comparison: a `PairRun` (the same pair and settling as `habench failover`).
struct HADaemonPair: ComparedPair {
    let run: PairRun

    var implementation: Implementation { .hadaemon }
    var cluster: NetnsCluster { run.cluster }
    var watcher: VIPWatcher { run.watcher }
    var profile: TimerProfile { run.profile }

    static func start(_ profile: TimerProfile, daemon: DaemonCommand, sampleInterval: Duration) async throws -> HADaemonPair {
        HADaemonPair(run: try await PairRun.start(profile, daemon: daemon, sampleInterval: sampleInterval))
    }

    func crash(_ node: String) throws -> MonotonicTime {
        let instant = SystemClock.now()
        try cluster.kill(node)
        return instant
    }

    func cut(_ node: String) throws { try cluster.cut(node) }

    func healAll() throws { try cluster.healAll() }

    func stop(_ node: String) async throws -> (signalled: MonotonicTime, exited: MonotonicTime) {
        let signalled = SystemClock.now()
        let took = try await cluster.stop(node, timeout: .seconds(10))
        return (signalled, signalled + took)
    }

    /// The stale address and `hbdummy`'s state removed, as for Heartbeat (`hbns.sh reset`).
    func resetAfterCrash(_ node: String) throws {
        _ = try cluster.run(in: node, ["ip", "addr", "del", "\(NetnsCluster.serviceAddress)/24", "dev", NetnsCluster.interface])
        unlink(try cluster.node(node).resourceStateDirectory + "/hbdummy-default.state")
    }

    func restart(_ node: String) throws -> MonotonicTime {
        let instant = SystemClock.now()
        try cluster.start(node)
        return instant
    }

    func isStable(_ node: String) -> Bool { run.isStable(node) }

    func finish() { run.finish() }
}
