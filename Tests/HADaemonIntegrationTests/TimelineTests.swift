import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `haconsole timeline`, the real binary, on the ha-logs of a real hadaemon pair in network
/// namespaces (100 ms keepalive, 500 ms deadtime): a kill-failover and a split-brain heal, with
/// the phases checked against what the test itself measured.
///
/// ha-log prints whole seconds (Heartbeat's layout, which hadaemon keeps), so a phase bounded
/// by two lines is good to one second; the bounds below allow that resolution plus a keepalive.
@Suite(.serialized)
struct TimelineTests {
    static let vip = NetnsCluster.serviceAddress

    struct Document: Decodable {
        struct Phase: Decodable {
            var name: String
            var durationMs: Int64
            var inferred: Bool
        }
        struct Failover: Decodable {
            var from: String
            var to: String
            var cause: String
            var completed: Bool
            var durationMs: Int64
            var resolutionMs: Int64
            var phases: [Phase]
        }
        struct SplitBrain: Decodable {
            var detectedMs: Int64
            var healedMs: Int64?
            var releasedMs: Int64?
        }
        var failovers: [Failover]
        var splitBrains: [SplitBrain]
    }

    /// `haconsole timeline --json` over both nodes' ha-logs.
    static func timeline(_ cluster: NetnsCluster, _ extra: [String] = []) throws -> (Document, CommandOutput) {
        let alpha = try cluster.node("alpha")
        let bravo = try cluster.node("bravo")
        let output = try HostCommand.run(
            [
                try ConsoleStatusTests.console(), "timeline", "--json", "--log", "alpha=\(alpha.logFile)", "--log", "bravo=\(bravo.logFile)",
                "--deadtime", "500",
            ]
                + extra)
        let document = try? JSONDecoder().decode(Document.self, from: Data(output.stdout.utf8))
        return (try #require(document, "not the JSON asked for: \(output.status) \(output.stdout) \(output.stderr)"), output)
    }

    @Test("a SIGKILLed holder: one failover alpha→bravo, detect at deadtime, the total what the test measured within a second and a keepalive")
    func killFailover() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)
        let killed = SystemClock.now()
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        let watched = watcher.stop()
        let took = try #require(watched.firstTime("bravo", holds: true, after: killed))
        try await cluster.waitUntil("bravo logs the takeover complete", timeout: .seconds(3)) {
            cluster.log("bravo").contains("info: mach_down takeover complete.")
        }
        let measured = (took - killed).milliseconds

        let (document, output) = try Self.timeline(cluster)
        #expect(output.status == .exited(0), "\(output.stderr)")
        let kills = document.failovers.filter { $0.from == "alpha" }
        #expect(kills.count == 1, "\(output.stdout)")
        let failover = try #require(kills.first)
        #expect(failover.to == "bravo" && failover.completed)
        #expect(failover.phases.map(\.name) == ["detect", "takeover"], "\(output.stdout)")
        let detect = try #require(failover.phases.first)
        #expect(detect.inferred && (500...(500 + 100 + 50)).contains(detect.durationMs), "\(output.stdout)")
        let slack = failover.resolutionMs + 100
        #expect(abs(failover.durationMs - measured) <= slack, "timeline \(failover.durationMs) ms, measured \(measured) ms: \(watched.summary)")
        let takeover = failover.phases.last?.durationMs ?? -1
        #expect(abs(takeover - (measured - 500)) <= slack, "takeover \(takeover) ms, measured \(measured) ms")

        let text = try HostCommand.run(
            [
                try ConsoleStatusTests.console(), "timeline", "--ascii", "--log", "alpha=\(try cluster.node("alpha").logFile)", "--log",
                "bravo=\(try cluster.node("bravo").logFile)", "--deadtime", "500",
            ])
        #expect(text.stdout.contains("alpha->bravo  detect 500 ms* ["), "\(text.stdout)")
        #expect(text.stdout.contains("(deadtime 500 ms)"), "\(text.stdout)")
    }

    @Test("a split brain healed: detected once for the pair, then healed, no later than the test saw one holder again")
    func splitBrainHeal() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        try cluster.cutAll()
        try await cluster.waitUntil("both hold the address", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["alpha", "bravo"] }
        let healing = SystemClock.now()
        let healingWall = SystemClock.wallMilliseconds()
        try cluster.healAll()
        try await cluster.waitUntil("only alpha holds it", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["alpha"] }
        let measured = (SystemClock.now() - healing).milliseconds
        try await Task.sleep(for: .milliseconds(300))

        let (document, output) = try Self.timeline(cluster)
        #expect(document.splitBrains.count == 1, "\(output.stdout)")
        let split = try #require(document.splitBrains.first)
        // Whole seconds: the detection's second starts at most a second before the heal began.
        #expect(split.detectedMs >= healingWall - 1000 && split.detectedMs <= healingWall + measured, "\(output.stdout)")
        let healed = try #require(split.healedMs, "\(output.stdout)")
        #expect(healed - split.detectedMs <= measured + 1000 + 100, "\(output.stdout)")
        // hadaemon logs no line when a heal's release ends (the group's stop is its last line).
        #expect(split.releasedMs.map { $0 >= healed } ?? true, "\(output.stdout)")
        let text = try HostCommand.run(
            [
                try ConsoleStatusTests.console(), "timeline", "--ascii", "--log", "alpha=\(try cluster.node("alpha").logFile)", "--log",
                "bravo=\(try cluster.node("bravo").logFile)", "--deadtime", "500",
            ])
        #expect(text.stdout.contains("Split brains\n"), "\(text.stdout)")
        #expect(text.stdout.contains(" healed after "), "\(text.stdout)")
    }

    @Test("a clean stop: one handover alpha→bravo, release then takeover, the total what the test measured within a second and a keepalive")
    func cleanStop() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let stopping = SystemClock.now()
        try await cluster.stop("alpha")
        try await cluster.waitUntil("bravo holds it", timeout: .seconds(3)) { try cluster.holdsServiceAddress("bravo") }
        let measured = (SystemClock.now() - stopping).milliseconds
        try await cluster.waitUntil("bravo logs the takeover complete", timeout: .seconds(3)) {
            cluster.log("bravo").contains("info: mach_down takeover complete.")
        }

        let (document, output) = try Self.timeline(cluster)
        let handovers = document.failovers.filter { $0.cause == "shutdown" }
        #expect(handovers.count == 1, "\(output.stdout)")
        let handover = try #require(handovers.first)
        #expect(handover.from == "alpha" && handover.to == "bravo" && !document.failovers.contains { $0.cause == "death" })
        #expect(handover.phases.map(\.name) == ["release", "takeover"], "\(output.stdout)")
        #expect(handover.durationMs <= measured + handover.resolutionMs + 100, "timeline \(handover.durationMs) ms, measured \(measured) ms")
    }
}
