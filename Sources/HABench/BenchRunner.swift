import Foundation
import HATestSupport

/// Runs the chosen scenarios `repetitions` times under every chosen profile, each repetition on
/// a fresh pair, and gathers the samples into `BenchResults`. A repetition that fails is
/// recorded and reported; the others still count.
struct BenchRunner {
    var profiles: [TimerProfile]
    var scenarios: [Scenario]
    var repetitions: Int
    var idleSeconds: Int
    var daemon: DaemonCommand
    var sampleInterval: Duration

    /// Where one sample belongs: a measure under a profile.
    private struct Key: Hashable {
        var measure: Measure
        var profile: String
    }

    func run() async throws -> BenchResults {
        let loadAtStart = BenchResults.loadAverage
        var book = SampleBook<Key>()
        for profile in profiles {
            for scenario in Scenario.timed + Scenario.fenced where scenarios.contains(scenario) {
                for repetition in 1...repetitions {
                    try await book.repetition(
                        "\(profile.name) \(scenario.rawValue) \(repetition)/\(repetitions)",
                        figures: Measure.allCases.filter { $0.scenario == scenario }, key: { Key(measure: $0, profile: profile.name) }
                    ) { try await once(scenario, profile) }
                }
            }
        }
        var idle: IdleFootprint?
        if scenarios.contains(.idle) {
            printProgress("[idle] \(TimerProfile.oneSecond.label), \(idleSeconds) s window after settling")
            do {
                idle = try await IdleFootprint.measure(daemon: daemon, seconds: idleSeconds)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                book.fail("idle: \(error)", shown: "[idle] FAILED: \(error)")
            }
        }
        var rows: [BenchResults.Row] = []
        for measure in Measure.allCases where scenarios.contains(measure.scenario) {
            for profile in profiles {
                let key = Key(measure: measure, profile: profile.name)
                rows.append(row(measure, profile, book.values(key), attempts: book.attempts[key] ?? 0))
            }
        }
        return BenchResults(
            date: ISO8601DateFormatter().string(from: Date()), kernel: BenchResults.kernelRelease,
            nproc: ProcessInfo.processInfo.activeProcessorCount,
            loadAverageAtStart: loadAtStart, loadAverage: BenchResults.loadAverage, daemon: daemon.executable, repetitions: repetitions,
            sampleIntervalMS: sampleInterval.fractionalMilliseconds, meanSamplePeriodMS: book.meanPeriod,
            rows: rows, idle: idle, failures: book.failures)
    }

    /// One repetition on a fresh pair: its figures, and the watcher's mean sampling period (ms).
    private func once(_ scenario: Scenario, _ profile: TimerProfile) async throws -> ([Measure: Double], Double?) {
        let fencing = FencingSetup(delayArgument: scenario.fencingDelayArgument)
        let run = try await PairRun.start(
            profile, daemon: daemon, sampleInterval: sampleInterval, fencing: Scenario.fenced.contains(scenario) ? fencing : nil)
        defer { run.finish() }
        let figures: [Measure: Double]
        switch scenario {
        case .kill: figures = try await run.measureKill()
        case .cut: figures = try await run.measureCut()
        case .stop: figures = try await run.measureStop()
        case .failback: figures = try await run.measureFailback()
        case .heal: figures = try await run.measureHeal()
        case .killFenced:
            figures = try await run.measureFencedKill(fencing, .noDelay)
        case .killFencedDelayed:
            figures = try await run.measureFencedKill(fencing, .defaultDelay)
        case .idle: figures = [:]
        }
        let timeline = run.watcher.stop()
        return (figures, timeline.meanSamplePeriodMS)
    }

    private func row(_ measure: Measure, _ profile: TimerProfile, _ values: [Double], attempts: Int) -> BenchResults.Row {
        let summary = Summary(values)
        let target = measure.target(profile)
        let verdict: String
        if let target {
            if let summary {
                let failed = attempts - values.count
                verdict = target.isMet(by: summary) && failed == 0 ? "met" : "not met" + (failed > 0 ? " (\(failed) failed)" : "")
            } else {
                verdict = "no data"
            }
        } else {
            verdict = "—"
        }
        return BenchResults.Row(
            measure: measure, title: measure.title, profile: profile.label, runs: values.count, attempts: attempts, summary: summary,
            target: target?.description, heartbeat: ReferenceFigures.heartbeat(measure, profile),
            keepalived: ReferenceFigures.keepalived(measure, profile), verdict: verdict)
    }
}
