import Foundation
import HAFixtures
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `haconsole status --json` from a live pair validates against docs/status.schema.json, with
/// Python's jsonschema (Debian's python3-jsonschema; scripts/setup installs it).
@Suite(.serialized)
struct StatusJSONSchemaTests {
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/status.schema.json").path

    /// Records an issue unless `json` validates; a missing module fails too, naming the package.
    static func expectValid(_ json: String, _ what: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("status-live-\(getpid())-\(UInt32.random(in: 0...999_999)).json")
            .path
        try json.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = "import jsonschema,json,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))"
        let output = try HostCommand.run(["/usr/bin/python3", "-c", script, path, schemaPath], timeout: .seconds(30))
        if output.stderr.contains("No module named 'jsonschema'") {
            Issue.record("/usr/bin/python3 (Debian's) has no jsonschema module: install Debian's python3-jsonschema (scripts/setup does)")
            return
        }
        #expect(output.succeeded, "\(what) does not validate: \(output.stderr.suffix(2000))")
        #expect(json.contains(#""schema" : "haconsole-status/1""#), "\(json.prefix(400))")
    }

    @Test("status --json of a live pair, healthy and then with its peer SIGKILLed, and with no daemon, validates against the schema")
    func livePair() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let alpha = try cluster.node("alpha")
        let drbd = try Fixtures.url("drbd/proc-drbd/8.4-healthy-primary.txt").path
        let arguments = [
            try ConsoleStatusTests.console(), "status", "--json", "--socket", alpha.socketPath, "--log", alpha.logFile, "--proc-drbd", drbd,
        ]
        let healthy = try HostCommand.run(arguments)
        #expect(healthy.status == .exited(0), "\(healthy.stdout)")
        try Self.expectValid(healthy.stdout, "the healthy pair's document")
        try cluster.kill("bravo")
        try await cluster.waitUntil("alpha declares bravo dead", timeout: .seconds(5)) { snapshot(cluster, "alpha")?.node("bravo")?.status == .dead }
        let dead = try HostCommand.run(arguments)
        #expect(dead.status == .exited(2), "\(dead.stdout)")
        #expect(dead.stdout.contains(#""message" : "bravo is dead""#), "\(dead.stdout)")
        try Self.expectValid(dead.stdout, "the document with bravo dead")
        let none = try HostCommand.run([
            try ConsoleStatusTests.console(), "status", "--json", "--socket", alpha.directory + "/missing.sock", "--log", alpha.logFile,
        ])
        #expect(none.status == .exited(1))
        try Self.expectValid(none.stdout, "the document with no daemon")
    }
}
