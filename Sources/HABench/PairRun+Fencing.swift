import HAHost
import HAProtocol
import HATestSupport

/// How a fenced pair is set up: the `--fencing-delay` its daemons run with (nil: the daemon's
/// default, 5 s).
struct FencingSetup: Sendable {
    var delayArgument: String?

    var daemonArguments: [String] { delayArgument.map { ["--fencing-delay", $0] } ?? [] }

    /// The delay bravo waits before it shoots in a kill: it holds nothing, alpha held the group.
    func delayMS(_ profile: TimerProfile) -> Double {
        delayArgument.flatMap(Double.init).map { $0 * 1000 } ?? 5000  // hadaemon's default --fencing-delay
    }
}

/// The figures one fenced kill scenario files its measurements under.
struct FencedKillMeasures {
    var takeover: Measure
    var device: Measure
    var rest: Measure
    var doubleHolding: Measure

    static let noDelay = FencedKillMeasures(
        takeover: .fencedKillTakeover, device: .fencedKillDevice, rest: .fencedKillRest, doubleHolding: .fencedKillDoubleHolding)
    static let defaultDelay = FencedKillMeasures(
        takeover: .delayedFencedKillTakeover, device: .delayedFencedKillDevice, rest: .delayedFencedKillRest,
        doubleHolding: .delayedFencedKillDoubleHolding)
}

extension DaemonCommand {
    /// The same command with `extra` after each node's arguments.
    func adding(_ extra: [String]) -> DaemonCommand {
        let base = arguments
        return DaemonCommand(executable: executable) { node in base(node) + extra }
    }
}

extension PairRun {
    /// SIGKILL of alpha's daemon and process group → the address up on bravo, on a fenced pair:
    /// bravo declares alpha dead, waits `fencing`'s delay, resets alpha with the test plugin
    /// (whose run flushes alpha's address, as a power switch would drop it), then takes over.
    ///
    /// Returns the takeover, the device run as bravo's snapshot records it, the rest
    /// (takeover − deadtime − delay − device run), and the longest span after the kill in which
    /// both nodes held the address (the fence flushes alpha's before bravo adds its own: 0).
    func measureFencedKill(_ fencing: FencingSetup, _ measures: FencedKillMeasures) async throws -> [Measure: Double] {
        try await randomPhase()
        let killed = SystemClock.now()
        try cluster.kill("alpha")
        let delayMS = fencing.delayMS(profile)
        try await waitFor("bravo resets alpha and takes over", timeout: profile.deadtime + .milliseconds(Int64(delayMS)) + .seconds(20)) {
            watcher.holders.contains("bravo")
        }
        // Long enough for a late double holding to show.
        try await Task.sleep(for: .milliseconds(50))
        let took = try firstTime("bravo", holds: true, after: killed).fractionalMilliseconds
        let both = watcher.timeline.multipleHolderIntervals.filter { $0.to > killed }.map(\.duration).max() ?? .zero
        let records = cluster.snapshot("bravo")?.fencing ?? []
        guard let fence = records.last(where: { $0.victim == "alpha" && $0.result == "OK" }) else {
            throw BenchError.missingFenceRecord(node: "bravo", victim: "alpha", records: records.map { "\($0.fencer)>\($0.victim) \($0.result)" })
        }
        let device = Double(fence.duration)
        return [
            measures.takeover: took, measures.device: device, measures.rest: took - Double(profile.deadtimeMS) - delayMS - device,
            measures.doubleHolding: both.fractionalMilliseconds,
        ]
    }
}
