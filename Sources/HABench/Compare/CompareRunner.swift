import Foundation
import HATestSupport

/// Runs the chosen scenarios for every implementation in the same run: for each profile,
/// scenario and repetition, one fresh pair of each implementation in turn (interleaved, so
/// that the machine's load weighs on all three alike), and gathers the figures.
/// A repetition that fails is recorded and reported; the others still count.
struct CompareRunner {
    var profiles: [TimerProfile]
    var scenarios: [Scenario]
    var implementations: [Implementation]
    var repetitions: Int
    var daemon: DaemonCommand
    var sampleInterval: Duration
    var quick: Bool
    /// Prints every repetition's address timeline on stderr (`--timelines`).
    var showsTimelines = false

    private struct Key: Hashable {
        var implementation: Implementation
        var profile: String
        var figure: CompareFigure
    }

    func run() async throws -> CompareResults {
        let clock = ContinuousClock()
        let began = clock.now
        let loadAtStart = BenchResults.loadAverage
        var samples: [Key: [Double]] = [:]
        var attempts: [Key: Int] = [:]
        var failures: [String] = []
        var periods: [Double] = []
        for profile in profiles {
            for scenario in Scenario.timed where scenarios.contains(scenario) {
                for repetition in 1...repetitions {
                    for implementation in implementations {
                        let name = "\(implementation.rawValue) \(profile.name) \(scenario.rawValue) \(repetition)/\(repetitions)"
                        for figure in CompareFigure.allCases where figure.scenario == scenario {
                            attempts[Key(implementation: implementation, profile: profile.name, figure: figure), default: 0] += 1
                        }
                        do {
                            let (figures, period) = try await once(implementation, scenario, profile)
                            for (figure, value) in figures {
                                samples[Key(implementation: implementation, profile: profile.name, figure: figure), default: []].append(value)
                            }
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
        }
        var rows: [CompareResults.Row] = []
        for profile in profiles {
            for figure in CompareFigure.allCases where scenarios.contains(figure.scenario) {
                var cells: [String: CompareResults.Cell] = [:]
                for implementation in implementations {
                    let key = Key(implementation: implementation, profile: profile.name, figure: figure)
                    let values = samples[key] ?? []
                    cells[implementation.rawValue] = CompareResults.Cell(runs: values.count, attempts: attempts[key] ?? 0, summary: Summary(values))
                }
                rows.append(CompareResults.Row(profile: profile.name, figure: figure, title: figure.title, cells: cells))
            }
        }
        let meanPeriod = periods.isEmpty ? nil : periods.reduce(0, +) / Double(periods.count)
        let resolution = max(meanPeriod ?? sampleInterval.milliseconds, 1)
        var versions: [String: String] = [:]
        for implementation in implementations { versions[implementation.rawValue] = implementation.installedVersion }
        return CompareResults(
            date: ISO8601DateFormatter().string(from: Date()), kernel: BenchResults.kernelRelease,
            nproc: ProcessInfo.processInfo.activeProcessorCount,
            loadAverageAtStart: loadAtStart, loadAverage: BenchResults.loadAverage, daemon: daemon.executable, versions: versions,
            implementations: implementations, profiles: profiles, scenarios: scenarios.filter { Scenario.timed.contains($0) },
            repetitions: repetitions,
            quick: quick, sampleIntervalMS: sampleInterval.milliseconds, meanSamplePeriodMS: meanPeriod,
            elapsedSeconds: (clock.now - began).milliseconds / 1000,
            rows: rows, notAhead: NotAheadReasons.list(rows, profiles: profiles, resolutionMS: resolution), failures: failures)
    }

    /// One repetition of `scenario` on a fresh pair of `implementation`: its figures and the
    /// watcher's mean sampling period (ms).
    private func once(_ implementation: Implementation, _ scenario: Scenario, _ profile: TimerProfile) async throws -> (
        [CompareFigure: Double], Double?
    ) {
        let pair: any ComparedPair
        switch implementation {
        case .hadaemon: pair = try await HADaemonPair.start(profile, daemon: daemon, sampleInterval: sampleInterval)
        case .heartbeat: pair = try await HeartbeatPair.start(profile, sampleInterval: sampleInterval)
        case .keepalived: pair = try await KeepalivedPair.start(profile, sampleInterval: sampleInterval)
        }
        defer { pair.finish() }
        let figures = try await pair.measure(scenario, healWindow: Self.healWindow(profile))
        let timeline = pair.watcher.stop()
        if showsTimelines { progress(timeline.summary) }
        let period = timeline.samples > 1 ? (timeline.ended - timeline.started).milliseconds / Double(timeline.samples) : nil
        return (figures, period)
    }

    /// How long a heal is watched at most: Heartbeat restarts both nodes after a heal and has
    /// the address back about 18 s (fast timers) or 29 s (1 s / 10 s) later (§3).
    static func healWindow(_ profile: TimerProfile) -> Duration {
        profile.deadtime * 2 + .seconds(35)
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
