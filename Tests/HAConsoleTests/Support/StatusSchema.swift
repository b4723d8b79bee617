import Foundation
import HAHost
import Testing

/// Validates a `status --json` document against `docs/status.schema.json` with Python's
/// `jsonschema` (Debian's python3-jsonschema, which scripts/setup installs). A missing module
/// fails the test, naming the package: the schema must never go unchecked silently.
enum StatusSchema {
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/status.schema.json").path

    static let script = "import jsonschema,json,sys; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))"

    /// Records an issue (with the validator's words) unless `document` is valid.
    static func expectValid(_ document: Data, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(getpid())-\(UInt32.random(in: 0...999_999)).json").path
        try document.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = SpawnedCommand.run(ProcessLaunch(["/usr/bin/python3", "-c", script, path, schemaPath]), timeout: .seconds(30))
        let said = String(decoding: run.output, as: UTF8.self)
        if said.contains("No module named 'jsonschema'") {
            Issue.record(
                "/usr/bin/python3 (Debian's) has no jsonschema module: install Debian's python3-jsonschema (scripts/setup does)",
                sourceLocation: sourceLocation)
            return
        }
        #expect(run.outcome == .exited(0), "\(what) does not validate against \(schemaPath): \(said.suffix(2000))", sourceLocation: sourceLocation)
    }
}
