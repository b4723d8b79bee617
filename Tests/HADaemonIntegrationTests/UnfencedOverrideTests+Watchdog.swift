import Foundation
import HAProtocol
import HATestSupport
import Testing

extension UnfencedOverrideTests {
    @Test("a watchdog device missing on the node: refused without the flag; with it the unfenced_override alert names the line")
    func missingWatchdogIsInTheAlert() async throws {
        let line = "watchdog /dev/hadaemon-no-such-watchdog"
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.extraDirectives = [line]
        let refused = try NetnsCluster(spec)
        defer { refused.shutdown() }
        try refused.start("alpha")
        try await refused.waitUntil("alpha exits", timeout: .seconds(5)) { !refused.isRunning("alpha") }
        #expect(refused.exitStatus("alpha") == .exited(6))
        let stderr = try String(contentsOfFile: refused.node("alpha").stderrFile, encoding: .utf8)
        #expect(stderr.contains(":17: error: watchdog device '/dev/hadaemon-no-such-watchdog' does not exist on this host"), "\(stderr)")
        refused.shutdown()

        let cluster = try await startedPair { spec in
            spec.extraDirectives = [line]
            spec.daemon = try builtDaemon(adding: ["--allow-unfenced"])
        }
        defer { cluster.shutdown() }
        let alert = try #require(snapshot(cluster, "alpha")?.alerts.first { $0.kind == .unfencedOverride }, "\(cluster.logTail("alpha"))")
        #expect(alert.message == "running unfenced by override (--allow-unfenced): alpha does not honour watchdog (line 17)", "\(alert)")
        #expect(alert.evidence.contains { $0.contains(":17: watchdog device '/dev/hadaemon-no-such-watchdog' does not exist") }, "\(alert.evidence)")
    }
}
