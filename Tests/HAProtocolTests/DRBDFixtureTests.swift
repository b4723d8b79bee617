import Foundation
import HAFixtures
import HAProtocol
import Testing

/// Loads the shared DRBD samples, `Fixtures/drbd/` of `HAFixtures` (provenance: the shared SOURCES.md).
enum DRBDFixture {
    static let folders = ["proc-drbd", "status-text", "status-json", "events2", "legacy", "kernel-log"]

    /// The text of `folder/name`.
    static func text(_ path: String) throws -> String {
        try Fixtures.text("drbd/\(path)")
    }

    /// Every fixture file as `folder/name`.
    static func all() throws -> [String] {
        var paths: [String] = []
        for folder in folders {
            paths += try Fixtures.names(in: "drbd/\(folder)").map { "\(folder)/\($0)" }
        }
        return paths.sorted()
    }

    /// Parses a fixture with the parser its folder and name call for.
    static func parse(_ path: String) throws -> DRBDParseResult {
        let text = try text(path)
        switch path.split(separator: "/").first! {
        case "proc-drbd": return DRBDProcParser.parse(text)
        case "status-text": return DRBDStatusTextParser.parse(text)
        case "status-json": return try DRBDStatusJSONParser.parse(text)
        case "events2": return DRBDEvents2Parser.parse(text)
        case "legacy":
            if path.contains("xml") { return DRBDLegacyStatusParser.parseXML(text) }
            if path.contains("sh-status") { return DRBDLegacyStatusParser.parseShStatus(text) }
            if path.contains("events-v1") { return DRBDEventsV1Parser.parse(text) }
            return DRBDLegacyTableParser.parse(text)
        default: return DRBDParseResult(status: DRBDStatus())
        }
    }
}

@Suite struct DRBDFixtureTests {
    @Test("every shared DRBD sample is present, and every status sample parses without problems")
    func everySampleParses() throws {
        let paths = try DRBDFixture.all()
        #expect(paths.count == 62)
        for path in paths where !path.hasPrefix("kernel-log") {
            let result = try DRBDFixture.parse(path)
            #expect(result.problems.isEmpty, "\(path): \(result.problems)")
            let expectsResources = !path.contains("9.1-version-only") && !path.contains("create-destroy")
            #expect(result.status.resources.isEmpty != expectsResources, "\(path)")
        }
    }

    @Test("every kernel-log sample line is a classified DRBD line")
    func everyKernelLogLineIsDRBD() throws {
        for path in try DRBDFixture.all() where path.hasPrefix("kernel-log") {
            for line in try DRBDFixture.text(path).split(separator: "\n") {
                #expect(DRBDKernelLogEvent.classify(line) != nil, "\(path): \(line)")
            }
        }
    }
}
