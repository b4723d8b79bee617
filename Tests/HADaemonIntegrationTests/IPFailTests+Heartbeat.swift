import Foundation
import HAProtocol
import HATestSupport
import Testing

/// ipfail in a mixed pair: alpha runs hadaemon (ipfail done natively), bravo runs Heartbeat 3.0.6
/// with the real `/usr/libexec/heartbeat/ipfail` respawned. The two exchange ipfail's messages
/// over the heartbeat links, so the address moves both ways as between two Heartbeat nodes.
extension IPFailTests {
    static let heartbeatIPFailLine = "respawn hacluster /usr/libexec/heartbeat/ipfail"

    @Test("with Heartbeat's own ipfail on the peer: cutting hadaemon's path to the ping node moves the address there and back")
    func mixedPairWithRealIPFail() async throws {
        try HeartbeatNode.requireInstalled()
        var spec = ClusterSpec.withHeartbeat(home: "alpha")
        spec.extraDirectives = ["deadping 2", "ping \(NetnsCluster.pingNodeAddress)", Self.heartbeatIPFailLine]
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        try cluster.addPingNode()
        let bravo = try HeartbeatNode(cluster: cluster, name: "bravo")
        defer { bravo.shutdown() }
        try bravo.start()
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha holds the address, both stable, bravo's ipfail started", timeout: .seconds(40), poll: .milliseconds(100)) {
            guard try cluster.serviceAddressHolders() == ["alpha"], let seen = cluster.snapshot("alpha") else { return false }
            guard seen.node("bravo")?.status == .active, seen.node("alpha")?.stable == true else { return false }
            return try bravo.clStatus("rscstatus").stdout != "transition" && cluster.log("bravo").contains("ipfail")
        }
        try cluster.cutPingPath("alpha")
        try await cluster.waitUntil("the address moves to Heartbeat bravo", timeout: .seconds(20), poll: .milliseconds(100)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        #expect(cluster.log("alpha").contains("ipfail: Giving up because we were told that we have less ping nodes."))
        #expect(cluster.log("bravo").contains("Telling other node that we have more visible ping nodes."))
        try await cluster.waitUntil("both stable again", timeout: .seconds(20), poll: .milliseconds(100)) {
            guard cluster.snapshot("alpha")?.node("alpha")?.stable == true else { return false }
            return try bravo.clStatus("rscstatus").stdout != "transition"
        }
        try cluster.restorePingPath("alpha")
        try await cluster.waitUntil("the address moves back to alpha", timeout: .seconds(20), poll: .milliseconds(100)) {
            try cluster.serviceAddressHolders() == ["alpha"]
        }
        #expect(cluster.log("bravo").contains("Giving up foreign resources (auto_failback)."))
        let complaints = bravo.complaints()
        #expect(complaints.isEmpty, "Heartbeat complains: \(complaints.joined(separator: "\n"))")
    }
}
