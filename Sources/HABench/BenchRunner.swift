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
        var samples: [Key: [Double]] = [:]
        var attempts: [Key: Int] = [:]
        var failures: [String] = []
        var periods: [Double] = []
        for profile in profiles {
            for scenario in Scenario.timed where scenarios.contains(scenario) {
                for repetition in 1...repetitions {
                    let name = "\(profile.name) \(scenario.rawValue) \(repetition)/\(repetitions)"
                    for measure in Measure.allCases where measure.scenario == scenario {
                        attempts[Key(measure: measure, profile: profile.name), default: 0] += 1
                    }
                    do {
                        let (figures, period) = try await once(scenario, profile)
                        for (measure, value) in figures { samples[Key(measure: measure, profile: profile.name), default: []].append(value) }
                        if let period { periods.append(period) }
                        let shown = figures.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \(Int($0.value.rounded()))" }
                        progress("[\(name)] " + shown.joined(separator: ", ") + " ms")
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        failures.append("\(name): \(error)")
                        progress("[\(name)] FAILED: \(error)")
                    }
                }
            }
        }
        var idle: IdleFootprint?
        if scenarios.contains(.idle) {
            progress("[idle] \(TimerProfile.oneSecond.label), \(idleSeconds) s window after settling")
            do {
                idle = try await IdleFootprint.measure(daemon: daemon, seconds: idleSeconds)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failures.append("idle: \(error)")
                progress("[idle] FAILED: \(error)")
            }
        }
        var rows: [BenchResults.Row] = []
        for measure in Measure.allCases where scenarios.contains(measure.scenario) {
            for profile in profiles {
                let key = Key(measure: measure, profile: profile.name)
                rows.append(row(measure, profile, samples[key] ?? [], attempts: attempts[key] ?? 0))
            }
        }
        return BenchResults(
            date: ISO8601DateFormatter().string(from: Date()), kernel: BenchResults.kernelRelease,
            nproc: ProcessInfo.processInfo.activeProcessorCount,
            loadAverageAtStart: loadAtStart, loadAverage: BenchResults.loadAverage, daemon: daemon.executable, repetitions: repetitions,
            sampleIntervalMS: sampleInterval.milliseconds, meanSamplePeriodMS: periods.isEmpty ? nil : periods.reduce(0, +) / Double(periods.count),
            rows: rows, idle: idle, failures: failures)
    }

    /// One repetition on a fresh pair: its figures, and the watcher's mean sampling period (ms).
    private func once(_ scenario: Scenario, _ profile: TimerProfile) async throws -> ([Measure: Double], Double?) {
        let run = try await PairRun.start(profile, daemon: daemon, sampleInterval: sampleInterval)
        defer { run.finish() }
        let figures: [Measure: Double]
        switch scenario {
        case .kill: figures = try await run.measureKill()
        case .cut: figures = try await run.measureCut()
        case .stop: figures = try await run.measureStop()
        case .failback: figures = try await run.measureFailback()
        case .heal: figures = try await run.measureHeal()
        case .idle: figures = [:]
        }
        let timeline = run.watcher.stop()
        let period = timeline.samples > 1 ? (timeline.ended - timeline.started).milliseconds / Double(timeline.samples) : nil
        return (figures, period)
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

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
