import Foundation
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// A line naming a client of Heartbeat's API, which hadaemon does not serve, stops the node; `--allow-unfenced` runs it with
/// the risk visible in ha-log, the snapshot and the console (issue 12, "Nothing ignored").
@Suite(.serialized)
struct UnfencedOverrideTests {
    static let fenceLine = "respawn hacluster /usr/lib/heartbeat/ccm"

    @Test("without --allow-unfenced a node with a respawn line does not start: exit 6, the error on stderr, no address")
    func refusedWithoutFlag() async throws {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.extraDirectives = [Self.fenceLine]
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        let node = try cluster.node("alpha")
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha exits", timeout: .seconds(5)) { !cluster.isRunning("alpha") }
        #expect(cluster.exitStatus("alpha") == .exited(6))
        let stderr = try String(contentsOfFile: node.stderrFile, encoding: .utf8)
        #expect(
            stderr.contains(":17: error: respawn is not honoured by hadaemon: ccm is a client of Heartbeat's API, which hadaemon does not serve"),
            "\(stderr)")
        #expect(stderr.contains("or run 'hadaemon run --allow-unfenced' to accept the risk"))
        #expect(!cluster.log("alpha").contains("Configuration validated"))
        #expect(try cluster.serviceAddressHolders().isEmpty)
    }

    @Test("with --allow-unfenced the pair runs; ha-log warns of the line and the snapshot, status --json and the text status carry the alert")
    func overrideShowsAlert() async throws {
        let cluster = try await startedPair { spec in
            spec.extraDirectives = [Self.fenceLine]
            spec.daemon = try builtDaemon(adding: ["--allow-unfenced"])
        }
        defer { cluster.shutdown() }
        #expect(
            cluster.log("alpha").contains("respawn is not honoured by hadaemon: ccm is a client of Heartbeat's API, which hadaemon does not serve"))
        #expect(cluster.log("alpha").contains("running without it because --allow-unfenced was given"))
        let alert = try #require(snapshot(cluster, "alpha")?.alerts.first { $0.kind == .unfencedOverride })
        #expect(alert.severity == .critical && alert.node == "alpha")
        #expect(alert.message == "running unfenced by override (--allow-unfenced): alpha does not honour respawn (line 17)")
        #expect(alert.evidence.count == 1 && alert.evidence[0].hasSuffix(":17: \(Self.fenceLine): not honoured by hadaemon"))

        let console = try NetnsCluster.builtDaemon().executable.replacingOccurrences(of: "/hadaemon", with: "/haconsole")
        let socket = try cluster.node("alpha").socketPath
        let json = try HostCommand.run([console, "status", "--json", "--socket", socket])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let alerts = (document?["snapshot"] as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
        #expect(alerts.contains { $0["kind"] as? String == "unfenced_override" && $0["severity"] as? String == "critical" }, "\(json.stdout)")
        let text = try HostCommand.run([console, "status", "--socket", socket])
        #expect(
            text.stdout.contains("running unfenced by override (--allow-unfenced): alpha does not honour respawn (line 17)"), "\(text.stdout)")
    }
}
