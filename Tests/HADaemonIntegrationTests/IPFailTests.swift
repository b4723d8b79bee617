import Foundation
import HAProtocol
import HATestSupport
import Testing

/// ipfail over real ICMP (issue 12): a third namespace is the ping node, reachable from both
/// nodes over the cluster's bridge. Cutting the holder's path to it moves the service address to
/// the peer; restoring it moves the address back (`auto_failback on`); cutting both paths moves
/// nothing.
@Suite(.serialized)
struct IPFailTests {
    static let ipfailLine = "respawn hacluster /usr/lib/heartbeat/ipfail"

    /// A settled pair with ipfail and the ping node answering both nodes.
    func ipfailPair() async throws -> NetnsCluster {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        // ipfail's giveup waits two keepalives, one more than the nodes' pings are apart: a
        // 200 ms keepalive leaves 200 ms for the two cuts of one test to land together.
        spec.keepalive = .milliseconds(200)
        spec.deadtime = .seconds(1)
        spec.warntime = .milliseconds(500)
        spec.initdead = .seconds(2)
        spec.extraDirectives = ["deadping 1", "ping \(NetnsCluster.pingNodeAddress)", Self.ipfailLine]
        let cluster = try NetnsCluster(spec)
        do {
            try cluster.addPingNode()
            try cluster.start("alpha")
            try cluster.start("bravo")
            try await cluster.waitUntil("alpha holds the address and both nodes see the ping node", timeout: .seconds(8)) {
                try cluster.serviceAddressHolders() == ["alpha"] && settled(cluster)
                    && ["alpha", "bravo"].allSatisfy { snapshot(cluster, $0)?.node(NetnsCluster.pingNodeAddress)?.status == .ping }
            }
        } catch {
            cluster.shutdown()
            throw error
        }
        return cluster
    }

    @Test("cutting the holder's path to the ping node moves the address to the peer; restoring it moves the address back")
    func movesAndReturns() async throws {
        let cluster = try await ipfailPair()
        defer { cluster.shutdown() }
        try cluster.cutPingPath("alpha")
        try await cluster.waitUntil("the address moves to bravo", timeout: .seconds(6)) {
            try cluster.serviceAddressHolders() == ["bravo"] && settled(cluster)
        }
        #expect(cluster.log("alpha").contains("ipfail: Giving up because we were told that we have less ping nodes."))
        #expect(cluster.log("bravo").contains("ipfail: Telling other node that we have more visible ping nodes."))
        try cluster.restorePingPath("alpha")
        try await cluster.waitUntil("the address moves back to alpha", timeout: .seconds(6)) {
            try cluster.serviceAddressHolders() == ["alpha"] && settled(cluster)
        }
        #expect(cluster.log("bravo").contains("ipfail: Giving up foreign resources (auto_failback)."))
    }

    @Test("cutting both nodes' paths to the ping node moves nothing")
    func bothCutMovesNothing() async throws {
        let cluster = try await ipfailPair()
        defer { cluster.shutdown() }
        try cluster.cutPingPath("alpha")
        try cluster.cutPingPath("bravo")
        try await cluster.waitUntil("both nodes see the ping node dead", timeout: .seconds(5)) {
            ["alpha", "bravo"].allSatisfy { snapshot(cluster, $0)?.node(NetnsCluster.pingNodeAddress)?.status == .dead }
        }
        // Long enough for any giveup (two keepalives) and the standby it would start.
        for _ in 0..<30 {
            #expect(try cluster.serviceAddressHolders() == ["alpha"])
            try await Task.sleep(for: .milliseconds(100))
        }
        try cluster.restorePingPath("alpha")
        try cluster.restorePingPath("bravo")
        for _ in 0..<30 {
            #expect(try cluster.serviceAddressHolders() == ["alpha"])
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(!cluster.log("alpha").contains("wants to go standby"))
        #expect(!cluster.log("bravo").contains("wants to go standby"))
    }
}
