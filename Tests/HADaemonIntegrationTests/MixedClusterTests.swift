import Foundation
import HAProtocol
import HATestSupport
import Testing

/// A mixed cluster: alpha runs `hadaemon`, bravo runs the real Linux-HA Heartbeat 3.0.6 (Debian
/// package `heartbeat`), both with the same ha.cf, authkeys and haresources. They must see each
/// other `active` and move the service address both ways.
///
/// Timers are ones Heartbeat accepts (deadtime > 2 × keepalive, initdead >= 10 s or it warns).
/// When Heartbeat is missing these tests FAIL naming the package: scripts/setup installs it.
@Suite(.serialized)
struct MixedClusterTests {
    static let vip = NetnsCluster.serviceAddress

    /// alpha = hadaemon, bravo = Heartbeat, `home` owns the address group. Both started.
    func mixedPair(home: String = "alpha", autoFailback: AutoFailback = .on) async throws -> (NetnsCluster, HeartbeatNode) {
        try HeartbeatNode.requireInstalled()
        let spec = ClusterSpec.withHeartbeat(home: home, autoFailback: autoFailback)
        let cluster = try NetnsCluster(spec)
        do {
            let bravo = try HeartbeatNode(cluster: cluster, name: "bravo")
            try bravo.start()
            try cluster.start("alpha")
            return (cluster, bravo)
        } catch {
            cluster.shutdown()
            throw error
        }
    }

    func teardown(_ cluster: NetnsCluster, _ bravo: HeartbeatNode) {
        bravo.shutdown()
        cluster.shutdown()
    }

    /// Both nodes active in each other's eyes, and `holder` alone holds the address.
    func waitSettled(_ cluster: NetnsCluster, _ bravo: HeartbeatNode, holder: String, timeout: Duration = .seconds(40)) async throws {
        try await cluster.waitUntil("both active, only \(holder) holds \(Self.vip)", timeout: timeout, poll: .milliseconds(100)) {
            guard try cluster.serviceAddressHolders() == [holder] else { return false }
            return try bothActive(cluster, bravo)
        }
    }

    /// hadaemon alpha sees Heartbeat bravo active and bravo's `cl_status` says alpha is active.
    func bothActive(_ cluster: NetnsCluster, _ bravo: HeartbeatNode) throws -> Bool {
        guard cluster.snapshot("alpha")?.node("bravo")?.status == .active else { return false }
        return try bravo.clStatus("nodestatus", "alpha").stdout == "active"
    }

    /// Neither side has a resource move under way: alpha's own state is stable and Heartbeat's
    /// `rscstatus` is not `transition` (spec §4.7).
    func bothStable(_ cluster: NetnsCluster, _ bravo: HeartbeatNode) throws -> Bool {
        guard let seen = cluster.snapshot("alpha"), seen.node("alpha")?.stable == true, seen.node("bravo")?.status == .active else {
            return false
        }
        let rscstatus = try bravo.clStatus("rscstatus")
        return rscstatus.succeeded && rscstatus.stdout != "transition"
    }

    /// No packet either side sent was refused by the other: Heartbeat logs no authentication or
    /// format complaint, hadaemon dropped nothing and raised no `bad_packets` alert.
    func expectNoRejectedPackets(_ cluster: NetnsCluster, _ bravo: HeartbeatNode, sourceLocation: SourceLocation = #_sourceLocation) {
        let complaints = bravo.complaints()
        #expect(complaints.isEmpty, "Heartbeat complains: \(complaints.joined(separator: "\n"))", sourceLocation: sourceLocation)
        let dropped = cluster.log("alpha").split(separator: "\n").filter { $0.contains("dropped packet") || $0.contains("replay attack") }
        #expect(dropped.isEmpty, "hadaemon dropped: \(dropped.joined(separator: "\n"))", sourceLocation: sourceLocation)
        let alerts = cluster.snapshot("alpha")?.alerts.filter { $0.kind == .badPackets } ?? []
        #expect(alerts.isEmpty, "\(alerts)", sourceLocation: sourceLocation)
    }

