import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// What a daemon must settle before it joins: nothing left over from a crash, and no second
/// daemon for the same node (issue 10).
@Suite(.serialized)
struct StartupSafetyTests {
    static let vip = NetnsCluster.serviceAddress

    /// A started pair with alpha holding the address.
    func pair(_ configure: (inout ClusterSpec) -> Void = { _ in }) async throws -> NetnsCluster {
        try await startedPair(configure)
    }

    /// The ha-log lines of `node`'s latest run (after its last start banner).
    func latestRun(_ cluster: NetnsCluster, _ node: String) -> [String] {
        let lines = cluster.log(node).split(separator: "\n").map(String.init)
        let start = lines.lastIndex { $0.contains("Configuration validated. Starting hadaemon") } ?? 0
        return Array(lines[start...])
    }

    @Test(
        "after SIGKILL of the holder, the restarted node releases the address and stops the scripts it still runs before it joins (auto_failback off)"
    )
    func staleAddressReleased() async throws {
        let cluster = try await pair { $0.autoFailback = .off }
        defer { cluster.shutdown() }
        try cluster.kill("alpha")
        #expect(try cluster.holdsServiceAddress("alpha"), "a crash leaves the address behind, as on a real host")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        try cluster.start("alpha")
        try await cluster.waitUntil("only bravo holds the address", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["bravo"] }
        try await cluster.waitUntil("the pair is settled again", timeout: .seconds(5)) { settled(cluster) }
        try await Task.sleep(for: .seconds(1))
        #expect(try cluster.serviceAddressHolders() == ["bravo"])
        let run = latestRun(cluster, "alpha")
        let released = run.firstIndex { $0.contains("WARN: releasing stale address \(Self.vip)/24 on hb0 left from an earlier run") }
        let up = run.firstIndex { $0.contains("Local status now set to: 'up'") }
        #expect(released != nil, "\(run)")
        #expect((released ?? .max) < (up ?? .min), "released before the first packet: \(run)")
        #expect(snapshot(cluster, "alpha")?.groups.first?.holders == ["bravo"])
        // The group's script was left running too: stopped before the first packet, so the
        // service does not run on both nodes.
        let stopped = run.firstIndex { $0.contains("still runs here from an earlier run (hbdummy): stopping it") }
        #expect(stopped != nil && (stopped ?? .max) < (up ?? .min), "\(run)")
        #expect(try !cluster.hbdummyIsRunning("alpha"))
        #expect(try cluster.hbdummyIsRunning("bravo"))
    }

    @Test("with crc keys the daemon starts, and its ha-log warns that crc authenticates nothing")
    func crcWarnedAtRun() async throws {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.authkeys = "auth 1\n1 crc\n"
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha logs its start", timeout: .seconds(5)) { cluster.log("alpha").contains("Local status now set to: 'up'") }
        #expect(
            cluster.log("alpha").contains(
                "WARN: \(try cluster.node("alpha").configDirectory)/authkeys:2: warning: key 1 uses crc, which authenticates nothing"))
    }

    @Test("a second daemon for the same node and state dir is refused at start, naming the holder's pid and the lock")
    func secondDaemonRefused() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let alpha = try cluster.node("alpha")
        let pid = try #require(cluster.pid("alpha"))
        let generationFile = alpha.stateDirectory + "/hb_generation"
        let generation = try String(contentsOfFile: generationFile, encoding: .utf8)
        let second = alpha.directory + "/run/second.sock"
        let daemon = try NetnsCluster.builtDaemon().executable
        // `timeout` bounds the unfixed daemon, which would run on.
        let started = SystemClock.now()
        let output = try cluster.run(
            in: "alpha",
            [
                "timeout", "-s", "KILL", "5", daemon, "run", "--config-dir", alpha.configDirectory, "--state-dir", alpha.stateDirectory,
                "--heartbeat-state-dir", alpha.heartbeatStateDirectory, "--socket", second, "--node", "alpha",
            ], timeout: .seconds(10))
        let took = SystemClock.now() - started
        #expect(output.status == .exited(1), "\(output)")
        #expect(took < .seconds(2), "refused at once, not after a timeout: \(took)")
        #expect(
            output.stderr.contains("another hadaemon (pid \(pid)) holds \(alpha.stateDirectory)/hadaemon.lock"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: second), "nothing bound")
        #expect(try String(contentsOfFile: generationFile, encoding: .utf8) == generation, "the generation is not touched")
        try await Task.sleep(for: .seconds(1))
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        #expect(try cluster.hbdummyActions("alpha").filter { $0.hasSuffix(" start") }.count == 1, "resources started once")
        #expect(cluster.isRunning("alpha") && settled(cluster))
        let lock = try String(contentsOfFile: alpha.stateDirectory + "/hadaemon.lock", encoding: .utf8)
        #expect(lock == "\(pid)\n", "the holder's pid, as text")
    }
}
