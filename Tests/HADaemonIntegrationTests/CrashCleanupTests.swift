import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// A crashed holder keeps its service address while the peer takes it over (issue 13): two
/// holders on the segment until something removes it. Either `hadaemon cleanup`, run by the unit's
/// `ExecStopPost=` when the daemon is not restarted, or the restarted daemon itself, before it
/// joins. Each case prints how long both nodes held the address, for the CI log.
@Suite(.serialized)
struct CrashCleanupTests {
    static let vip = NetnsCluster.serviceAddress

    /// `hadaemon cleanup` in `node`'s namespace, with systemd's `ExecStopPost` variables.
    func cleanup(_ cluster: NetnsCluster, _ node: String, environment: [String]) throws -> CommandOutput {
        let entry = try cluster.node(node)
        let daemon = try NetnsCluster.builtDaemon().executable
        return try cluster.run(
            in: node,
            ["/usr/bin/env"] + environment + [
                daemon, "cleanup", "--config-dir", entry.configDirectory, "--state-dir", entry.stateDirectory, "--node", node,
            ], timeout: .seconds(20))
    }

    /// As systemd passes them after the main process died of SIGKILL.
    static let killedEnvironment = ["SERVICE_RESULT=signal", "EXIT_CODE=killed", "EXIT_STATUS=KILL"]

    /// Total time with two holders, printed so CI logs carry the figure.
    func reportDoubleHolding(_ timeline: VIPTimeline, _ label: String) -> Duration {
        let total = timeline.multipleHolderIntervals.reduce(Duration.zero) { $0 + $1.duration }
        print("crash cleanup (\(label)): two holders of \(Self.vip) for \(Int((total / .milliseconds(1)).rounded())) ms")
        return total
    }

    @Test("after SIGKILL of the holder both nodes hold the address until ExecStopPost's cleanup removes it from the crashed node")
    func cleanupAtExecStopPost() async throws {
        let cluster = try await startedPair { $0.autoFailback = .off }
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try cluster.serviceAddressHolders() == ["alpha", "bravo"], "a crashed host keeps its addresses")

        // A clean end (systemd: success, exit 0) means the stop released everything: nothing to do.
        let clean = try cleanup(cluster, "alpha", environment: ["SERVICE_RESULT=success", "EXIT_CODE=exited", "EXIT_STATUS=0"])
        #expect(clean.status == .exited(0), "\(clean)")
        #expect(clean.stdout.contains("ended cleanly"), "\(clean)")
        #expect(try cluster.holdsServiceAddress("alpha"))

        let cleaned = SystemClock.now()
        let output = try cleanup(cluster, "alpha", environment: Self.killedEnvironment)
        let took = SystemClock.now() - cleaned
        #expect(output.status == .exited(0), "\(output)")
        #expect(output.stdout.contains("released \(Self.vip)/24 on hb0"), "\(output)")
        #expect(took < .seconds(5), "bounded: \(took)")
        try await cluster.waitUntil("only bravo holds the address", timeout: .seconds(2)) { try cluster.serviceAddressHolders() == ["bravo"] }
        let timeline = watcher.stop()
        let double = reportDoubleHolding(timeline, "ExecStopPost")
        #expect(double > .zero, "\(timeline.summary)")
        #expect(timeline.firstTime("alpha", holds: false, after: cleaned) != nil, "\(timeline.summary)")
        let log = cluster.log("alpha")
        #expect(log.contains("WARN: releasing stale address \(Self.vip)/24 on hb0 left from an earlier run"), "\(log)")
        #expect(log.contains("hadaemon cleanup"), "\(log)")
        #expect(!cluster.isRunning("alpha"))
        #expect(try cluster.holdsServiceAddress("bravo"))
    }

    @Test("run at once, as systemd runs ExecStopPost after the crash, the cleanup leaves no span with two holders")
    func cleanupAtOnce() async throws {
        let cluster = try await startedPair { $0.autoFailback = .off }
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)
        try cluster.kill("alpha")
        let output = try cleanup(cluster, "alpha", environment: Self.killedEnvironment)
        #expect(output.status == .exited(0), "\(output)")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        try await Task.sleep(for: .milliseconds(300))
        let timeline = watcher.stop()
        #expect(reportDoubleHolding(timeline, "ExecStopPost at once") == .zero, "\(timeline.summary)")
        #expect(try cluster.serviceAddressHolders() == ["bravo"])
    }

    @Test("after SIGKILL of the holder a restart removes the stale address before alpha joins; the double holding is measured")
    func cleanupAtRestart() async throws {
        let cluster = try await startedPair { $0.autoFailback = .off }
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        #expect(try cluster.serviceAddressHolders() == ["alpha", "bravo"], "a crashed host keeps its addresses")
        let restarted = SystemClock.now()
        try cluster.start("alpha")
        try await cluster.waitUntil("only bravo holds the address", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["bravo"] }
        try await cluster.waitUntil("the pair is settled again", timeout: .seconds(5)) { settled(cluster) }
        let timeline = watcher.stop()
        _ = reportDoubleHolding(timeline, "restart")
        let lost = try #require(timeline.firstTime("alpha", holds: false, after: restarted), "\(timeline.summary)")
        #expect(timeline.holders(at: SystemClock.now()) == ["bravo"], "\(timeline.summary)")
        #expect(lost >= restarted)
        let lines = cluster.log("alpha").split(separator: "\n").map(String.init)
        let run = Array(lines[(lines.lastIndex { $0.contains("Configuration validated. Starting hadaemon") } ?? 0)...])
        let released = run.firstIndex { $0.contains("WARN: releasing stale address \(Self.vip)/24 on hb0 left from an earlier run") }
        let up = run.firstIndex { $0.contains("Local status now set to: 'up'") }
        #expect(released != nil && (released ?? .max) < (up ?? .min), "released before alpha joins: \(run)")
    }

    @Test("the cleanup while alpha's daemon runs touches nothing and says why")
    func cleanupWhileAlive() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let before = cluster.log("alpha")
        let output = try cleanup(cluster, "alpha", environment: Self.killedEnvironment)
        #expect(output.status == .exited(0), "\(output)")
        #expect(output.stdout.contains("still runs"), "\(output)")
        try await Task.sleep(for: .milliseconds(500))
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        #expect(cluster.isRunning("alpha") && settled(cluster))
        #expect(!cluster.log("alpha").dropFirst(before.count).contains("releasing"), "\(cluster.log("alpha"))")
    }
}
