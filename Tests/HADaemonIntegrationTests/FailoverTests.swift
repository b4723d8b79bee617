import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// Real `hadaemon` nodes in network namespaces with a real service address and a real script
/// resource: every failover scenario of the daemon issue, each as its own test.
///
/// Timers are fast (100 ms keepalive, 500 ms deadtime) so the suite stays short; the bounds
/// asserted here are generous on purpose: exact timings are the benchmark's business (bench/).
@Suite(.serialized)
struct FailoverTests {
    static let vip = NetnsCluster.serviceAddress

    /// A started pair with alpha holding the address.
    func pair(_ configure: (inout ClusterSpec) -> Void = { _ in }) async throws -> NetnsCluster {
        try await startedPair(configure)
    }

    /// A reboot after a crash: the dead host's addresses are gone.
    func clearStaleAddress(_ cluster: NetnsCluster, _ node: String) throws {
        if try cluster.holdsServiceAddress(node) {
            _ = try cluster.run(in: node, ["ip", "addr", "del", "\(Self.vip)/24", "dev", "hb0"])
        }
    }

    @Test("a lone node waits initdead, then takes the service address and runs its script")
    func initdeadStart() async throws {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.initdead = .seconds(2)
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)  // its own thread: immune to a busy test pool
        let started = SystemClock.now()
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha takes the address after initdead", timeout: .seconds(8)) { try cluster.holdsServiceAddress("alpha") }
        let timeline = watcher.stop()
        let took = try #require(timeline.firstTime("alpha", holds: true, after: started))
        #expect(took - started >= .seconds(2), "took the address before initdead: \(timeline.summary)")
        try await cluster.waitUntil("alpha's script resource runs", timeout: .seconds(2)) { try cluster.hbdummyIsRunning("alpha") }
        let log = cluster.log("alpha")
        #expect(log.contains("WARN: node bravo: is dead"))
        #expect(log.contains("info: Comm_now_up(): updating status to active"))
        #expect(log.contains("ResourceManager(default)"))
        #expect(snapshot(cluster, "alpha")?.node("bravo")?.status == .dead)
    }

    @Test("SIGKILL of the holder: the peer takes the address over about deadtime later")
    func takeoverAfterKill() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)
        let killed = SystemClock.now()
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        let timeline = watcher.stop()
        let took = try #require(timeline.firstTime("bravo", holds: true, after: killed))
        #expect(took - killed >= .milliseconds(400), "\(timeline.summary)")  // not before deadtime (500 ms) less one keepalive
        #expect(took - killed < .milliseconds(2000), "\(timeline.summary)")
        try await cluster.waitUntil("bravo's script resource runs", timeout: .seconds(2)) { try cluster.hbdummyIsRunning("bravo") }
        #expect(cluster.log("bravo").contains("WARN: node alpha: is dead"))
        // Logged once the script's exit has been processed, a moment after its state file appears.
        try await cluster.waitUntil("bravo logs the takeover complete", timeout: .seconds(2)) {
            cluster.log("bravo").contains("info: mach_down takeover complete.")
        }
    }

    @Test("cutting the heartbeat link makes the peer take over; both hold it while cut")
    func takeoverAfterCut() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let cut = SystemClock.now()
        try cluster.cutAll()
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        #expect(SystemClock.now() - cut >= .milliseconds(400))
        #expect(try cluster.serviceAddressHolders() == ["alpha", "bravo"])
        let seen = try #require(snapshot(cluster, "bravo"))
        #expect(seen.node("alpha")?.status == .dead)
        #expect(seen.node("alpha")?.links.first?.status == .dead)
    }

    @Test("a split brain heals to one holder, the home node, with the address never absent")
    func splitBrainHeal() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        try cluster.cutAll()
        try await cluster.waitUntil("both hold the address", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["alpha", "bravo"] }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)
        let healed = SystemClock.now()
        try cluster.healAll()
        try await cluster.waitUntil("only alpha holds it", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["alpha"] }
        try await Task.sleep(for: .milliseconds(500))
        let timeline = watcher.stop()
        #expect(try cluster.serviceAddressHolders() == ["alpha"], "\(timeline.summary)")
        #expect(timeline.noHolderIntervals(after: healed).isEmpty, "\(timeline.summary)")
        #expect(cluster.log("bravo").contains("CRIT: Cluster node alpha returning after partition."))
        #expect(cluster.isRunning("alpha") && cluster.isRunning("bravo"), "healing must not restart the daemons")
        let alerts = snapshot(cluster, "alpha")?.alerts ?? []
        #expect(alerts.contains { $0.kind == .splitBrain && $0.severity == .info })
    }

    @Test("a clean stop hands the address over at once and returns when it is released")
    func cleanStop() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, address: Self.vip)
        let stopping = SystemClock.now()
        let took = try await cluster.stop("alpha")
        try await cluster.waitUntil("bravo holds it", timeout: .seconds(2)) { try cluster.holdsServiceAddress("bravo") }
        let timeline = watcher.stop()
        #expect(took < .seconds(2), "stop took \(took)")
        #expect(try !cluster.holdsServiceAddress("alpha"))
        let onBravo = try #require(timeline.firstTime("bravo", holds: true, after: stopping))
        #expect(onBravo - stopping < .milliseconds(450), "before deadtime: \(timeline.summary)")
        #expect(timeline.multipleHolderIntervals.isEmpty, "\(timeline.summary)")
        #expect(cluster.log("bravo").contains("info: Received shutdown notice from 'alpha'."))
        #expect(cluster.log("alpha").contains("info: All HA resources relinquished."))
    }

    @Test("auto_failback on: the home node takes its address back when it returns")
    func failbackOn() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
        try clearStaleAddress(cluster, "alpha")
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha has it back, bravo released it", timeout: .seconds(6)) { try cluster.serviceAddressHolders() == ["alpha"] }
        #expect(cluster.log("bravo").contains("info: bravo wants to go standby [foreign]"))
    }

    @Test("auto_failback off: the address stays where it is when the home node returns")
    func failbackOff() async throws {
        let cluster = try await pair { $0.autoFailback = .off }
        defer { cluster.shutdown() }
        try await cluster.stop("alpha")
        try await cluster.waitUntil("bravo holds it", timeout: .seconds(3)) { try cluster.holdsServiceAddress("bravo") }
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha is active again", timeout: .seconds(5)) { snapshot(cluster, "bravo")?.node("alpha")?.status == .active }
        try await Task.sleep(for: .seconds(1))
        #expect(try cluster.serviceAddressHolders() == ["bravo"])
    }

    @Test("standby gives everything to the peer and takeover brings it back")
    func standbyAndTakeover() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let standby = try cluster.control("alpha", #"{"id":1,"op":"standby","node":"alpha","resources":"all","reason":"test"}"#)
        #expect(standby.contains("standby of all resources started"), "\(standby)")
        try await cluster.waitUntil("bravo holds it alone", timeout: .seconds(3)) {
            try cluster.serviceAddressHolders() == ["bravo"] && settled(cluster)
        }
        #expect(cluster.log("alpha").contains("standby [all] requested by uid 0"))
        let wrongNode = try cluster.control("alpha", #"{"id":2,"op":"takeover","node":"bravo"}"#)
        #expect(wrongNode.contains("wrong_node"))
        let takeover = try cluster.control("alpha", #"{"id":3,"op":"takeover","node":"alpha","resources":"all"}"#)
        #expect(takeover.contains("takeover of all resources"), "\(takeover)")
        try await cluster.waitUntil("alpha holds it alone", timeout: .seconds(3)) { try cluster.serviceAddressHolders() == ["alpha"] }
    }

    @Test("SIGHUP reloads new timers while holding, and keeps the old config when the new one is bad")
    func reloadWhileHolding() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        var spec = cluster.spec
        spec.deadtime = .milliseconds(800)
        try cluster.writeFiles(for: cluster.node("alpha"), spec)
        try cluster.signal("alpha", SIGHUP)
        try await cluster.waitUntil("alpha reloads", timeout: .seconds(3)) { cluster.log("alpha").contains("Configuration reloaded") }
        #expect(snapshot(cluster, "alpha")?.timers.deadtime == 800)
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        let path = try cluster.node("alpha").configDirectory + "/ha.cf"
        try (String(contentsOfFile: path, encoding: .utf8) + "deadtime 1\nkeepalive 1\n").write(toFile: path, atomically: true, encoding: .utf8)
        try cluster.signal("alpha", SIGHUP)
        try await cluster.waitUntil("alpha refuses the bad config", timeout: .seconds(3)) {
            cluster.log("alpha").contains("keeping the running configuration")
        }
        #expect(cluster.log("alpha").contains("must be greater than 2 x keepalive"))
        #expect(snapshot(cluster, "alpha")?.timers.deadtime == 800)
        #expect(try cluster.serviceAddressHolders() == ["alpha"] && cluster.isRunning("alpha"))
    }

    @Test("a resource script that hangs is killed at its timeout and reported")
    func hangingScript() async throws {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.installsHangScript = true
        spec.groups = [GroupSpec(node: "alpha", resources: ["IPaddr2::\(Self.vip)/24/hb0", "hang"])]
        spec.daemon = try builtDaemon(adding: ["--script-timeout", "1"])
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try cluster.start("bravo")
        try await cluster.waitUntil("alpha reports the failed group", timeout: .seconds(10)) {
            snapshot(cluster, "alpha")?.alerts.contains { $0.kind == .resourceFailed && $0.severity == .critical } == true
        }
        let log = cluster.log("alpha")
        #expect(log.contains("hang start timed out after 1 s: process group killed"), "\(log)")
        #expect(log.contains("CRIT: Giving up resources due to failure of hang"))
        try await cluster.waitUntil("the half-started group is released", timeout: .seconds(5)) { try !cluster.holdsServiceAddress("alpha") }
        #expect(cluster.isRunning("alpha"))
    }

    @Test("three nodes: when the home node dies the first live node in ha.cf order takes its group")
    func threeNodes() async throws {
        var spec = ClusterSpec(nodes: ["alpha", "bravo", "charlie"])
        spec.groups = [.serviceAddress(on: "charlie", plus: ["hbdummy"])]
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        for node in spec.nodes { try cluster.start(node) }
        try await cluster.waitUntil("charlie holds it", timeout: .seconds(8)) { try cluster.serviceAddressHolders() == ["charlie"] }
        try cluster.kill("charlie")
        try clearStaleAddress(cluster, "charlie")
        try await cluster.waitUntil("alpha takes it", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["alpha"] }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
    }
}

