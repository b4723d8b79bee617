import Foundation
import Glibc
import HAProtocol
import HATestSupport
import Testing

extension FencingTests {
    @Test("a clean stop whose group fails to stop: the node falls silent, the peer resets it, then holds the address alone")
    func failedStopIsFencedByThePeer() async throws {
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let cluster = try await startedPair { spec in
            spec.installsFlakyScript = true
            spec.groups = [GroupSpec(node: "alpha", resources: ["IPaddr2::\(NetnsCluster.serviceAddress)/24/hb0", "flaky"])]
            spec.extraDirectives.append(plugin.stonithHostLine)
            spec.daemon = try builtDaemon(adding: ["--fencing-delay", Self.fencingDelay, "--script-timeout", "2"])
        }
        defer { cluster.shutdown() }
        try plugin.arm(cluster)
        // flaky's stop now hangs until the 2 s script timeout: the group "may still be running".
        try cluster.hangFlaky("alpha", "stop", true)
        try cluster.signal("alpha", SIGTERM)
        var bravoHeldEarly = false
        try await cluster.waitUntil("bravo resets alpha and holds the address alone", timeout: .seconds(20)) {
            if plugin.calls().isEmpty { bravoHeldEarly = try bravoHeldEarly || cluster.holdsServiceAddress("bravo") }
            return try plugin.calls() == ["reset alpha done"] && cluster.serviceAddressHolders() == ["bravo"]
        }
        #expect(!bravoHeldEarly, "bravo took nothing before the reset")
        let alphaLog = cluster.log("alpha")
        #expect(alphaLog.contains("CRIT: Resource STOP failure. Reboot required!"), "\(cluster.logTail("alpha", lines: 20))")
        #expect(alphaLog.contains("CRIT: Heartbeats stopped: bravo is to reset this node"))
        let log = cluster.log("bravo")
        let dead = try #require(log.range(of: "node alpha: is dead"), "\(cluster.logTail("bravo", lines: 20))")
        let reset = try #require(log.range(of: "info: node alpha now reset."))
        let acquired = try #require(log.range(of: "info: Resources being acquired from alpha."))
        #expect(dead.lowerBound < reset.lowerBound && reset.lowerBound < acquired.lowerBound)
        #expect(!cluster.isRunning("alpha"), "alpha was powered off")
    }
}
