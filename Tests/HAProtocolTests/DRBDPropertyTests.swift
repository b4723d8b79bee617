import Foundation
import HAFixtures
import HAProtocol
import Testing

/// Seeded fuzzing of every DRBD parser: mutations of the real samples plus random DRBD-ish text.
/// Nothing may trap or hang, and whatever a parser builds must survive the summary round trip.
@Suite struct DRBDPropertyTests {
    static let mutationsPerParser = 1500
    static let randomTextsPerParser = 500
    static let alphabet = Array("0123456789 :/\t\n()[]{}%,.>=-'\"_;|@#~abcdrsuKMCsyncedfinishpeoStandAloneUpToDateConnectedPrimary")

    enum Parser: String, CaseIterable, Sendable {
        case proc, statusText, statusJSON, events2, legacyXML, shStatus, table, eventsV1, kernelLog, summary

        var folder: String {
            switch self {
            case .proc: "proc-drbd"
            case .statusText: "status-text"
            case .statusJSON: "status-json"
            case .events2: "events2"
            case .legacyXML, .shStatus, .table, .eventsV1: "legacy"
            case .kernelLog: "kernel-log"
            case .summary: "status-text"
            }
        }

        /// Runs the parser; returns the status it built, if it builds one.
        func run(_ text: String) -> DRBDStatus? {
            switch self {
            case .proc: DRBDProcParser.parse(text).status
            case .statusText: DRBDStatusTextParser.parse(text).status
            case .statusJSON: try? DRBDStatusJSONParser.parse(text).status
            case .events2: DRBDEvents2Parser.parse(text).status
            case .legacyXML: DRBDLegacyStatusParser.parseXML(text).status
            case .shStatus: DRBDLegacyStatusParser.parseShStatus(text).status
            case .table: DRBDLegacyTableParser.parse(text).status
            case .eventsV1: DRBDEventsV1Parser.parse(text).status
            case .kernelLog:
                {
                    for line in text.split(separator: "\n") { _ = DRBDKernelLogEvent.classify(line) }; return nil
                }()
            case .summary: try? DRBDStatus(summary: text)
            }
        }

        func seeds() throws -> [String] {
            let texts = try DRBDFixture.all().filter { $0.hasPrefix(folder + "/") }.map(DRBDFixture.text)
            if self == .summary { return texts.map { DRBDStatusTextParser.parse($0).status.summary } }
            return texts
        }
    }

    @Test(
        "mutated samples and random text never trap, and parsed statuses round-trip through the summary",
        arguments: Parser.allCases)
    func fuzz(_ parser: Parser) throws {
        var rng = SeededGenerator(seed: 0xD7BD_0000 &+ UInt64(parser.rawValue.utf8.count))
        let seeds = try parser.seeds()
        try #require(!seeds.isEmpty)
        for index in 0..<(Self.mutationsPerParser + Self.randomTextsPerParser) {
            let input: String
            if index < Self.mutationsPerParser {
                input = Fuzz.mutate(seeds[index % seeds.count], &rng)
            } else {
                input = Fuzz.text(&rng, alphabet: Self.alphabet, maxLength: 300)
            }
            guard let status = parser.run(input) else { continue }
            let summary = status.summary
            let decoded = try DRBDStatus(summary: summary)
            if decoded.summary != summary {
                Issue.record("summary did not round-trip for input \(input.debugDescription)")
                return
            }
        }
    }

    @Test("random bytes through the JSON parser either throw the typed error or give a result")
    func jsonBytes() {
        var rng = SeededGenerator(seed: 0x150A)
        for _ in 0..<1000 {
            do {
                _ = try DRBDStatusJSONParser.parse(Data(Fuzz.bytes(&rng, maxLength: 64)))
            } catch {
                #expect(error == .notJSON(error.reason))
            }
        }
    }

    @Test("deeply nested or huge-number JSON is handled without trapping")
    func jsonExtremes() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        _ = try? DRBDStatusJSONParser.parse(deep)
        let huge =
            #"[{"name":"r","devices":[{"volume":1e300,"minor":-1e300,"size":-5}],"connections":[{"peer_devices":[{"volume":99999999999999999999,"percent-resync-done":1e300}]}]}]"#
        let result = try? DRBDStatusJSONParser.parse(huge)
        #expect(result?.status.resources.first?.devices.first?.volume == 0)
        _ = try? DRBDStatusJSONParser.parse(#"[{"name":"r","size":1e999}]"#)
    }

    @Test("an events2 stream keeps folding after arbitrary garbage lines")
    func events2StreamSurvivesGarbage() throws {
        var rng = SeededGenerator(seed: 0xE2)
        let lines = try DRBDFixture.text("events2/9-drbd-utils-test-sync-statistics.txt").split(separator: "\n").map(String.init)
        var status = DRBDStatus()
        for _ in 0..<3000 {
            let line = lines.randomElement(using: &rng)!
            status.apply(events2Line: Bool.random(using: &rng) ? Fuzz.mutate(line, &rng) : line)
        }
        #expect(status.resources.count <= 3000)
    }
}

extension DRBDStatusJSONError {
    var reason: String {
        switch self {
        case .notJSON(let reason): reason
        }
    }
}
