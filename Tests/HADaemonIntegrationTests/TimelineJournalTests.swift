import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `haconsole timeline` on a real hadaemon pair's timeline journals (millisecond stamps) and
/// ha-logs, against the bench's own figures for the same fault (Sources/HABench
/// `PairRun+Failover`, `PairRun+Recovery`): each phase within one keepalive of what was measured.
///
/// The bench measures from the fault (the kill, the heal command) to the address moving, sampled
/// by a `VIPWatcher`; the timeline measures from the last heartbeat heard to the takeover line.
/// The bench lets the fault land at a random point of the heartbeat cycle, which alone moves its
/// figure by up to a keepalive; here the kill is sent just after bravo heard alpha, and how long
/// after is measured (bravo's own figure, plus the time from asking it to the kill) and added to
/// the bench's figure, so the two start at the same heartbeat: on a loaded machine the test can
/// be descheduled between seeing a fresh heartbeat and killing, and a guessed "at once" was up to
/// 115 ms late. Likewise the heal's release is compared from the heal on both sides.
@Suite(.serialized)
struct TimelineJournalTests {
    static let keepalive: Int64 = 100
    static let deadtime: Int64 = 500

    /// `haconsole timeline --json` over both nodes' ha-logs and journals.
    static func timeline(_ cluster: NetnsCluster) throws -> (TimelineTests.Document, CommandOutput) {
        let output = try HostCommand.run(
            [try ConsoleStatusTests.console(), "timeline", "--json", "--deadtime", "\(deadtime)"] + (try files(cluster)))
        let document = try? JSONDecoder().decode(TimelineTests.Document.self, from: Data(output.stdout.utf8))
        return (try #require(document, "not the JSON asked for: \(output.status) \(output.stdout) \(output.stderr)"), output)
    }

    /// `--log` and `--journal` for both nodes (a journal that is missing fails the test, and the
    /// timeline is drawn from the ha-logs alone to show why).
    static func files(_ cluster: NetnsCluster) throws -> [String] {
        var arguments: [String] = []
        for name in ["alpha", "bravo"] {
            let node = try cluster.node(name)
            let journal = node.stateDirectory + "/timeline.log"
            let written = FileManager.default.fileExists(atPath: journal)
            #expect(written, "hadaemon wrote no timeline journal \(journal)")
            arguments += ["--log", "\(name)=\(node.logFile)"] + (written ? ["--journal", "\(name)=\(journal)"] : [])
        }
        return arguments
    }

    /// Polls `condition` every millisecond, as the bench does (no `ip` spawned while timing).
    static func waitFor(_ what: String, timeout: Duration, _ watcher: VIPWatcher, _ condition: () throws -> Bool) async throws {
        let deadline = SystemClock.now() + timeout
        while try !condition() {
            guard SystemClock.now() < deadline else {
                throw HarnessError.timedOut(waitingFor: what, after: timeout, cluster: watcher.timeline.summary)
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// SIGKILLs alpha just after bravo heard it: waits (bounded: five seconds of tries) for bravo
    /// to say it heard alpha at most `fresh` ms ago in an answer that took at most `fresh` ms,
    /// then kills at once. Returns the kill's time and how long before it bravo last heard alpha
    /// at most: its age when asked plus the time from asking to the kill (the best seen, if no
    /// try was that quick).
    static func killJustAfterAHeartbeat(_ cluster: NetnsCluster, fresh: Int64 = 5) throws -> (killed: MonotonicTime, heardBefore: Int64) {
        let deadline = SystemClock.now() + .seconds(5)
        var best: (asked: MonotonicTime, age: Int64)?
        while SystemClock.now() < deadline {
            let asked = SystemClock.now()
            guard let age = cluster.snapshot("bravo")?.nodes.first(where: { $0.name == "alpha" })?.lastHeardAge.map(Int64.init) else { continue }
            let answered = SystemClock.now()
            if best.map({ age + (answered - asked).milliseconds < $0.age + (answered - $0.asked).milliseconds }) ?? true { best = (asked, age) }
            if age <= fresh && (answered - asked).milliseconds <= fresh { break }
        }
        let chosen = try #require(best, "bravo never answered with alpha's heartbeat age")
        let killed = SystemClock.now()
        try cluster.kill("alpha")
        return (killed, chosen.age + (killed - chosen.asked).milliseconds)
    }

    @Test("a SIGKILL: detect, takeover and the total each within a keepalive of the bench's figures, to the millisecond")
    func killFailover() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: NetnsCluster.serviceAddress, interval: .milliseconds(1))
        let (killed, heardBefore) = try Self.killJustAfterAHeartbeat(cluster)
        try await Self.waitFor("bravo takes over", timeout: .seconds(5), watcher) { watcher.holders.contains("bravo") }
        let watched = watcher.stop()
        // The bench's killTakeover and killBeyondDeadtime, from the last heartbeat bravo heard.
        let took = (try #require(watched.firstTime("bravo", holds: true, after: killed)) - killed).milliseconds + heardBefore
        let beyondDeadtime = took - Self.deadtime
        try await cluster.waitUntil("bravo logs the takeover complete", timeout: .seconds(3)) {
            cluster.log("bravo").contains("info: mach_down takeover complete.")
        }
        try await Task.sleep(for: .milliseconds(100))

        let (document, output) = try Self.timeline(cluster)
        let failover = try #require(document.failovers.first { $0.from == "alpha" }, "\(output.stdout)")
        let figures =
            "measured: takeover \(took) ms, beyond deadtime \(beyondDeadtime) ms (alpha last heard \(heardBefore) ms before the kill)\n\(watched.summary)\n\(output.stdout)"
        #expect(failover.to == "bravo" && failover.completed && failover.resolutionMs <= Self.keepalive, "\(figures)")
        #expect(failover.phases.map(\.name) == ["detect", "takeover"], "\(figures)")
        let detect = try #require(failover.phases.first)
        #expect(!detect.inferred, "detect drawn from deadtime, not from the last heartbeat: \(figures)")
        #expect(abs(detect.durationMs - Self.deadtime) <= Self.keepalive, "detect \(detect.durationMs) ms: \(figures)")
        let takeover = failover.phases.last?.durationMs ?? -1
        #expect(abs(takeover - beyondDeadtime) <= Self.keepalive, "takeover \(takeover) ms: \(figures)")
        #expect(abs(failover.durationMs - took) <= Self.keepalive, "total \(failover.durationMs) ms: \(figures)")
        let text = try HostCommand.run([try ConsoleStatusTests.console(), "timeline", "--ascii", "--deadtime", "500"] + (try Self.files(cluster)))
        #expect(text.stdout.contains("times to 1 ms)") && text.stdout.contains("alpha->bravo  detect \(detect.durationMs) ms ["), "\(text.stdout)")
    }

    @Test("a split-brain heal: detected within a keepalive of the heal, released within a keepalive of the bench's double holding")
    func splitBrainHeal() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: NetnsCluster.serviceAddress, interval: .milliseconds(1))
        try cluster.cutAll()
        try await Self.waitFor("both hold the address", timeout: .seconds(5), watcher) { watcher.holders == ["alpha", "bravo"] }
        try await Self.waitFor("both stable", timeout: .seconds(10), watcher) {
            [cluster.snapshot("alpha"), cluster.snapshot("bravo")].allSatisfy { $0?.nodes.allSatisfy { $0.stable != false } == true }
        }
        try await Task.sleep(for: .milliseconds(2 * Self.keepalive))
        let healing = SystemClock.now()
        try cluster.healAll()
        let healed = SystemClock.now()
        let healedWall = SystemClock.wallMilliseconds()
        let healingWall = healedWall - (healed - healing).milliseconds
        try await Self.waitFor("one holder", timeout: .seconds(10), watcher) { watcher.holders.count == 1 }
        try await Task.sleep(for: .milliseconds(2 * Self.keepalive + 50))
        let watched = watcher.stop()
        // The bench's healDoubleHolding: from the heal in place to one holder.
        let single = try #require(watched.segments.first { $0.from >= healing && $0.holders.count <= 1 }, "\(watched.summary)")
        let doubleHolding = max(0, (single.from - healed).milliseconds)
        try await Task.sleep(for: .milliseconds(300))

        let (document, output) = try Self.timeline(cluster)
        let figures = "measured: double holding \(doubleHolding) ms after the heal at \(healedWall)\n\(watched.summary)\n\(output.stdout)"
        #expect(document.splitBrains.count == 1, "\(figures)")
        let split = try #require(document.splitBrains.first)
        // Either node may hear the other first, once its own rule is gone: with the next
        // heartbeat, a keepalive later at most, and one more for a loaded machine.
        #expect(
            split.detectedMs >= healingWall && split.detectedMs <= healedWall + 2 * Self.keepalive, "detected at \(split.detectedMs): \(figures)")
        let released = try #require(split.releasedMs, "no end of the heal's release: \(figures)")
        #expect(abs((released - healedWall) - doubleHolding) <= Self.keepalive, "released at \(released): \(figures)")
        #expect(split.healedMs.map { $0 >= split.detectedMs && $0 <= released } == true, "\(figures)")
    }
}
