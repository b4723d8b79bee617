import Foundation
import HAProtocol
import Testing

@testable import HADaemonCore

/// STONITH before takeover (issue 12, spec §4.6.3), decided by the core alone: the reset comes
/// first, the takeover only after the device confirms, failures retry every 5 s in Heartbeat's
/// words, and in a partition the holder shoots first.
@Suite struct FencingPolicyTests {
    @Test("the default fencing delay is 5 s whatever the timers")
    func defaultDelay() {
        var cf = HACF()
        cf.nodes = ["alpha", "bravo"]
        for deadtime in [30, 150, 10_000, 30_000] {
            cf.deadtime = deadtime
            #expect(NodeCoreConfig(me: "alpha", cf: cf, groups: [], generation: 1).fencingDelay == .seconds(5))
        }
    }

    static let device = StonithDevice(host: "*", type: "external/hadtest", parameters: .positional(["/tmp/x"]), line: 9)

    func fencedPair(results: [FenceResult] = []) -> ClusterSimulation {
        ClusterSimulation.settledPair { sim in
            sim.cf.stonithDevices = [Self.device]
            // The delay these tests time against (the default is a fixed 5 s; see NodeCoreConfig).
            sim.configure = { $0.fencingDelay = $0.deadtime * 2 }
            sim.fenceResults = results
        }
    }

    func sentStonith(_ node: NodeStateMachine) -> [String] {
        node.history.map(\.message).filter { $0.type == "stonith" }.map { "\($0["node"] ?? "?")=\($0["result"] ?? "?")" }
    }

    @Test("a dead holder is reset before its group starts on the survivor, and the result goes out as t=stonith")
    func resetBeforeTakeover() {
        var sim = fencedPair()
        #expect(sim.holders() == ["alpha"])
        sim.kill("alpha")
        sim.run(for: .seconds(2))
        let log = sim.log("bravo")
        let resetting = log.firstIndex(of: "info: Resetting node alpha with [external/hadtest]")
        let reset = log.firstIndex(of: "info: node alpha now reset.")
        let acquired = log.firstIndex(of: "info: Resources being acquired from alpha.")
        #expect(resetting != nil && reset != nil && acquired != nil, "\(log.suffix(12))")
        if let resetting, let reset, let acquired { #expect(resetting < reset && reset < acquired) }
        #expect(!log.contains("WARN: No STONITH device configured."))
        #expect(sim.fences.map(\.victim) == ["alpha"] && sim.fences.map(\.node) == ["bravo"])
        let started = sim.transitions.first { $0.node == "bravo" && $0.running }
        #expect(started.map { $0.at >= sim.fences[0].at + sim.fenceTime } == true, "bravo starts the group only after the reset")
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .running)
        #expect(sentStonith(sim.nodes["bravo"]!) == ["alpha=OK"])
        let record = sim.nodes["bravo"]!.bareSnapshot.fencing
        #expect(record?.map { "\($0.fencer)>\($0.victim) \($0.device) \($0.result) \($0.duration)" } == ["bravo>alpha external/hadtest OK 50"])
    }

