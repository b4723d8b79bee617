import Foundation
import HAFixtures
import HAProtocol
import Testing

/// The DRBD status samples of the shared fixtures (`drbd/`, all but the kernel logs).
enum DRBDSamples {
    static let folders = ["proc-drbd", "status-text", "status-json", "events2", "legacy"]

    /// Every sample as `folder/name`, sorted.
    static func all() throws -> [String] {
        var paths: [String] = []
        for folder in folders {
            paths += try Fixtures.names(in: "drbd/\(folder)").map { "\(folder)/\($0)" }
        }
        return paths.sorted()
    }

    /// Parses a sample with the parser its folder and name call for.
    static func parse(_ path: String) throws -> DRBDParseResult {
        let text = try Fixtures.text("drbd/\(path)")
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
