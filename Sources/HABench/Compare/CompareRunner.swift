import Foundation
import HAHost
import HAProtocol
import HATestSupport

/// Runs the chosen scenarios for every implementation in the same run: for each profile,
/// scenario and repetition, one fresh pair of each implementation in turn (interleaved, so
/// that the machine's load weighs on all alike), and gathers the figures. An implementation
/// is skipped where `Implementation.notRunReason` gives a reason; the results carry it.
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
        let began = SystemClock.now()
        let loadAtStart = BenchResults.loadAverage
        var book = SampleBook<Key>()
        for profile in profiles {
            for scenario in Scenario.timed where scenarios.contains(scenario) {
                for repetition in 1...repetitions {
                    for implementation in implementations where implementation.notRunReason(profile, scenario) == nil {
                        try await book.repetition(
                            "\(implementation.rawValue) \(profile.name) \(scenario.rawValue) \(repetition)/\(repetitions)",
                            figures: CompareFigure.allCases.filter { $0.scenario == scenario },
                            key: { Key(implementation: implementation, profile: profile.name, figure: $0) }
                        ) { try await once(implementation, scenario, profile) }
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
                    let values = book.values(key)
                    cells[implementation.rawValue] = CompareResults.Cell(
                        runs: values.count, attempts: book.attempts[key] ?? 0, summary: Summary(values))
                }
                rows.append(CompareResults.Row(profile: profile.name, figure: figure, title: figure.title, cells: cells))
            }
        }
        var notRun: [CompareResults.NotRun] = []
        for implementation in implementations {
            for profile in profiles {
                for scenario in Scenario.timed where scenarios.contains(scenario) {
                    guard let reason = implementation.notRunReason(profile, scenario) else { continue }
                    notRun.append(CompareResults.NotRun(implementation: implementation, profile: profile.name, scenario: scenario, reason: reason))
                }
            }
        }
        let meanPeriod = book.meanPeriod
        let resolution = max(meanPeriod ?? sampleInterval.fractionalMilliseconds, 1)
        var versions: [String: String] = [:]
        for implementation in implementations { versions[implementation.rawValue] = implementation.installedVersion }
        return CompareResults(
            date: ISO8601DateFormatter().string(from: Date()), kernel: BenchResults.kernelRelease,
            nproc: ProcessInfo.processInfo.activeProcessorCount,
            loadAverageAtStart: loadAtStart, loadAverage: BenchResults.loadAverage, daemon: daemon.executable, versions: versions,
            implementations: implementations, profiles: profiles, scenarios: scenarios.filter { Scenario.timed.contains($0) },
            repetitions: repetitions,
            quick: quick, sampleIntervalMS: sampleInterval.fractionalMilliseconds, meanSamplePeriodMS: meanPeriod,
            elapsedSeconds: (SystemClock.now() - began).fractionalMilliseconds / 1000,
            rows: rows, notAhead: NotAheadReasons.list(rows, profiles: profiles, resolutionMS: resolution), failures: book.failures,
            notRun: notRun)
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
        case .pacemaker: pair = try await PacemakerPair.start(profile, hadaemon: daemon.executable, sampleInterval: sampleInterval)
        }
        defer { pair.finish() }
        let figures = try await pair.measure(scenario, healWindow: Self.healWindow(profile))
        let timeline = pair.watcher.stop()
        if showsTimelines { printProgress(timeline.summary) }
        return (figures, timeline.meanSamplePeriodMS)
    }

    /// How long a heal is watched at most: Heartbeat restarts both nodes after a heal and has
    /// the address back about 18 s (fast timers) or 29 s (1 s / 10 s) later (§3).
    static func healWindow(_ profile: TimerProfile) -> Duration {
        profile.deadtime * 2 + .seconds(35)
    }
}
