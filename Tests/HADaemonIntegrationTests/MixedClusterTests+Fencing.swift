import Foundation
import HAProtocol
import HATestSupport
import Testing

/// STONITH across a mixed pair (issue 12): real Heartbeat 3.0.6 resets the hadaemon node through
/// the same cluster-glue plugin hadaemon uses, and the other way round; each side's `t=stonith`
/// reaches the other. Heartbeat logs nothing when it receives one, so what proves it "sees"
/// hadaemon's is the datagram captured on its side and Heartbeat's silence about it (no
/// complaint), while hadaemon logs and records Heartbeat's.
extension MixedClusterTests {
    /// alpha (hadaemon) holds the address; both nodes' ha.cf name the plugin, armed with both pids.
    func fencedMixedPair(_ plugin: StonithTestPlugin) async throws -> (NetnsCluster, HeartbeatNode) {
        try HeartbeatNode.requireInstalled()
        var spec = ClusterSpec.withHeartbeat(home: "alpha")
        spec.extraDirectives.append(plugin.stonithHostLine)
        let cluster = try NetnsCluster(spec)
        do {
            let bravo = try HeartbeatNode(cluster: cluster, name: "bravo")
            try bravo.start()
            try cluster.start("alpha")
            try await waitSettled(cluster, bravo, holder: "alpha")
            try plugin.arm(cluster)
            let master = try #require(bravo.masterControlPID, "Heartbeat's pid file")
            try plugin.arm("bravo", pid: master, namespace: bravo.node.namespace)
            return (cluster, bravo)
        } catch {
            cluster.shutdown()
            throw error
        }
    }

    @Test("Heartbeat resets the hadaemon node with the same plugin, retrying once; hadaemon logs Heartbeat's t=stonith")
    func heartbeatFencesHadaemon() async throws {
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let (cluster, bravo) = try await fencedMixedPair(plugin)
        defer { teardown(cluster, bravo) }
        try plugin.failNext(1)
        // Only bravo goes deaf: it declares alpha dead and fences it; alpha still hears bravo.
        try cluster.cut("bravo")
        try await cluster.waitUntil("alpha hears Heartbeat's failed reset", timeout: .seconds(15)) {
            cluster.log("alpha").contains("WARN: STONITH of alpha by bravo: bad")
        }
        try await cluster.waitUntil("bravo resets alpha and holds the address alone", timeout: .seconds(20)) {
            try plugin.calls() == ["reset alpha failed", "reset alpha done"] && cluster.serviceAddressHolders() == ["bravo"]
        }
        let log = cluster.log("bravo")
        #expect(log.contains("info: Resetting node alpha with ["), "\(cluster.logTail("bravo", lines: 30))")
        #expect(log.contains("STONITH of alpha failed.  Retrying..."))
        #expect(log.contains("info: node alpha now reset."))
        #expect(!cluster.isRunning("alpha"), "alpha was powered off")
    }

    @Test("hadaemon resets the Heartbeat node with the same plugin, retrying once; Heartbeat receives its t=stonith without complaint")
    func hadaemonFencesHeartbeat() async throws {
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let (cluster, bravo) = try await fencedMixedPair(plugin)
        defer { teardown(cluster, bravo) }
        try plugin.failNext(1)
        let alphaAddress = try cluster.node("alpha").address
        let namespace = bravo.node.namespace
        let capture = Task.detached {
            try PacketCapture.capture(in: namespace, source: alphaAddress, port: 694, duration: .seconds(8), limit: 2000)
        }
        // Only alpha goes deaf: it holds the address, so it resets bravo at once.
        try cluster.cut("alpha")
        try await cluster.waitUntil("alpha resets bravo after one failure", timeout: .seconds(20)) {
            plugin.calls() == ["reset bravo failed", "reset bravo done"] && !bravo.isRunning
        }
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        let log = cluster.log("alpha")
        #expect(log.contains("info: Resetting node bravo with [\(plugin.type)]"), "\(cluster.logTail("alpha", lines: 30))")
        #expect(log.contains("ERROR: STONITH of bravo failed.  Retrying..."))
        #expect(log.contains("info: node bravo now reset."))
        let payloads = try await capture.value.map { String(decoding: $0, as: UTF8.self) }
        let stonith = payloads.filter { $0.contains("t=stonith") && $0.contains("node=bravo") && $0.contains("result=bad") }
        #expect(!stonith.isEmpty, "bravo's side saw \(payloads.count) datagrams from alpha, none a t=stonith result=bad")
        let complaints = bravo.complaints()
        #expect(complaints.isEmpty, "Heartbeat complains: \(complaints.joined(separator: "\n"))")
    }
}
