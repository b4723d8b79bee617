import ArgumentParser
import Foundation
import Testing

@testable import HABench

/// The side-by-side report with Pacemaker + Corosync as a fourth column: the column and its
/// ratio, "not run" cells with their reason, and which implementations a run picks.
@Suite struct CompareReportTests {
    static let header =
        "| profile | figure | hadaemon | Heartbeat 3.0.6 | ÷ ours | keepalived 2.2.7 | ÷ ours | Pacemaker 2.1.5 + Corosync 3.1 | ÷ ours |"

    static func cell(_ samples: [Double]) -> CompareResults.Cell {
        CompareResults.Cell(runs: samples.count, attempts: samples.count, summary: Summary(samples))
    }

    /// Two rows: kill at 200 ms with every column measured, and kill at 10 ms where Pacemaker
    /// was not run.
    static func results() -> CompareResults {
        let measured = CompareResults.Row(
            profile: "200ms", figure: .killTakeover, title: CompareFigure.killTakeover.title,
            cells: ["hadaemon": cell([900]), "heartbeat": cell([1350]), "keepalived": cell([700]), "pacemaker": cell([2250])])
        let skipped = CompareResults.Row(
            profile: "10ms", figure: .killTakeover, title: CompareFigure.killTakeover.title,
            cells: [
                "hadaemon": cell([32]), "heartbeat": cell([40]), "keepalived": cell([31]),
                "pacemaker": CompareResults.Cell(runs: 0, attempts: 0, summary: nil),
            ])
        let rows = [measured, skipped]
        return CompareResults(
            date: "2026-12-06T07:30:00Z", kernel: "test", nproc: 2, loadAverageAtStart: "0 0 0", loadAverage: "0 0 0", daemon: "hadaemon",
            versions: [:], implementations: Implementation.allCases, profiles: [.twoHundredMS, .tenMS], scenarios: [.kill], repetitions: 1,
            quick: false, sampleIntervalMS: 2, meanSamplePeriodMS: 2.1, elapsedSeconds: 60, rows: rows,
            notAhead: NotAheadReasons.list(rows, profiles: [.twoHundredMS, .tenMS], resolutionMS: 2.1), failures: [],
            notRun: [
                CompareResults.NotRun(implementation: .pacemaker, profile: "10ms", scenario: .kill, reason: "corosync cannot keep a 30 ms token")
            ])
    }

    static func tableRows(_ report: String) throws -> [[String]] {
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: header), "no four-column table in:\n\(report)")
        return lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map { row in
            row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test("the Pacemaker column comes last with its ratio to hadaemon")
    func pacemakerColumn() throws {
        let rows = try Self.tableRows(CompareReport.render(Self.results()))
        try #require(rows.count == 2)
        #expect(rows[0] == ["200 ms / 1 s (advert 0.2 s)", "kill → address on the peer", "900", "1350", "×1.50", "700", "×0.78", "2250", "×2.5"])
    }

    @Test("a cell Pacemaker was not run for says so, and the reason is listed under Not run")
    func notRunCells() throws {
        let report = CompareReport.render(Self.results())
        let rows = try Self.tableRows(report)
        #expect(rows[1].suffix(2) == ["not run", "—"], "\(rows[1])")
        #expect(report.contains("### Not run\n\n- **Pacemaker 2.1.5 + Corosync 3.1**, 10 ms / 30 ms; kill: Corosync cannot keep a 30 ms token."))
        #expect(report.contains("- Pacemaker 2.1.5 + Corosync 3.1: corosync declares the token lost"))
        #expect(report.contains("what `hadaemon config export pacemaker` makes of the same ha.cf and haresources"))
        // Where hadaemon is behind keepalived, not where Pacemaker was not run.
        #expect(!report.contains("10 ms / 30 ms (advert 0.01 s), kill → address on the peer**: Pacemaker"))
    }

    @Test("a run from before Pacemaker (no notRun in its JSON) still reads, with no Not run section")
    func olderJSON() throws {
        var results = Self.results()
        results.notRun = nil
        let data = try JSONEncoder().encode(results)
        #expect(!String(decoding: data, as: UTF8.self).contains("notRun"))
        let decoded = try JSONDecoder().decode(CompareResults.self, from: data)
        #expect(decoded.notRun == nil)
        #expect(!CompareReport.render(decoded).contains("### Not run"))
    }

    @Test("Pacemaker is in a full run by default, and in --quick only when named")
    func implementationChoice() throws {
        #expect(try CompareBenchCommand.parse([]).chosenImplementations == [.hadaemon, .heartbeat, .keepalived, .pacemaker])
        #expect(try CompareBenchCommand.parse(["--quick"]).chosenImplementations == [.hadaemon, .heartbeat, .keepalived])
        #expect(
            try CompareBenchCommand.parse(["--quick", "--implementations", "pacemaker", "hadaemon"]).chosenImplementations == [.hadaemon, .pacemaker])
        #expect(throws: (any Error).self) { try CompareBenchCommand.parse(["--implementations", "pacemaker"]) }
    }

    @Test("Pacemaker runs at 1 s and 200 ms and names its reason where it does not")
    func pacemakerProfiles() {
        for scenario in Scenario.timed {
            #expect(Implementation.pacemaker.notRunReason(.oneSecond, scenario) == nil)
            #expect(Implementation.pacemaker.notRunReason(.twoHundredMS, scenario) == nil)
            #expect(Implementation.pacemaker.notRunReason(.tenMS, scenario)?.contains("30 ms (= deadtime)") == true)
            #expect(Implementation.hadaemon.notRunReason(.tenMS, scenario) == nil)
        }
    }

    @Test("a figure where Pacemaker is lower is listed with Pacemaker's reason")
    func pacemakerNotAhead() {
        let row = CompareResults.Row(
            profile: "200ms", figure: .stopNoHolder, title: CompareFigure.stopNoHolder.title,
            cells: ["hadaemon": Self.cell([30]), "pacemaker": Self.cell([10])])
        let listed = NotAheadReasons.list([row], profiles: [.twoHundredMS], resolutionMS: 2)
        #expect(listed.count == 1)
        #expect(listed.first?.implementation == .pacemaker && listed.first?.verdict == "behind")
        #expect(listed.first?.reason.contains("break-before-make") == true)
    }

    @Test("--help names the default profiles as --profiles takes them, not as Swift values")
    func helpNamesProfiles() {
        let help = CompareBenchCommand.helpMessage(columns: 200)
        #expect(help.contains("default: 1s, 200ms, 50ms)"), "\(help)")
        #expect(!help.contains("TimerProfile("), "\(help)")
    }
}
