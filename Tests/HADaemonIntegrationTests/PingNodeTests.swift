import Foundation
import HAProtocol
import HATestSupport
import Testing

/// `ping` nodes over real ICMP between namespaces: reported, never moving anything (as in
/// Heartbeat without ipfail).
@Suite(.serialized)
struct PingNodeTests {
    @Test("a ping node answering ICMP is 'ping'; silenced by a firewall it becomes 'dead' after deadping, and the address stays")
    func pingNodeLifecycle() async throws {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.extraDirectives = ["deadping 600ms", "ping 192.0.2.12"]
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try cluster.start("bravo")
        try await cluster.waitUntil("alpha sees the ping node answer", timeout: .seconds(6)) {
            snapshot(cluster, "alpha")?.node("192.0.2.12")?.status == .ping
        }
        #expect(snapshot(cluster, "alpha")?.node("192.0.2.12")?.type == .ping)
        _ = try cluster.run(in: "bravo", ["iptables", "-I", "INPUT", "-p", "icmp", "-j", "DROP"])
        try await cluster.waitUntil("the ping node is declared dead", timeout: .seconds(4)) {
            snapshot(cluster, "alpha")?.node("192.0.2.12")?.status == .dead
        }
        #expect(cluster.log("alpha").contains("WARN: node 192.0.2.12: is dead"))
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        _ = try cluster.run(in: "bravo", ["iptables", "-D", "INPUT", "-p", "icmp", "-j", "DROP"])
    }
}
