import Glibc
import HAHost
import HAProtocol
import HATestSupport

/// Heartbeat 3.0.6 in the comparison: two `HeartbeatNode`s with the ha.cf, authkeys and
/// haresources `PairRun` gives hadaemon (the profile's timers, ucast, `auto_failback on`).
///
/// Settled means: alpha alone holds the address, each node's `cl_status nodestatus` calls the
/// other active and both `rscstatus` say `local`; then the pair is left until 6 s after
/// alpha's start (for 5 s after a start Heartbeat advertises deadtime + 2 s, which would make
/// a kill look 2 s slow: heartbeat-3.0.6-observed.md §3) and two keepalives more.
struct HeartbeatPair: ComparedPair {
    let cluster: NetnsCluster
    let watcher: VIPWatcher
    let profile: TimerProfile
    let nodes: [String: HeartbeatNode]

    var implementation: Implementation { .heartbeat }

    static func start(_ profile: TimerProfile, sampleInterval: Duration) async throws -> HeartbeatPair {
        try HeartbeatNode.requireInstalled()
        let cluster = try ClusterRegistry.shared.makeCluster(.pair(profile))
        var nodes: [String: HeartbeatNode] = [:]
        do {
            for name in ["alpha", "bravo"] { nodes[name] = try HeartbeatNode(cluster: cluster, name: name) }
            let pair = HeartbeatPair(
                cluster: cluster, watcher: try VIPWatcher(cluster: cluster, interval: sampleInterval), profile: profile, nodes: nodes)
            let started = SystemClock.now()
            try nodes["alpha"]!.start()
            try nodes["bravo"]!.start()
            try await pair.waitFor(
                "alpha alone holds the address and both are settled", timeout: profile.initdead + .seconds(40), poll: .milliseconds(200)
            ) {
                pair.watcher.holders == ["alpha"] && pair.isSettled()
            }
            let steady = started + .seconds(6) + profile.keepalive * 2
            if SystemClock.now() < steady { try await SystemClock.sleep(until: steady) }
            return pair
        } catch {
            for node in nodes.values { node.shutdown() }
            ClusterRegistry.shared.release(cluster)
            throw error
        }
    }

    /// Both see both active, both hold their own resources (`rscstatus` `local`).
    func isSettled() -> Bool {
        guard let alpha = nodes["alpha"], let bravo = nodes["bravo"] else { return false }
        return (try? alpha.clStatus("nodestatus", "bravo").stdout) == "active" && (try? bravo.clStatus("nodestatus", "alpha").stdout) == "active"
            && (try? alpha.clStatus("rscstatus").stdout) == "local" && (try? bravo.clStatus("rscstatus").stdout) == "local"
    }

    func crash(_ node: String) throws -> MonotonicTime {
        let heartbeat = try self.node(node)
        let pids = heartbeat.heartbeatPIDs()
        guard !pids.isEmpty else { throw HarnessError.notRunning(node: node) }
        let instant = SystemClock.now()
        heartbeat.kill(pids)
        return instant
    }

    func cut(_ node: String) throws { try cluster.cut(node) }

    func healAll() throws { try cluster.healAll() }

    /// SIGTERM to the master control process (what `heartbeat -k` sends; the command itself
    /// then polls for about 4 s more before it returns), timed to that process's exit.
    func stop(_ node: String) async throws -> (signalled: MonotonicTime, exited: MonotonicTime) {
        let heartbeat = try self.node(node)
        let signalled = SystemClock.now()
        let pid = try heartbeat.terminate()
        // A stop can hang on a pending negotiation (observed.md §2a): bounded.
        while HeartbeatNode.isAlive(pid) {
            guard SystemClock.now() - signalled < .seconds(20) else {
                heartbeat.kill()
                throw HarnessError.stopTimedOut(node: node, after: .seconds(20))
            }
            try await Task.sleep(for: .milliseconds(2))
        }
        return (signalled, SystemClock.now())
    }

    func resetAfterCrash(_ node: String) throws { try self.node(node).resetAfterCrash() }

    func restart(_ node: String) throws -> MonotonicTime {
        let heartbeat = try self.node(node)
        let instant = SystemClock.now()
        try heartbeat.start()
        return instant
    }

    /// Heartbeat answers and its `rscstatus` names no transition.
    func isStable(_ node: String) -> Bool {
        guard let heartbeat = nodes[node], let answer = try? heartbeat.clStatus("rscstatus"), answer.succeeded else { return false }
        return ["local", "all", "none"].contains(answer.stdout)
    }

    func finish() {
        watcher.stop()
        for node in nodes.values { node.shutdown() }
        ClusterRegistry.shared.release(cluster)
    }

    private func node(_ name: String) throws -> HeartbeatNode {
        guard let node = nodes[name] else { throw HarnessError.unknownNode(name, known: nodes.keys.sorted()) }
        return node
    }
}
