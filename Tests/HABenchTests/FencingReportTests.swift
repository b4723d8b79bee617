import ArgumentParser
import Testing

@testable import HABench

/// The fenced kills in `habench failover`: how they are named on the command line and how the
/// report sets them beside the unfenced kill.
@Suite struct FencingReportTests {
    static func row(_ measure: Measure, _ profile: TimerProfile, _ samples: [Double]) -> BenchResults.Row {
        BenchResults.Row(
            measure: measure, title: measure.title, profile: profile.label, runs: samples.count, attempts: samples.count,
            summary: Summary(samples), target: nil, heartbeat: "—", keepalived: "—", verdict: "—")
    }

    static func results(_ rows: [BenchResults.Row]) -> BenchResults {
        BenchResults(
            date: "2026-12-05T23:00:00Z", kernel: "test", nproc: 2, loadAverageAtStart: "0 0 0", loadAverage: "0 0 0", daemon: "hadaemon",
            repetitions: 1, sampleIntervalMS: 2, meanSamplePeriodMS: nil, rows: rows, idle: nil, failures: [])
    }

    @Test("the fenced kills are scenarios of their own that the comparison refuses")
    func scenarioNames() throws {
        #expect(Scenario(argument: "kill-fenced") == .killFenced)
        #expect(Scenario(argument: "kill-fenced-delay") == .killFencedDelayed)
        #expect(Scenario.killFenced.fencingDelayArgument == "0" && Scenario.killFencedDelayed.fencingDelayArgument == nil)
        #expect(!Scenario.timed.contains(.killFenced), "habench compare runs Scenario.timed")
        #expect(throws: (any Error).self) { try CompareBenchCommand.parse(["--scenarios", "kill-fenced"]) }
        #expect(
            Measure.allCases.filter { $0.scenario == .killFenced } == [
                .fencedKillTakeover, .fencedKillDevice, .fencedKillRest, .fencedKillDoubleHolding,
            ])
        #expect(Measure.fencedKillDoubleHolding.target(.oneSecond)?.isMet(by: Summary([0, 0])!) == true)
        #expect(Measure.fencedKillDoubleHolding.target(.oneSecond)?.isMet(by: Summary([0, 3])!) == false)
    }

    @Test("the default delay is 5 s at every profile; delay 0 adds nothing")
    func fencingDelay() {
        #expect(FencingSetup(delayArgument: nil).delayMS(.twoHundredMS) == 5000)
        #expect(FencingSetup(delayArgument: nil).delayMS(.oneSecond) == 5000)
        #expect(FencingSetup(delayArgument: "0").delayMS(.twoHundredMS) == 0)
        #expect(FencingSetup(delayArgument: "0").daemonArguments == ["--fencing-delay", "0"])
        #expect(FencingSetup(delayArgument: nil).daemonArguments.isEmpty)
    }

    @Test("the report sets each fenced median beside the unfenced kill, split into where the time goes")
    func tableBesideUnfencedKill() {
        let profile = TimerProfile.twoHundredMS
        let report = MarkdownReport.render(
            Self.results([
                Self.row(.killTakeover, profile, [1010, 1012, 1020]),
                Self.row(.fencedKillTakeover, profile, [1950]), Self.row(.fencedKillDevice, profile, [1000]),
                Self.row(.fencedKillRest, profile, [-50]),
                Self.row(.delayedFencedKillTakeover, profile, [7060]), Self.row(.delayedFencedKillDevice, profile, [1001]),
                Self.row(.delayedFencedKillRest, profile, [59]),
            ]))
        #expect(report.contains("### kill → address on the peer, with fencing (medians, ms)"))
        #expect(report.contains("| 200 ms / 1 s | 1012 | 1950 | 1000 + 1000 − 50 | 7060 | 1000 + 5000 + 1001 + 59 |"), "\(report)")
    }

    @Test("without a fenced run the report has no fencing table")
    func noTableWithoutFencedRuns() {
        let report = MarkdownReport.render(Self.results([Self.row(.killTakeover, .oneSecond, [10_010])]))
        #expect(!report.contains("with fencing"))
    }
}
