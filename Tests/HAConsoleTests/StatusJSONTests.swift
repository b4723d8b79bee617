import Foundation
import HAHost
import HAProtocol
import Testing

@testable import HAConsole

/// `status --json` as a versioned document: its top level, its names, and the JSON Schema in
/// docs/ that every shape of it validates against.
@Suite struct StatusJSONTests {
    static func report(_ snapshot: ClusterSnapshot?, local: DRBDStatus? = nil, reachable: Bool = true) -> StatusReport {
        StatusReport(
            daemon: .init(socket: "/run/hadaemon/hadaemon.sock", reachable: reachable, error: reachable ? nil : "connection refused"),
            snapshot: snapshot, drbd: .init(source: "/proc/drbd", error: nil, local: local, nodes: [:]),
            log: .init(path: "/var/log/ha-log", error: nil, lines: Pair.healthyLog), hostNode: "alpha")
    }

    static func encoded(_ report: StatusReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(report)
    }

    static func object(_ report: StatusReport) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: encoded(report)) as? [String: Any])
    }

    static var healthy: StatusReport {
        let state = Pair.healthy()
        return report(state.snapshot, local: state.drbd["alpha"])
    }

    static var reports: [(String, StatusReport)] {
        var bravo = Pair.node("bravo", status: .dead, heard: 4_000, links: [.dead, .dead])
        bravo.stoppedCleanly = true
        return [
            ("the healthy pair with DRBD", healthy),
            ("a failing fence", report(FencingPair.failing())),
            ("a split brain", report(Pair.snapshot(holders: ["alpha", "bravo"]))),
            ("a peer stopped cleanly", report(Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .all), bravo]))),
            ("an unreachable daemon", report(nil, local: Pair.drbd(Pair.alphaConnected), reachable: false)),
        ]
    }

    @Test("the top level says its schema and version, the check's verdict, status's exit and the screen's alerts")
    func topLevel() throws {
        let object = try Self.object(Self.healthy)
        #expect(object["schema"] as? String == "haconsole-status/1")
        let check = try #require(object["check"] as? [String: Any])
        #expect(check["state"] as? String == "ok")
        #expect(check["exitCode"] as? Int == 0)
        #expect((check["line"] as? String)?.hasPrefix("HACLUSTER OK - alpha holds 1/1 groups") == true)
        #expect(object["statusExitCode"] as? Int == 0)
        #expect((object["alerts"] as? [Any])?.isEmpty == true)
        let dead = try Self.object(Self.report(Pair.snapshot(nodes: [Pair.node("alpha", heard: nil), Pair.node("bravo", status: .dead)])))
        #expect((dead["alerts"] as? [[String: Any]])?.first?["message"] as? String == "bravo is dead")
        #expect(dead["statusExitCode"] as? Int == 2)
    }

    @Test("drbd.resources names every node's view in DRBD's words, beside the old fields kept for old readers")
    func drbdResources() throws {
        let drbd = try #require(try Self.object(Self.healthy)["drbd"] as? [String: Any])
        let resources = try #require(drbd["resources"] as? [[String: Any]])
        #expect(resources.map { $0["node"] as? String } == ["alpha", "bravo"])
        #expect(resources.map { $0["role"] as? String } == ["Primary", "Secondary"])
        let peer = try #require((resources.first?["peers"] as? [[String: Any]])?.first)
        #expect(peer["connection"] as? String == "Connected")
        #expect(peer["splitBrain"] as? Bool == false)
        #expect((peer["volumes"] as? [[String: Any]])?.first?["replication"] as? String == "Established")
        #expect(drbd["local"] != nil && drbd["nodes"] != nil)
    }

    @Test("every shape of the document validates against docs/status.schema.json")
    func validates() throws {
        for (what, report) in Self.reports {
            try StatusSchema.expectValid(try Self.encoded(report), what)
        }
    }

    @Test("the schema refuses a document without its version (the validator is really checking)")
    func refuses() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("status-bad-\(getpid()).json").path
        try Data(#"{"daemon":{"socket":"x","reachable":false}}"#.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = SpawnedCommand.run(ProcessLaunch(["python3", "-c", StatusSchema.script, path, StatusSchema.schemaPath]), timeout: .seconds(30))
        #expect(run.outcome == .exited(1))
        #expect(String(decoding: run.output, as: UTF8.self).contains("'schema' is a required property"))
    }
}
