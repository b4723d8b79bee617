import Testing

@testable import HABench

/// `habench footprint`'s table rows from its samples: medians, the ratio to keepalived's PSS and
/// the verdict against "below keepalived's".
@Suite
struct FootprintRowsTests {
    static func sample(_ variant: FootprintVariant, pss: Int, processes: Int = 1) -> FootprintSample {
        FootprintSample(
            variant: variant, repetition: 1, pids: [1], namespaceProcesses: processes, readySeconds: 10, idleSeconds: 20, touchedWindowSeconds: 10,
            memory: MemoryFigures(pssKB: pss, rssKB: pss + 1000), breakdown: MemoryBreakdown(entries: []))
    }

    @Test("hadaemon above keepalived's median is NOT below, by how much; below is below; keepalived is the target")
    func verdicts() throws {
        let samples = [
            Self.sample(.hadaemon, pss: 13900), Self.sample(.keepalived, pss: 7800, processes: 2), Self.sample(.hadaemon, pss: 14100),
            Self.sample(.keepalived, pss: 8000, processes: 2), Self.sample(.hadaemonKeepingStartupPages, pss: 5000),
        ]
        let rows = FootprintResults.rows(samples)
        #expect(rows.map(\.variant) == [.hadaemon, .hadaemonKeepingStartupPages, .keepalived])
        let ours = try #require(rows.first)
        #expect(ours.pssKB.median == 14000)
        #expect(ours.processes == [1])
        #expect(ours.verdict == "NOT below: above keepalived's by 6100 kB")
        #expect(abs((ours.ratioToKeepalived ?? 0) - 14000.0 / 7900.0) < 1e-9)
        #expect(rows[1].verdict == "below keepalived's by 2900 kB")
        #expect(rows[2].verdict == "the target" && rows[2].ratioToKeepalived == nil && rows[2].processes == [2])
    }

    @Test("a namespace that held something else shows in the processes column and its line")
    func strayProcess() {
        let rows = FootprintResults.rows([Self.sample(.hadaemon, pss: 1), Self.sample(.hadaemon, pss: 1, processes: 2)])
        #expect(rows.first?.processes == [1, 2])
        #expect(rows.first?.verdict == "no keepalived figure")
        #expect(rows.first.map(FootprintReport.processesLine)?.contains("something else ran beside it") == true)
    }
}
