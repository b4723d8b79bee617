import HAHost
import HAProtocol
import HATestSupport

/// keepalived 2.2.7 in the comparison: two `KeepalivedNode`s, VRRPv3 over unicast on `hb0`,
/// alpha priority 150 (`state MASTER`), bravo 100, preemption on, advert_int = the profile's
/// keepalive (VRRPv3 carries centiseconds: 1 s → 1, 200 ms → 0.2, 50 ms → 0.05).
///
/// Settled means: alpha alone holds the address, its log last entered MASTER and bravo's
/// BACKUP; then two adverts more.
struct KeepalivedPair: ComparedPair {
    /// alpha's and bravo's VRRP priorities: the reference's.
    static let priorities = ["alpha": 150, "bravo": 100]

    let cluster: NetnsCluster
    let watcher: VIPWatcher
    let profile: TimerProfile
    let nodes: [String: KeepalivedNode]

    var implementation: Implementation { .keepalived }

    static func start(_ profile: TimerProfile, sampleInterval: Duration) async throws -> KeepalivedPair {
        try KeepalivedNode.requireInstalled()
        let cluster = try ClusterRegistry.shared.makeCluster(.pair(profile))
        do {
            var nodes: [String: KeepalivedNode] = [:]
            for (name, priority) in priorities {
                nodes[name] = try KeepalivedNode(
                    cluster: cluster, name: name, priority: priority, preferred: name == "alpha", advertInterval: profile.keepalive)
            }
            let pair = KeepalivedPair(
                cluster: cluster, watcher: try VIPWatcher(cluster: cluster, interval: sampleInterval), profile: profile, nodes: nodes)
            try nodes["alpha"]!.start()
            try nodes["bravo"]!.start()
            try await pair.waitFor(
                "alpha alone holds the address as MASTER, bravo BACKUP", timeout: profile.keepalive * 10 + .seconds(10), poll: .milliseconds(5)
            ) {
                pair.watcher.holders == ["alpha"] && nodes["alpha"]!.state == "MASTER" && nodes["bravo"]!.state == "BACKUP"
            }
            try await Task.sleep(for: profile.keepalive * 2)
            return pair
        } catch {
            ClusterRegistry.shared.release(cluster)
            throw error
        }
    }

    func crash(_ node: String) throws -> MonotonicTime {
        let keepalived = try self.node(node)
        let instant = SystemClock.now()
        try keepalived.crash()
        return instant
    }

    func cut(_ node: String) throws { try self.node(node).cut() }

    /// In node order (alpha, then bravo), as `NetnsCluster.healAll` does.
    func healAll() throws {
        for node in cluster.nodes { try self.node(node.name).heal() }
    }

    func stop(_ node: String) async throws -> (signalled: MonotonicTime, exited: MonotonicTime) {
        let signalled = SystemClock.now()
        let took = try await self.node(node).stop(timeout: .seconds(10))
        return (signalled, signalled + took)
    }

    /// The stale address removed (keepalived would remove it at start anyway).
    func resetAfterCrash(_ node: String) throws {
        _ = try cluster.run(in: node, ["ip", "addr", "del", "\(NetnsCluster.serviceAddress)/24", "dev", NetnsCluster.interface])
    }

    func restart(_ node: String) throws -> MonotonicTime {
        let keepalived = try self.node(node)
        let instant = SystemClock.now()
        try keepalived.start()
        return instant
    }

    /// Its log last entered MASTER or BACKUP (not FAULT, not yet nothing).
    func isStable(_ node: String) -> Bool {
        guard let state = nodes[node]?.state else { return false }
        return state == "MASTER" || state == "BACKUP"
    }

    func finish() {
        watcher.stop()
        ClusterRegistry.shared.release(cluster)
    }

    private func node(_ name: String) throws -> KeepalivedNode {
        guard let node = nodes[name] else { throw HarnessError.unknownNode(name, known: nodes.keys.sorted()) }
        return node
    }
}