/// An alpha/bravo pair (`configure` may change the spec first), started and settled with alpha
/// holding the service address; shut down if it never gets there.
func startedPair(_ configure: (inout ClusterSpec) throws -> Void = { _ in }) async throws -> NetnsCluster {
    var spec = ClusterSpec(nodes: ["alpha", "bravo"])
    try configure(&spec)
    let cluster = try NetnsCluster(spec)
    do {
        try cluster.start("alpha")
        try cluster.start("bravo")
        try await cluster.waitUntil("alpha holds \(NetnsCluster.serviceAddress), the pair is settled", timeout: .seconds(8)) {
            try cluster.serviceAddressHolders() == ["alpha"] && settled(cluster)
        }
    } catch {
        cluster.shutdown()
        throw error
    }
    return cluster
}

/// The built `hadaemon run` with the harness's usual flags plus `extra` (e.g. `--script-timeout 1`).
func builtDaemon(adding extra: [String]) throws -> DaemonCommand {
    try DaemonCommand(executable: NetnsCluster.builtDaemon().executable) { node in
        [
            "run", "--config-dir", node.configDirectory, "--state-dir", node.stateDirectory, "--socket", node.socketPath, "--node", node.name,
        ] + extra
    }
}

/// Every node answers, sees every other node active, and is stable.
func settled(_ cluster: NetnsCluster) -> Bool {
    cluster.isSettled()
}

/// The node's snapshot over its control socket, or nil when it does not answer.
func snapshot(_ cluster: NetnsCluster, _ node: String) -> ClusterSnapshot? {
    cluster.snapshot(node)
}
