import Foundation
import HAProtocol
import Testing

/// The DRBD status samples copied under `Fixtures/drbd/` from the protocol tests' fixtures.
enum DRBDSamples {
    static let folders = ["proc-drbd", "status-text", "status-json", "events2", "legacy"]

    /// Every sample as `folder/name`, sorted.
    static func all() throws -> [String] {
        var paths: [String] = []
        for folder in folders {
            let directory = try #require(Bundle.module.url(forResource: "Fixtures/drbd/\(folder)", withExtension: nil))
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                paths.append("\(folder)/\(name)")
            }
        }
        return paths.sorted()
    }

    /// Parses a sample with the parser its folder and name call for.
    static func parse(_ path: String) throws -> DRBDParseResult {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures/drbd", withExtension: nil))
        let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        switch path.split(separator: "/").first! {
        case "proc-drbd": return DRBDProcParser.parse(text)
        case "status-text": return DRBDStatusTextParser.parse(text)
        case "status-json": return try DRBDStatusJSONParser.parse(text)
        case "events2": return DRBDEvents2Parser.parse(text)
        default:
            if path.contains("xml") { return DRBDLegacyStatusParser.parseXML(text) }
            if path.contains("sh-status") { return DRBDLegacyStatusParser.parseShStatus(text) }
            if path.contains("events-v1") { return DRBDEventsV1Parser.parse(text) }
            return DRBDLegacyTableParser.parse(text)
        }
    }
}