    func context(_ cluster: NetnsCluster) -> Comment {
        Comment(rawValue: cluster.describe())
    }

    @Test("membership both ways: Heartbeat sees alpha active and its link up, hadaemon sees bravo active, no complaints")
    func membership() async throws {
        let (cluster, bravo) = try await mixedPair()
        defer { teardown(cluster, bravo) }
        try await waitSettled(cluster, bravo, holder: "alpha")
        let nodeStatus = try bravo.clStatus("nodestatus", "alpha")
        #expect(nodeStatus.stdout == "active" && nodeStatus.succeeded, "\(nodeStatus)")
        let link = try bravo.clStatus("hblinkstatus", "alpha", "hb0")
        #expect(link.stdout == "up" && link.succeeded, "\(link)")
        #expect(try bravo.clStatus("nodestatus", "bravo").stdout == "active")
        let seen = try #require(cluster.snapshot("alpha"))
        #expect(seen.node("bravo")?.status == .active)
        #expect(seen.node("bravo")?.links.first?.status == .up)
        #expect(bravo.complaints().isEmpty, "Heartbeat complains: \(bravo.complaints().joined(separator: "\n"))")
        #expect(cluster.log("bravo").contains("info: Status update for node alpha: status active"))
        // Heartbeat's first status says `st=init`: hadaemon must wait for `up` before comm-up and
        // negotiate, not take the peer for absent and acquire alone.
        #expect(!cluster.log("alpha").contains("T_STARTING received during takeover."))
        #expect(cluster.log("alpha").contains("Initial resource acquisition complete (T_RESOURCES"))
    }

    @Test("SIGKILL of hadaemon alpha, the home node: Heartbeat bravo takes the address")
    func heartbeatTakesOver() async throws {
        let (cluster, bravo) = try await mixedPair()
        defer { teardown(cluster, bravo) }
        try await waitSettled(cluster, bravo, holder: "alpha")
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(10), poll: .milliseconds(50)) {
            try cluster.holdsServiceAddress("bravo")
        }
        #expect(cluster.log("bravo").contains("WARN: node alpha: is dead"))
        try await cluster.waitUntil("bravo reports alpha dead", timeout: .seconds(5), poll: .milliseconds(100)) {
            try bravo.clStatus("nodestatus", "alpha").stdout == "dead"
        }
    }

    @Test("SIGKILL of Heartbeat bravo, the home node: hadaemon alpha takes the address")
    func hadaemonTakesOverAfterKill() async throws {
        let (cluster, bravo) = try await mixedPair(home: "bravo")
        defer { teardown(cluster, bravo) }
        try await waitSettled(cluster, bravo, holder: "bravo")
        bravo.kill()
        try await cluster.waitUntil("alpha takes over", timeout: .seconds(10), poll: .milliseconds(50)) {
            try cluster.holdsServiceAddress("alpha")
        }
        #expect(cluster.log("alpha").contains("WARN: node bravo: is dead"))
        #expect(cluster.snapshot("alpha")?.node("bravo")?.status == .dead)
    }

    @Test("clean stop of Heartbeat bravo, the home node: hadaemon alpha takes the address, the stop returns")
    func hadaemonTakesOverAfterStop() async throws {
        let (cluster, bravo) = try await mixedPair(home: "bravo")
        defer { teardown(cluster, bravo) }
        try await waitSettled(cluster, bravo, holder: "bravo")
        try await bravo.stop(timeout: .seconds(20))
        try await cluster.waitUntil("alpha holds it, bravo released it", timeout: .seconds(10), poll: .milliseconds(50)) {
            try cluster.serviceAddressHolders() == ["alpha"]
        }
        #expect(cluster.log("alpha").contains("info: Received shutdown notice from 'bravo'."))
    }
}
