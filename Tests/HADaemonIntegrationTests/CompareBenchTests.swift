import Foundation
import HATestSupport
import Testing

/// `habench compare --quick`, the built benchmark (beside the test's hadaemon), run for real:
/// hadaemon, Heartbeat 3.0.6 and keepalived pairs in namespaces, about a minute. Checks the shape
/// of what it prints, never a timing: one table whose three implementation columns all hold
/// numbers and whose two ratio columns hold ratios, and the list of figures where hadaemon is
/// not ahead. Heartbeat or keepalived missing is a FAILURE naming the Debian package.
@Suite(.serialized)
struct CompareBenchTests {
    static let header = "| profile | figure | hadaemon | Heartbeat 3.0.6 | ÷ ours | keepalived 2.2.7 | ÷ ours |"

    @Test("compare --quick prints one table with every column filled, the ratios, and the not-ahead list")
    func quickComparison() throws {
        try NetnsCluster.requireRoot()
        try HeartbeatNode.requireInstalled()
        try KeepalivedNode.requireInstalled()
        let habench = try NetnsCluster.builtDaemon().executable.replacingOccurrences(of: "/hadaemon", with: "/habench")
        let results = NSTemporaryDirectory() + "habench-compare-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: results) }
        let run = try HostCommand.run([habench, "compare", "--quick", "--results-dir", results], timeout: .seconds(300))
        #expect(run.succeeded, "habench compare --quick \(run.status)\n\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        let start = try #require(lines.firstIndex(of: Self.header), "no comparison table in:\n\(run.stdout)")
        let rows = lines[(start + 2)...].prefix { $0.hasPrefix("|") }
        // --quick: kill (1 figure), stop (3) and failback (2) under the 200 ms profile.
        #expect(rows.count == 6, "\(rows.joined(separator: "\n"))")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            try #require(cells.count == 7, "\(row)")
            #expect(cells[0].hasPrefix("200 ms / 1 s"), "\(row)")
            for column in [2, 3, 5] { #expect(Self.isMilliseconds(cells[column]), "column \(column) of \(row)") }
            for column in [4, 6] { #expect(Self.isRatio(cells[column]), "column \(column) of \(row)") }
        }

        let notAhead = try #require(lines.firstIndex(of: "### Where hadaemon is not ahead"), "no not-ahead section in:\n\(run.stdout)")
        let entries = lines[(notAhead + 1)...].drop { $0.isEmpty }.prefix { $0.hasPrefix("- ") }
        #expect(!entries.isEmpty, "the not-ahead section lists nothing, not even \"nowhere\"")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []
        #expect(written.contains { $0.hasPrefix("habench-compare-") && $0.hasSuffix(".json") }, "\(written)")
    }

    /// `979`, or `979 (2/3)` when a repetition failed.
    static func isMilliseconds(_ cell: String) -> Bool {
        guard let first = cell.split(separator: " ").first else { return false }
        return Int(first) != nil
    }

    /// `×1.6`, `×0.31`, `×12`, `×0`, `= (both 0)` or `∞ (ours 0)`.
    static func isRatio(_ cell: String) -> Bool {
        if cell == "= (both 0)" || cell == "∞ (ours 0)" { return true }
        return cell.hasPrefix("×") && Double(cell.dropFirst()) != nil
    }
}
