import ArgumentParser
import Foundation
import Glibc
import HATestSupport

/// `habench failover` (the default): failover timings and the idle footprint of real `hadaemon`
/// nodes in network namespaces, printed as Markdown tables against the daemon issue's targets and
/// the figures measured here for Heartbeat 3.0.6 and keepalived 2.2.7, and written as JSON.
struct FailoverBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover",
        abstract:
            "Time kill, cut, clean stop, failback, heal and fenced kills on fresh pairs, and measure the idle footprint (needs root).",
        discussion: """
            Every repetition builds a fresh pair (alpha, the home node of 192.0.2.100, and bravo) in \
            network namespaces, waits until it is settled, applies the fault at a random point of the \
            keepalive cycle and reads the result from a netlink sampler. Usually run through bench/run, \
            which builds the release binaries first. SIGINT, SIGTERM and SIGHUP shut every cluster down.
            """
    )

    @Option(help: "Repetitions per profile and scenario.")
    var repetitions = 3

    @Option(
        parsing: .upToNextOption,
        help: "Timer profiles, by keepalive: 1s (1 s/10 s), 200ms (200 ms/1 s), 50ms (50 ms/150 ms), 10ms (10 ms/30 ms). Default: all.")
    var profiles: [TimerProfile] = TimerProfile.all

    @Option(
        parsing: .upToNextOption,
        help:
            "Scenarios: kill cut stop failback heal idle kill-fenced (fencing delay 0) kill-fenced-delay (default delay, 5 s). Default: all."
    )
    var scenarios: [Scenario] = Scenario.allCases

    @Flag(help: "A quick look: the 200ms profile only, 1 repetition, a 10 s idle window.")
    var quick = false

    @Option(name: .customLong("idle-seconds"), help: "Length of the idle window (1 s profile).")
    var idleSeconds: Int?

    @OptionGroup var daemon: DaemonOption
    @OptionGroup var sampling: SamplingOption
    @OptionGroup var results: ResultsDirectoryOption

    func validate() throws {
        guard (1...100).contains(repetitions) else { throw ValidationError("--repetitions must be 1 to 100") }
        if let idleSeconds, !(1...3600).contains(idleSeconds) { throw ValidationError("--idle-seconds must be 1 to 3600") }
    }

    func run() async throws {
        guard geteuid() == 0 else { throw BenchError.notRoot(euid: geteuid()) }
        let signalSources = ClusterRegistry.shared.installSignalHandlers()
        defer { withExtendedLifetime(signalSources) {} }
        let daemonCommand = try daemon.command()
        let runner = BenchRunner(
            profiles: quick ? [.twoHundredMS] : Self.ordered(profiles), scenarios: scenarios, repetitions: quick ? 1 : repetitions,
            idleSeconds: idleSeconds ?? (quick ? 10 : 60), daemon: daemonCommand, sampleInterval: sampling.interval)
        let measured = try await runner.run()
        print(MarkdownReport.render(measured))
        let path = try measured.write(to: results.resultsDir)
        FileHandle.standardError.write(Data("habench: results written to \(path)\n".utf8))
        if !measured.failures.isEmpty { throw ExitCode(1) }
    }

    /// The chosen profiles, slowest first and each once.
    private static func ordered(_ chosen: [TimerProfile]) -> [TimerProfile] {
        TimerProfile.all.filter { chosen.contains($0) }
    }
}
