import ArgumentParser
import Foundation
import Glibc
import HATestSupport

/// `habench footprint`: idle PSS and RSS of one hadaemon alone on a node against keepalived's
/// alone, in the same run, with where hadaemon's memory goes (issue 13's memory target).
struct FootprintBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "footprint",
        abstract: "Idle PSS and RSS of one hadaemon alone on a node against keepalived's alone, and where hadaemon's memory goes (needs root).",
        discussion: """
            Issue 13's target: the idle PSS of one daemon alone on a node below keepalived's alone (both \
            its processes), measured with the packaged binary. Each repetition runs, in turn, a fresh \
            hadaemon node and a fresh keepalived node (VRRPv3, advert_int 1 s, state MASTER), each alone \
            in its own network namespace: its peer is never started, so it holds 192.0.2.100 and sends \
            its heartbeats or adverts every second (the 1 s profile, initdead 10 s). Once it holds the \
            address with nothing else running, it idles --seconds; then /proc/PID/smaps_rollup gives \
            PSS, RSS, anonymous and file PSS and private dirty pages, summed over keepalived's parent \
            and VRRP child.

            Then "where hadaemon's memory goes": the last hadaemon run's /proc/PID/smaps by mapping, \
            grouped (its text, read-only and writable data, heap, anonymous, stack, libc, libstdc++, \
            libm, other libraries), with what it touched in the last 10 s of the window (referenced bits \
            cleared through /proc/PID/clear_refs): the idle working set against pages resident only \
            from startup.

            Which hadaemon: --deb DEB (./usr/sbin/hadaemon extracted from the package scripts/package \
            builds: what a node runs), else --daemon, else the release build beside habench. Needs \
            root and the Debian package keepalived (scripts/setup installs it). Usually run as \
            `sudo bench/run footprint --deb dist/hadaemon_0.1.0_amd64.deb`. See bench/README.md.
            """
    )

    /// The most of the window whose touched pages are counted.
    static let touchedWindow = 10

    @Option(help: "The hadaemon package to measure: ./usr/sbin/hadaemon from it (what scripts/package builds). Wins over --daemon.")
    var deb: String?

    @OptionGroup var daemon: DaemonOption

    @Option(help: "Seconds each node idles, from ready (it holds the address) to the read. 3 to 3600.")
    var seconds = 20

    @Option(help: "Runs of each implementation, each on a fresh node, taking turns.")
    var repetitions = 3

    @Flag(
        help: """
            Also run hadaemon with its hidden `run --keep-startup-pages` (startup-only pages kept, no malloc_trim), \
            a third row showing what releasing them saves. Needs a hadaemon that has the flag.
            """)
    var compareKeepStartupPages = false

    @OptionGroup var results: ResultsDirectoryOption

    func validate() throws {
        guard (3...3600).contains(seconds) else { throw ValidationError("--seconds must be 3 to 3600") }
        guard (1...50).contains(repetitions) else { throw ValidationError("--repetitions must be 1 to 50") }
    }

    func run() async throws {
        guard geteuid() == 0 else { throw BenchError.notRoot(euid: geteuid()) }
        try KeepalivedNode.requireInstalled()
        let signalSources = ClusterRegistry.shared.installSignalHandlers()
        defer { withExtendedLifetime(signalSources) {} }
        let binary = try MeasuredBinary.choose(deb: deb, daemon: daemon)
        defer { binary.remove() }
        progress("hadaemon: \(binary.path) (\(binary.source)), \(binary.sizeText)")
        let loadAtStart = BenchResults.loadAverage
        let touched = min(Self.touchedWindow, seconds)
        let run = LoneNodeRun(daemon: .hadaemon(at: binary.path), profile: .oneSecond, idle: .seconds(seconds), touched: .seconds(touched))
        // The flag's row first: a daemon without the flag fails in seconds, not after two runs.
        let variants: [FootprintVariant] = (compareKeepStartupPages ? [.hadaemonKeepingStartupPages] : []) + [.hadaemon, .keepalived]
        var samples: [FootprintSample] = []
        for repetition in 1...repetitions {
            for variant in variants {
                progress("repetition \(repetition)/\(repetitions): \(variant.title) alone, \(seconds) s idle")
                let sample = try await run.measure(variant, repetition: repetition)
                progress("  PSS \(sample.memory.pssKB) kB, RSS \(sample.memory.rssKB) kB, \(sample.namespaceProcesses) process(es)")
                samples.append(sample)
            }
        }
        let measured = FootprintResults(
            date: ISO8601DateFormatter().string(from: Date()), kernel: BenchResults.kernelRelease, nproc: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
            loadAverageAtStart: loadAtStart, loadAverage: BenchResults.loadAverage, binary: binary,
            keepalivedVersion: Implementation.keepalived.installedVersion, profile: .oneSecond, seconds: seconds, touchedSeconds: touched,
            repetitions: repetitions, samples: samples, rows: FootprintResults.rows(samples))
        print(FootprintReport.render(measured))
        let path = try measured.write(to: results.resultsDir)
        progress("habench: results written to \(path)")
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
