import Foundation
import HATestSupport
import Testing

/// `habench footprint --seconds 3 --repetitions 1`, the built benchmark (beside the test's
/// hadaemon) run for real against the debug hadaemon: one lone hadaemon node and one lone
/// keepalived node in namespaces, about 25 s. Checks the shape of what it prints, never a
/// figure's size: both rows with a PSS, hadaemon counted as 1 process and keepalived as 2, the
/// "where it goes" groups adding up to smaps_rollup's PSS, and the JSON written. keepalived
/// missing is a FAILURE naming the Debian package.
@Suite(.serialized)
struct FootprintBenchTests {
    static let header =
        "| implementation | processes | PSS kB (min / median / max) | RSS kB (median) | anon PSS kB | file PSS kB | private dirty kB | PSS ÷ keepalived's | target: below keepalived's |"
    static let breakdownHeader = "| where | PSS kB | % of PSS | RSS kB | touched in the window, kB of RSS | PSS by permissions, kB |"

    @Test("footprint prints hadaemon alone (1 process) against keepalived (2), and groups that add up to the PSS")
    func oneRepetition() throws {
        try NetnsCluster.requireRoot()
        try KeepalivedNode.requireInstalled()
        let daemon = try NetnsCluster.builtDaemon().executable
        let habench = daemon.replacingOccurrences(of: "/hadaemon", with: "/habench")
        let results = NSTemporaryDirectory() + "habench-footprint-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: results) }
        let run = try HostCommand.run(
            [habench, "footprint", "--seconds", "3", "--repetitions", "1", "--daemon", daemon, "--results-dir", results], timeout: .seconds(120))
        #expect(run.succeeded, "habench footprint \(run.status)\n\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        let start = try #require(lines.firstIndex(of: Self.header), "no footprint table in:\n\(run.stdout)\n\(run.stderr)")
        let rows = lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map(Self.cells)
        #expect(rows.map { $0.first ?? "" } == ["hadaemon", "keepalived 2.2.7"], "\(rows)")
        for row in rows {
            try #require(row.count == 9, "\(row)")
            let pss = row[2].split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) ?? 0 }
            #expect(pss.count == 3 && pss.allSatisfy { $0 > 0 }, "PSS min / median / max of \(row)")
            #expect((Int(row[3]) ?? 0) > 0, "RSS of \(row)")
        }
        #expect(rows.first?[1] == "1", "hadaemon alone is 1 process: \(rows)")
        #expect(rows.last?[1] == "2", "keepalived is its parent and VRRP child: \(rows)")
        #expect(rows.first?[7].hasPrefix("×") == true, "ratio to keepalived's: \(rows)")

        let breakdown = try #require(lines.firstIndex(of: Self.breakdownHeader), "no breakdown in:\n\(run.stdout)")
        let groups = lines[(breakdown + 2)...].prefix { $0.hasPrefix("|") }.map(Self.cells)
        let total = try #require(groups.last { $0.first == "total" }, "\(groups)")
        let parts = groups.filter { $0.first != "total" }
        #expect(parts.contains { $0.first == "hadaemon text (r-xp)" }, "\(parts)")
        #expect(parts.contains { $0.first == "[heap]" || $0.first?.hasPrefix("anonymous") == true }, "\(parts)")
        let sum = parts.reduce(0) { $0 + (Int($1[1]) ?? 0) }
        #expect(sum == Int(total[1]), "\(groups)")
        let rollupLine = try #require(lines.first { $0.hasPrefix("smaps_rollup's PSS of this run: ") }, "\(run.stdout)")
        let rollup = try #require(Int(String(rollupLine.dropFirst("smaps_rollup's PSS of this run: ".count).prefix { $0.isNumber })))
        #expect(rollup > 0 && abs(sum - rollup) * 10 <= rollup, "groups sum to \(sum) kB, smaps_rollup says \(rollup) kB")

        let written = (try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []
        #expect(written.contains { $0.hasPrefix("habench-footprint-") && $0.hasSuffix(".json") }, "\(written)")
    }

    /// `| a | b |` → ["a", "b"].
    static func cells(_ row: String) -> [String] {
        row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
