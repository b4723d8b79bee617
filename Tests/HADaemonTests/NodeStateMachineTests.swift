import HAProtocol
import Testing

@testable import HADaemonCore

/// The decision core on a fake clock: every transition of spec §4.8, with the timings it implies.
@Suite struct NodeStateMachineTests {
    @Test("a lone node waits initdead, declares its peer dead and takes every group")
    func loneStart() {
        var sim = ClusterSimulation()
        sim.start("alpha")
        sim.run(for: .milliseconds(900))
        #expect(sim.holders().isEmpty)
        sim.run(for: .milliseconds(200))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.log("alpha").contains("WARN: node bravo: is dead"))
        #expect(sim.log("alpha").contains("info: Comm_now_up(): updating status to active"))
        #expect(sim.log("alpha").contains("info: Resources being acquired from bravo."))
        #expect(sim.log("alpha").contains("info: mach_down takeover complete."))
        #expect(sim.nodes["alpha"]!.holds == .all)
    }

    @Test("two nodes starting together settle with the group on its home node, both stable")
    func bothStart() {
        let sim = ClusterSimulation.settledPair()
        #expect(sim.holders() == ["alpha"])
        #expect(sim.nodes["alpha"]!.isStable && sim.nodes["bravo"]!.isStable)
        #expect(sim.nodes["alpha"]!.holds == .local)
        #expect(sim.nodes["bravo"]!.holds == .local)
        #expect(sim.nodes["alpha"]!.peers["bravo"]!.status == .active)
    }

    @Test("a node joining a running peer leaves the group where it is")
    func joinRunning() {
        var sim = ClusterSimulation()
        sim.start("alpha")
        sim.run(for: .seconds(2))
        sim.start("bravo")
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.nodes["bravo"]!.isStable)
        #expect(sim.log("alpha").contains("info: remote resource transition completed."))
    }

    @Test("after SIGKILL of the holder the peer takes over deadtime after the last packet")
    func killTakeover() throws {
        var sim = ClusterSimulation.settledPair()
        let lastHeard = try #require(sim.nodes["bravo"]!.peers["alpha"]!.lastHeard)
        sim.kill("alpha")
        sim.run(for: .seconds(1))
        let takeover = try #require(sim.transitions.first { $0.node == "bravo" && $0.running })
        // detection at deadtime (500 ms) + action time (5 ms); no polling slack
        #expect(takeover.at - lastHeard <= .milliseconds(500 + 100 + 6))
        #expect(takeover.at - lastHeard >= .milliseconds(500))
        #expect(sim.log("bravo").contains("WARN: node alpha: is dead"))
        #expect(sim.log("bravo").contains("info: Link alpha:hb0 dead."))
        #expect(sim.nodes["bravo"]!.holds == .all)
    }

    @Test("a clean stop hands over at once, without waiting for deadtime")
    func cleanStop() throws {
        var sim = ClusterSimulation.settledPair()
        let stopAt = sim.now
        sim.command("alpha", .shutdown)
        sim.run(for: .milliseconds(100))
        #expect(sim.holders() == ["bravo"])
        #expect(!sim.running.contains("alpha"))
        let taken = try #require(sim.transitions.last { $0.node == "bravo" && $0.running })
        #expect(taken.at - stopAt < .milliseconds(20))
        #expect(sim.log("bravo").contains("info: Received shutdown notice from 'alpha'."))
        #expect(sim.log("alpha").contains("info: All HA resources relinquished."))
        #expect(sim.holderGaps(from: stopAt).doubleHolder == .zero)
    }

    @Test("auto_failback on: the home node gets its group back when it returns")
    func failbackOn() {
        var sim = ClusterSimulation.settledPair()
        sim.kill("alpha")
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["alpha", "bravo"])  // a killed host keeps its stale address
        sim.nodes["alpha"]!.groupStates[sim.vip] = .stopped  // its reboot cleared it
        sim.start("alpha")
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.log("bravo").contains("info: bravo wants to go standby [foreign]"))
        #expect(sim.log("alpha").contains("info: Initial resource acquisition complete (auto_failback)"))
    }

    @Test("auto_failback off: the group stays where it is when the home node returns")
    func failbackOff() {
        var sim = ClusterSimulation.settledPair(autoFailback: .off)
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(1))
        sim.start("alpha")
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["bravo"])
        #expect(sim.nodes["alpha"]!.isStable)
    }

    @Test("standby moves everything to the peer and takeover brings it back")
    func standbyAndTakeover() {
        var sim = ClusterSimulation.settledPair()
        sim.command("alpha", .standby(.all))
        sim.run(for: .milliseconds(300))
        #expect(sim.holders() == ["bravo"], "\(sim.log("alpha").suffix(8)) \(sim.log("bravo").suffix(8))")
        #expect(sim.nodes["alpha"]!.holds == .none && sim.nodes["bravo"]!.holds == .all)
        #expect(sim.log("alpha").contains("info: Other node completed standby takeover of all resources."))
        sim.command("alpha", .takeover(.all))
        sim.run(for: .milliseconds(300))
        #expect(sim.holders() == ["alpha"])
    }

    @Test("a takeover asked while the peer is still settling is honoured once it settles")
    func takeoverDuringFlux() {
        var sim = ClusterSimulation.settledPair()
        sim.command("alpha", .standby(.all))
        sim.run(for: .milliseconds(12))  // bravo is still acquiring
        sim.command("alpha", .takeover(.all))
        sim.run(for: .milliseconds(500))
        #expect(sim.holders() == ["alpha"], "\(sim.log("bravo").suffix(6))")
    }

    @Test("a peer that dies in the middle of a standby is taken over anyway")
    func deathMidStandby() {
        var sim = ClusterSimulation.settledPair()
        sim.command("alpha", .standby(.all))
        sim.run(for: .milliseconds(2))  // bravo has accepted; alpha is releasing
        sim.kill("alpha")
        sim.run(for: .seconds(1))
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .running)
        #expect(sim.nodes["bravo"]!.standby == .idle)
    }

    @Test("a split brain heals with the home node keeping the group and no moment without a holder")
    func splitBrainHeal() {
        var sim = ClusterSimulation.settledPair()
        sim.cut = ["alpha"]
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["alpha", "bravo"])
        let healAt = sim.now
        sim.cut = []
        sim.run(for: .milliseconds(300))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.log("bravo").contains("CRIT: Cluster node alpha returning after partition."))
        let gaps = sim.holderGaps(from: healAt)
        #expect(gaps.noHolder == .zero)
        #expect(gaps.doubleHolder <= .milliseconds(200))  // two keepalives
        #expect(sim.nodes["alpha"]!.alerts.values.contains { $0.kind == .splitBrain })
    }

    @Test("a failed start stops the group, raises an alert and does not bounce it")
    func failedStart() {
        var sim = ClusterSimulation()
        sim.failingStarts = [sim.vip]
        sim.start("alpha")
        sim.start("bravo")
        sim.run(for: .seconds(2))
        #expect(sim.holders().isEmpty)
        #expect(sim.nodes["alpha"]!.alerts.values.contains { $0.kind == .resourceFailed })
    }

    @Test("legacy mode: a returning home node asks for its group with ip-request")
    func legacyFailback() {
        var sim = ClusterSimulation.settledPair(autoFailback: .legacy)
        #expect(sim.holders() == ["alpha"])
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["bravo"])
        sim.start("alpha")
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["alpha"])
    }

    @Test("three nodes: the first live node in ha.cf order takes a dead node's group")
    func threeNodes() {
        var sim = ClusterSimulation(nodes: ["alpha", "bravo", "charlie"], haresources: "charlie 192.0.2.100\n")
        sim.start("alpha")
        sim.start("bravo")
        sim.start("charlie")
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["charlie"])
        sim.kill("charlie")
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["alpha", "charlie"])
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .stopped)
    }
}
