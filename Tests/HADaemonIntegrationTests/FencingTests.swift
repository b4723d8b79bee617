import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// STONITH before takeover with cluster-glue's real `stonith` command and a test-only
/// `external/` plugin that powers a namespace node off (issue 12): the survivor resets the dead
/// node before it takes the address, retries a failing device every 5 s, and in a partition the
/// holder shoots first, so the pair ends with exactly one holder and the other node fenced.
///
/// `HADAEMON_FENCE_RUNS` sets how many partition runs `partitionRuns` makes (default 5 to keep
/// the suite short; the issue's acceptance run is 20, about two minutes).
@Suite(.serialized)
struct FencingTests {
    static let vip = NetnsCluster.serviceAddress
    /// The node holding nothing waits this long in a partition: well beyond one `stonith` run
    /// (about a second here: the command asks the plugin several questions before the reset).
    static let fencingDelay = "3"

    /// A settled pair whose ha.cf names the plugin, with the plugin armed with the daemons' pids.
    func fencedPair(_ plugin: StonithTestPlugin) async throws -> NetnsCluster {
        let cluster = try await startedPair { spec in
            spec.extraDirectives.append(plugin.stonithHostLine)
            spec.daemon = try builtDaemon(adding: ["--fencing-delay", Self.fencingDelay])
        }
        do { try plugin.arm(cluster) } catch {
            cluster.shutdown()
            throw error
        }
        return cluster
    }

    @Test("SIGKILL of the holder: the survivor resets it with the real stonith command, then holds the address alone")
    func killedHolderIsResetFirst() async throws {
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let cluster = try await fencedPair(plugin)
        defer { cluster.shutdown() }
        try cluster.kill("alpha")
        #expect(try cluster.holdsServiceAddress("alpha"), "a crashed host keeps its addresses until it is powered off")
        try await cluster.waitUntil("bravo holds the address alone", timeout: .seconds(15)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        #expect(plugin.calls() == ["reset alpha done"])
        let log = cluster.log("bravo")
        let resetting = try #require(log.range(of: "info: Resetting node alpha with [\(plugin.type)]"), "\(cluster.logTail("bravo"))")
        let reset = try #require(log.range(of: "info: node alpha now reset."))
        let acquired = try #require(log.range(of: "info: Resources being acquired from alpha."))
        #expect(resetting.lowerBound < reset.lowerBound && reset.lowerBound < acquired.lowerBound)
        #expect(!log.contains("No STONITH device configured."))
        try await cluster.waitUntil("bravo's script resource runs", timeout: .seconds(3)) { try cluster.hbdummyIsRunning("bravo") }
        let fences = snapshot(cluster, "bravo")?.fencing ?? []
        #expect(fences.map { "\($0.fencer)>\($0.victim) \($0.result)" } == ["bravo>alpha OK"])
        #expect(fences.first.map { $0.device == plugin.type && $0.duration > 0 } == true)
    }

    @Test("a deaf node (its heartbeat input dropped) ends fenced or fencing: exactly one node holds the address")
    func linkCutEndsWithOneHolder() async throws {
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let cluster = try await fencedPair(plugin)
        defer { cluster.shutdown() }
        try cluster.cut("bravo")
        // Only bravo stops hearing: it waits its delay (it holds nothing), then resets alpha.
        try await cluster.waitUntil("one node is fenced and the other holds the address", timeout: .seconds(15)) {
            try plugin.calls() == ["reset alpha done"] && cluster.serviceAddressHolders() == ["bravo"]
        }
        #expect(!cluster.isRunning("alpha"))
        try await Task.sleep(for: .seconds(1))
        #expect(try cluster.serviceAddressHolders() == ["bravo"])
        #expect(plugin.calls() == ["reset alpha done"], "nobody shot bravo")
    }

    @Test("a device that fails twice then succeeds: two Retrying lines 5 s apart, then the takeover")
    func failingDeviceIsRetried() async throws {
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let cluster = try await fencedPair(plugin)
        defer { cluster.shutdown() }
        try plugin.failNext(2)
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo has failed once", timeout: .seconds(10)) {
            cluster.log("bravo").contains("ERROR: STONITH of alpha failed.  Retrying...")
        }
        let firstFailure = SystemClock.now()
        #expect(try cluster.serviceAddressHolders() == ["alpha"], "no takeover while the device fails")
        let alerts = snapshot(cluster, "bravo")?.alerts ?? []
        #expect(alerts.contains { $0.node == "alpha" && $0.severity == .critical && $0.message.hasPrefix("fencing alpha is failing") })
        try await cluster.waitUntil("bravo holds the address alone", timeout: .seconds(25)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        #expect(SystemClock.now() - firstFailure >= .milliseconds(9500), "two 5 s waits before the third attempt")
        #expect(plugin.calls() == ["reset alpha failed", "reset alpha failed", "reset alpha done"])
        let log = cluster.log("bravo")
        #expect(log.components(separatedBy: "ERROR: STONITH of alpha failed.  Retrying...").count - 1 == 2, "\(cluster.logTail("bravo", lines: 30))")
        #expect(log.components(separatedBy: "info: Resetting node alpha with [\(plugin.type)]").count - 1 == 3)
        #expect((snapshot(cluster, "bravo")?.fencing ?? []).map(\.result) == ["bad", "bad", "OK"])
    }

    @Test("full partitions: the holder always wins the fence race and there are never two holders after it")
    func partitionRuns() async throws {
        let runs = ProcessInfo.processInfo.environment["HADAEMON_FENCE_RUNS"].flatMap { Int($0) }.map { min(max($0, 1), 100) } ?? 5
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        for run in 0..<runs {
            try plugin.clear()
            let cluster = try await fencedPair(plugin)
            defer { cluster.shutdown() }
            try cluster.cutAll()
            try await cluster.waitUntil("run \(run): alpha resets bravo", timeout: .seconds(10)) { plugin.calls() == ["reset bravo done"] }
            // Past bravo's delay: had it not been powered off, it would have shot alpha by now.
            try await Task.sleep(for: .seconds(3))
            #expect(plugin.calls() == ["reset bravo done"], "run \(run): only the holder shoots")
            #expect(try cluster.serviceAddressHolders() == ["alpha"], "run \(run): one holder after the fence")
            #expect(cluster.isRunning("alpha") && !cluster.isRunning("bravo"), "run \(run)")
        }
    }
}
