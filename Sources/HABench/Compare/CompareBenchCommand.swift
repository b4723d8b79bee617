import ArgumentParser
import Foundation
import Glibc
import HATestSupport

/// `habench compare`: the daemon issue's failover scenarios for hadaemon, the real Heartbeat
/// 3.0.6, keepalived 2.2.7 (VRRPv3) and Pacemaker 2.1.5 + Corosync 3.1 with matching timers, in
/// the same run, timed the same way, printed as one Markdown table with each figure's ratio to hadaemon's and the list of
/// figures where hadaemon is not ahead, and written as JSON.
struct CompareBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Time kill, cut, clean stop, failback and heal for hadaemon, Heartbeat 3.0.6, keepalived and Pacemaker side by side (needs root).",
        discussion: """
            For each profile, scenario and repetition, a fresh pair of each implementation in turn: alpha \
            (home node of 192.0.2.100) and bravo in network namespaces, the same ha.cf for hadaemon and \
            Heartbeat, VRRPv3 with advert_int = keepalive for keepalived, and for Pacemaker + Corosync \
            what `hadaemon config export pacemaker` makes of that ha.cf and haresources (corosync token \
            = deadtime), one netlink VIPWatcher for all. Pacemaker's first DC election (up to 20 s) is \
            waited for and never timed. Needs the Debian packages heartbeat, keepalived, pacemaker, \
            corosync and pacemaker-cli-utils (scripts/setup installs them). Usually run through \
            bench/run compare, which builds the release binaries first. See bench/README.md.
            """
    )

    /// The profiles Heartbeat was measured with here (its fastest that held: 50 ms / 150 ms).
    static let defaultProfiles: [TimerProfile] = [.oneSecond, .twoHundredMS, .fiftyMS]
    /// What `--quick` runs: the 200 ms profile, once, kill, stop and failback.
    static let quickScenarios: [Scenario] = [.kill, .stop, .failback]

    @Option(help: "Repetitions per profile, scenario and implementation.")
    var repetitions = 3

    @Option(parsing: .upToNextOption, help: "Timer profiles, by keepalive: 1s, 200ms, 50ms, 10ms. Default: 1s 200ms 50ms.")
    var profiles: [TimerProfile] = defaultProfiles

    @Option(parsing: .upToNextOption, help: "Scenarios: kill cut stop failback heal. Default: all five.")
    var scenarios: [Scenario] = Scenario.timed

    @Option(
        parsing: .upToNextOption,
        help: "Implementations: hadaemon heartbeat keepalived pacemaker. Default: all four (with --quick: all but pacemaker).")
    var implementations: [Implementation] = []

    @Flag(
        help: """
            A quick look (about 2 minutes): the 200ms profile, 1 repetition, kill, stop and failback, for hadaemon, \
            Heartbeat and keepalived. Pacemaker needs about 30 s per pair to settle, so it is in only when named: \
            --quick --implementations hadaemon pacemaker.
            """)
    var quick = false

    @OptionGroup var daemon: DaemonOption
    @OptionGroup var sampling: SamplingOption

    @Flag(help: "Print every repetition's address timeline (who gained or lost it, when) on stderr.")
    var timelines = false

    @OptionGroup var results: ResultsDirectoryOption

    @Option(help: "Print the report of an earlier run's JSON (reasons as this build words them) instead of measuring.")
    var report: String?

    func validate() throws {
        guard (1...100).contains(repetitions) else { throw ValidationError("--repetitions must be 1 to 100") }
        guard !scenarios.contains(.idle) else { throw ValidationError("--scenarios: idle is not compared (see habench failover)") }
        guard scenarios.allSatisfy({ !Scenario.fenced.contains($0) }) else {
            throw ValidationError("--scenarios: the fenced kills are not compared (see habench failover)")
        }
        guard implementations.isEmpty || implementations.contains(.hadaemon) else {
            throw ValidationError("--implementations must include hadaemon: the ratios are to it")
        }
    }

    func run() async throws {
        if let report {
            var results = try JSONDecoder().decode(CompareResults.self, from: Data(contentsOf: URL(fileURLWithPath: report)))
            results.notAhead = NotAheadReasons.list(
                results.rows, profiles: results.profiles, resolutionMS: max(results.meanSamplePeriodMS ?? results.sampleIntervalMS, 1))
            print(CompareReport.render(results))
            return
        }
        guard geteuid() == 0 else { throw BenchError.notRoot(euid: geteuid()) }
        // Before anything runs: a missing package fails here, naming it.
        for implementation in chosenImplementations { try implementation.requireInstalled() }
        let signalSources = ClusterRegistry.shared.installSignalHandlers()
        defer { withExtendedLifetime(signalSources) {} }
        let daemonCommand = try daemon.command()
        let runner = CompareRunner(
            profiles: quick ? [.twoHundredMS] : TimerProfile.all.filter { profiles.contains($0) },
            scenarios: quick ? Self.quickScenarios : scenarios, implementations: chosenImplementations,
            repetitions: quick ? 1 : repetitions, daemon: daemonCommand, sampleInterval: sampling.interval, quick: quick,
            showsTimelines: timelines)
        let measured = try await runner.run()
        print(CompareReport.render(measured))
        let path = try measured.write(to: results.resultsDir)
        FileHandle.standardError.write(Data("habench: results written to \(path)\n".utf8))
        if !measured.failures.isEmpty { throw ExitCode(1) }
    }

    /// Those named, in the table's order; none named: all, or `Implementation.quick` with --quick.
    var chosenImplementations: [Implementation] {
        let chosen = implementations.isEmpty ? (quick ? Implementation.quick : Implementation.allCases) : implementations
        return Implementation.allCases.filter { chosen.contains($0) }
    }
}