    @Test("without a device nothing is fenced and the takeover is immediate, as before")
    func noDeviceUnchanged() {
        var sim = ClusterSimulation()
        sim.start("alpha")
        sim.start("bravo")
        sim.run(for: .seconds(2))
        sim.kill("alpha")
        sim.run(for: .seconds(2))
        #expect(sim.fences.isEmpty)
        #expect(sim.log("bravo").contains("WARN: No STONITH device configured."))
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .running)
        #expect(sim.nodes["bravo"]!.bareSnapshot.fencing == nil, "no fencing field: the snapshot's JSON is unchanged")
    }

    @Test("a device that fails twice is retried every 5 s in Heartbeat's words, and the takeover waits for the third")
    func retriesUntilConfirmed() {
        var sim = fencedPair(results: [.failed, .failed])
        sim.kill("alpha")
        // Dead at 500 ms, then bravo (holding nothing) waits the 1 s partition delay; the reset
        // takes 50 ms.
        sim.run(for: .seconds(2))
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .stopped)
        let failing = sim.nodes["bravo"]!.bareSnapshot.alerts.filter { $0.node == "alpha" && $0.severity == .critical }
        #expect(
            failing.map(\.message) == ["fencing alpha is failing: 1 attempt(s) with external/hadtest; its groups stay stopped"],
            "\(sim.log("bravo").suffix(8)) \(sim.nodes["bravo"]!.bareSnapshot.alerts)")
        sim.run(for: .seconds(10))
        let log = sim.log("bravo")
        #expect(log.filter { $0 == "ERROR: STONITH of alpha failed.  Retrying..." }.count == 2)
        #expect(log.filter { $0 == "info: Resetting node alpha with [external/hadtest]" }.count == 3)
        let gaps = zip(sim.fences.dropFirst(), sim.fences).map { ($0.at - $1.at).milliseconds }
        #expect(gaps == [5050, 5050], "5 s after each failed attempt ended")
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .running)
        #expect(sentStonith(sim.nodes["bravo"]!) == ["alpha=bad", "alpha=bad", "alpha=OK"])
        #expect(sim.nodes["bravo"]!.bareSnapshot.alerts.allSatisfy { $0.node != "alpha" || $0.kind != .nodeDead })
    }

    @Test("while the first reset runs the dead peer shows as not fenced yet")
    func notFencedYetAlert() {
        var sim = fencedPair()
        sim.fenceTime = .seconds(3)
        sim.kill("alpha")
        sim.run(for: .seconds(2))
        let alerts = sim.nodes["bravo"]!.bareSnapshot.alerts.filter { $0.node == "alpha" && $0.kind == .nodeDead }
        #expect(alerts.map(\.message) == ["alpha is dead and not fenced yet; its groups wait for the reset"])
        #expect(alerts.first?.severity == .warning)
    }

    @Test("in a partition the holder fences at once, the other waits, and the holder always wins", arguments: 0..<20)
    func partitionHolderWins(run: Int) {
        var sim = fencedPair()
        sim.latency = .microseconds(200 + run * 150)
        sim.run(for: .milliseconds(run * 37))
        #expect(sim.holders() == ["alpha"])
        sim.cut = ["alpha"]
        sim.run(for: .seconds(4))
        #expect(sim.fences.map { "\($0.node)>\($0.victim)" } == ["alpha>bravo"], "only the holder shoots: \(sim.log("bravo").suffix(6))")
        #expect(!sim.running.contains("bravo"))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .stopped, "bravo never started the group")
    }

    @Test("with equal holdings, none included, only the node whose name sorts first shoots at once")
    func tieBreak() {
        let sim = ClusterSimulation()
        let idle = NodeStateMachine(config: NodeCoreConfig(me: "alpha", cf: sim.cf, groups: sim.groups, generation: 1), at: sim.now)
        #expect(idle.holdsPriority(over: "bravo", peerHeld: []))
        let idleBravo = NodeStateMachine(config: NodeCoreConfig(me: "bravo", cf: sim.cf, groups: sim.groups, generation: 1), at: sim.now)
        #expect(!idleBravo.holdsPriority(over: "alpha", peerHeld: []))
    }

    @Test("a waiting fence is dropped when the peer is heard again")
    func healedPartitionCancelsWaitingFence() {
        var sim = fencedPair()
        sim.cut = ["alpha"]
        sim.fenceResults = [.failed, .failed, .failed]
        sim.run(for: .milliseconds(700))
        sim.cut = []
        sim.run(for: .seconds(2))
        #expect(!sim.fences.contains { $0.node == "bravo" }, "bravo, holding nothing, never shot")
        #expect(sim.log("bravo").contains("info: STONITH of alpha cancelled: it is heard again."))
    }

    @Test("a failing device fixed by a reload is the one the next retry uses")
    func reloadFixesDevice() {
        var sim = fencedPair(results: [.failed])
        sim.kill("alpha")
        sim.run(for: .seconds(2))
        var cf = sim.cf
        let fixed = StonithDevice(host: "*", type: "external/fixed", parameters: .positional(["/tmp/y"]), line: 9)
        cf.stonithDevices = [fixed]
        let cluster = ClusterConfig(haCF: cf, authKeys: AuthKeys(), haResources: HAResources(groups: sim.groups))
        sim.apply(sim.nodes["bravo"]!.handle(.reload(cluster), at: sim.now), from: "bravo")
        sim.run(for: .seconds(6))
        #expect(sim.log("bravo").contains("info: Resetting node alpha with [external/fixed]"), "\(sim.log("bravo").suffix(8))")
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .running)
    }

    @Test("the snapshot's fencing field is optional: an older snapshot decodes, a new one round-trips")
    func snapshotCompatibility() throws {
        var snapshot = ClusterSnapshot(
            takenAt: 1, localNode: "alpha", timers: .init(keepalive: 1, warntime: 2, deadtime: 3, initdead: 4), autoFailback: .on)
        let old = try JSONEncoder().encode(snapshot)
        #expect(!String(decoding: old, as: UTF8.self).contains("fencing"))
        #expect(try JSONDecoder().decode(ClusterSnapshot.self, from: old).fencing == nil)
        snapshot.fencing = [FenceRecord(fencer: "alpha", victim: "bravo", device: "ipmilan", result: "OK", duration: 800, age: 5)]
        #expect(try JSONDecoder().decode(ClusterSnapshot.self, from: JSONEncoder().encode(snapshot)) == snapshot)
    }
}
