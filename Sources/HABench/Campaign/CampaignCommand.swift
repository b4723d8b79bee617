import ArgumentParser
import Foundation
import Glibc
import HATestSupport

/// `habench campaign`: a fault campaign in the spirit of Pacemaker's CTS. N random steps on a
/// pair (or a mixed pair with Heartbeat 3.0.6), each a fault injected and recovered, each
/// audited once the pair has settled; one line per step, then a table per fault kind and the
/// seed with the command that replays the run. Exits 1 when any step failed an audit.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Random faults on a pair in network namespaces, each audited once settled (needs root).",
        discussion: """
            Every step: a fault drawn from the seed (kind, target role, phase, duration, form) is injected \
            into a settled pair and recovered; the campaign waits for both daemons to answer with a stable \
            resource state and see each other active (at most deadtime + initdead + 5 s), watches a window \
            after that, and audits: \(Audit.allCases.map(\.rawValue).joined(separator: ", ")). A failed step \
            is followed by a reset of the pair. The same seed, options and build replay the same faults.

            Fault kinds:
            \(FaultKind.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
            """
    )

    static let defaultWindowMS = 1000
    static let defaultScriptTimeoutMS = 3000

    @Option(help: "Steps to run.")
    var steps = 30

    @Option(help: "The seed (hex with 0x, or decimal). Default: a fresh one, printed.")
    var seed: String?

    @Flag(help: "bravo runs Heartbeat 3.0.6 (Debian package heartbeat) instead of hadaemon.")
    var mixed = false

    @Option(help: "The pair's keepalive (200ms, 1s).")
    var keepalive = "200ms"

    @Option(help: "The pair's deadtime. Default: 5 keepalives.")
    var deadtime: String?

    @Option(help: "How long each step is watched once settled (the storm and holder audits).")
    var window = "\(defaultWindowMS)ms"

    @Option(name: .customLong("script-timeout"), help: "hadaemon's --script-timeout, which hung scripts run into.")
    var scriptTimeout = "\(defaultScriptTimeoutMS)ms"

    @Option(parsing: .upToNextOption, help: "Only these fault kinds (default: all).")
    var kinds: [FaultKind] = []

    @Option(name: .customLong("memory-bound-mb"), help: "The most a daemon's resident memory may grow over its life, in MiB.")
    var memoryBoundMB = 32

    @Option(help: "Also write the results as JSON to this file.")
    var json: String?

    @OptionGroup var daemon: DaemonOption

    @Flag(help: "Print the planned steps and exit (no root needed): what the seed determines.")
    var list = false

    func validate() throws {
        guard (1...100_000).contains(steps) else { throw ValidationError("--steps must be 1 to 100000") }
        guard let keepaliveMS = Self.milliseconds(keepalive), (10...10_000).contains(keepaliveMS) else {
            throw ValidationError("--keepalive \(keepalive): 10ms to 10s, e.g. 200ms")
        }
        if let deadtime {
            guard let deadtimeMS = Self.milliseconds(deadtime), deadtimeMS > 2 * keepaliveMS else {
                throw ValidationError("--deadtime \(deadtime): more than twice the keepalive")
            }
        }
        guard let windowMS = Self.milliseconds(window), (100...60_000).contains(windowMS) else {
            throw ValidationError("--window \(window): 100ms to 60s")
        }
        guard let timeout = Self.milliseconds(scriptTimeout), (500...60_000).contains(timeout) else {
            throw ValidationError("--script-timeout \(scriptTimeout): 500ms to 60s")
        }
        if let seed { guard Self.seed(seed) != nil else { throw ValidationError("--seed \(seed): hex with 0x, or decimal") } }
        guard (1...4096).contains(memoryBoundMB) else { throw ValidationError("--memory-bound-mb must be 1 to 4096") }
    }

    func run() async throws {
        let options = makeOptions()
        if list {
            let plans = FaultPlan.sequence(seed: options.seed, steps: options.steps, kinds: options.drawnKinds, timers: options.timers)
            for (index, plan) in plans.enumerated() { print(String(format: "%4d ", index + 1) + plan.describe(node: "?")) }
            print("seed \(options.seedText): \(options.replayCommand(steps: options.steps))")
            return
        }
        guard geteuid() == 0 else { throw BenchError.notRoot(euid: geteuid()) }
        let signalSources = ClusterRegistry.shared.installSignalHandlers()
        defer { withExtendedLifetime(signalSources) {} }
        let daemonCommand = try daemon.command()
        print("habench campaign: seed \(options.seedText); replay: \(options.replayCommand(steps: options.steps))")
        print(options.pairDescription)
        fflush(nil)
        let runner = CampaignRunner(
            options: options, daemon: daemonCommand, bounds: CampaignRunner.bounds(options.timers, mixed: mixed, memoryGrowthMB: memoryBoundMB)
        ) { line in
            print(line)
            fflush(nil)
        }
        let results = try await runner.run()
        print("")
        print(CampaignReport.render(results))
        if let json {
            try results.write(to: json)
            FileHandle.standardError.write(Data("habench: results written to \(json)\n".utf8))
        }
        if results.records.contains(where: { !$0.passed }) || results.records.count < options.steps { throw ExitCode(1) }
    }

    func makeOptions() -> CampaignOptions {
        let keepaliveMS = Self.milliseconds(keepalive) ?? 200
        let deadtimeMS = deadtime.flatMap(Self.milliseconds)
        let timeoutMS = Self.milliseconds(scriptTimeout) ?? Self.defaultScriptTimeoutMS
        let timers =
            mixed
            ? CampaignTimers.mixed(keepaliveMS: keepaliveMS, deadtimeMS: deadtimeMS, scriptTimeoutMS: timeoutMS)
            : CampaignTimers.pair(keepaliveMS: keepaliveMS, deadtimeMS: deadtimeMS, scriptTimeoutMS: timeoutMS)
        return CampaignOptions(
            steps: steps, seed: seed.flatMap(Self.seed) ?? UInt64.random(in: 1...UInt64.max), mixed: mixed, keepaliveMS: keepaliveMS,
            deadtimeMS: deadtimeMS, windowMS: Self.milliseconds(window) ?? Self.defaultWindowMS, kinds: kinds.isEmpty ? nil : kinds,
            scriptTimeoutMS: timeoutMS, timers: timers)
    }

    /// `200ms`, `1s`, `1.5s` or a bare number of milliseconds; nil for anything else.
    static func milliseconds(_ text: String) -> Int? {
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 1) : text.hasSuffix("s") ? (text.dropLast(), 1000) : (Substring(text), 1)
        guard let value = Double(number), value.isFinite, value >= 0, value * scale < 1e9 else { return nil }
        return Int((value * scale).rounded())
    }

    /// `0x5eed` (hex) or `24301` (decimal).
    static func seed(_ text: String) -> UInt64? {
        text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }
}
