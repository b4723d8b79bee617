import HAProtocol
import Testing

@testable import HADaemonCore

/// ipfail done by the core (issue 12): with `respawn … ipfail` and ping nodes, the node that sees
/// fewer ping nodes than its peer gives its groups away, and with `auto_failback on` the peer
/// gives them back once the counts balance; a node never gives groups to a peer that is not
/// better connected, and a short loss moves nothing.
@Suite struct IPFailPolicyTests {
    static let pingNode = "192.0.2.200"

    /// A settled pair running ipfail against one ping node (deadping 500 ms, keepalive 100 ms).
    func ipfailPair(autoFailback: HACF.AutoFailback = .on, ipfail: Bool = true) -> ClusterSimulation {
        ClusterSimulation.settledPair(autoFailback: autoFailback) { sim in
            sim.cf.deadping = 500
            sim.cf.pingNodes = [HACF.PingNode(name: Self.pingNode, addresses: [Self.pingNode], line: 8)]
            if ipfail {
                sim.cf.respawn = [HACF.ClientChild(user: "hacluster", command: ["/usr/lib/heartbeat/ipfail"], failfast: false, line: 9)]
            }
        }
    }

    /// Runs in 10 ms steps until `node`'s log has a line containing `text` (at most `limit`).
    func run(_ sim: inout ClusterSimulation, until text: String, in node: String, limit: Duration = .seconds(3)) -> Bool {
        let end = sim.now + limit
        while sim.now < end {
            if sim.log(node).contains(where: { $0.contains(text) }) { return true }
            sim.run(for: .milliseconds(10))
        }
        return sim.log(node).contains(where: { $0.contains(text) })
    }

    /// Delivers `message` to `node` as the next sequenced packet of `from`.
    func inject(_ message: HAMessage, from: String, to node: String, in sim: inout ClusterSimulation) {
        let seq = (sim.nodes[node]!.peers[from]!.lastSeq ?? 0) + 1
        let header = SenderHeader(
            node: from, uuid: Array(repeating: UInt8(from.count), count: 16), seq: seq, generation: sim.generations[from]!, timestamp: 1,
            load: "n/a")
        sim.apply(sim.nodes[node]!.handle(.received(header.stamped(message), link: "hb0"), at: sim.now), from: node)
    }

    @Test("the holder that loses its ping node gives its groups to the peer, and takes them back when the ping node answers again")
    func movesAndReturns() {
        var sim = ipfailPair()
        #expect(sim.holders() == ["alpha"])
        sim.pingCut = ["alpha"]
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["bravo"], "\(sim.log("alpha").suffix(15))")
        #expect(sim.log("alpha").contains("info: ipfail: Giving up because we were told that we have less ping nodes."))
        #expect(sim.log("bravo").contains("info: ipfail: Telling other node that we have more visible ping nodes."))
        #expect(sim.log("alpha").contains("info: alpha wants to go standby [all]"))
        sim.pingCut = []
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["alpha"], "\(sim.log("bravo").suffix(15))")
        #expect(sim.log("bravo").contains("info: ipfail: Ping node count is balanced."))
        #expect(sim.log("bravo").contains("info: ipfail: Giving up foreign resources (auto_failback)."))
        #expect(sim.holderGaps(from: .milliseconds(1_000)).doubleHolder == .zero)
    }

    @Test("ipfail's messages carry its type and fields: num_ping_nodes with num_ping, addressed to the peer's ipfail")
    func wireFields() {
        var sim = ipfailPair()
        sim.pingCut = ["alpha"]
        sim.run(for: .seconds(2))
        let asked = sim.nodes["alpha"]!.history.map(\.message).last { $0.type == "num_ping_nodes" }
        #expect(asked?["num_ping"] == "0")
        #expect(asked?["dest"] == "bravo" && asked?["from_id"] == "ipfail" && asked?["to_id"] == "ipfail")
        let told = sim.nodes["bravo"]!.history.map(\.message).last { $0.type == "you_are_dead" }
        #expect(told?["dest"] == "alpha" && told?["from_id"] == "ipfail")
    }

    @Test("with auto_failback off the groups stay on the peer once the ping node answers again")
    func staysWithoutFailback() {
        var sim = ipfailPair(autoFailback: .off)
        sim.pingCut = ["alpha"]
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["bravo"])
        sim.pingCut = []
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["bravo"])
        #expect(sim.log("bravo").contains("info: ipfail: Ping node count is balanced."))
    }

    @Test("when both nodes lose the ping node nothing moves")
    func bothCutMovesNothing() {
        var sim = ipfailPair()
        let before = sim.transitions.count
        sim.pingCut = ["alpha", "bravo"]
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.transitions.count == before, "\(sim.log("alpha").suffix(15))")
        sim.pingCut = []
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.transitions.count == before)
    }

    @Test("cuts on both nodes a keepalive apart move nothing: the later count arrives before the giveup is due")
    func staggeredCutsMoveNothing() {
        var sim = ipfailPair()
        let before = sim.transitions.count
        sim.pingCut = ["alpha"]
        sim.run(for: .milliseconds(100))
        sim.pingCut = ["alpha", "bravo"]
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.transitions.count == before, "\(sim.log("alpha").suffix(15))")
        #expect(sim.log("alpha").contains { $0.hasPrefix("info: ipfail: Aborted delayed giveup") })
    }

    @Test("the peer losing the ping node while the holder keeps it moves nothing")
    func peerCutMovesNothing() {
        var sim = ipfailPair()
        let before = sim.transitions.count
        sim.pingCut = ["bravo"]
        sim.run(for: .seconds(3))
        sim.pingCut = []
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.transitions.count == before, "\(sim.log("bravo").suffix(15))")
    }

    @Test("without the ipfail line a lost ping node moves nothing (Heartbeat without ipfail)")
    func withoutIPFail() {
        var sim = ipfailPair(ipfail: false)
        sim.pingCut = ["alpha"]
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["alpha"])
        #expect(!sim.log("alpha").contains { $0.contains("ipfail") })
    }

    @Test("in legacy mode ipfail refuses in its own words and moves nothing")
    func legacyRefused() {
        var sim = ipfailPair(autoFailback: .legacy)
        sim.pingCut = ["alpha"]
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.log("alpha").filter { $0 == "ERROR: ipfail: auto_failback set to incompatible legacy option." }.count == 1)
    }

    @Test("replies missed for less than deadping, again and again, move nothing")
    func flappingPingMovesNothing() {
        var sim = ipfailPair()
        let before = sim.transitions.count
        for _ in 0..<10 {
            sim.pingCut = ["alpha"]
            sim.run(for: .milliseconds(350))
            sim.pingCut = []
            sim.run(for: .milliseconds(150))
        }
        #expect(sim.holders() == ["alpha"])
        #expect(sim.transitions.count == before)
        #expect(!sim.log("alpha").contains { $0.contains("ipfail: Giving up") })
    }

    @Test("a ping node back before the delayed giveup fires: the giveup is aborted and nothing moves")
    func shortLossAborted() {
        var sim = ipfailPair()
        let before = sim.transitions.count
        sim.pingCut = ["alpha"]
        #expect(run(&sim, until: "ipfail: Delayed giveup in", in: "alpha"))
        sim.pingCut = []
        sim.run(for: .seconds(3))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.transitions.count == before, "\(sim.log("alpha").suffix(15))")
    }

    @Test("a ping count that is not a number, negative or huge is ignored")
    func hostileCounts() {
        var sim = ipfailPair()
        let before = sim.transitions.count
        for count in ["lots", "-1", "", "99999999999999999999999", "2x"] {
            inject(
                HAMessage(strings: [("t", "num_ping_nodes"), ("num_ping", count), ("dest", "alpha"), ("from_id", "ipfail"), ("to_id", "ipfail")]),
                from: "bravo", to: "alpha", in: &sim)
        }
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.transitions.count == before)
    }

    @Test("a peer that reports more ping nodes than the holder sees gets the groups after the delay")
    func peerReportsMore() {
        var sim = ipfailPair()
        inject(
            HAMessage(strings: [("t", "num_ping_nodes"), ("num_ping", "2"), ("dest", "alpha"), ("from_id", "ipfail"), ("to_id", "ipfail")]),
            from: "bravo", to: "alpha", in: &sim)
        #expect(sim.log("alpha").contains("info: ipfail: Giving up because we have less visible ping nodes."))
        #expect(sim.log("alpha").contains("info: ipfail: Delayed giveup in 0 seconds."))
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["bravo"])
    }

    @Test("a giveup pending when the node stops, and the stop halts on a group that failed to stop: the deadline moves on")
    func pendingGiveupDuringShutdown() {
        var sim = ipfailPair()
        sim.failingStops = [sim.vip]
        inject(
            HAMessage(strings: [("t", "num_ping_nodes"), ("num_ping", "2"), ("dest", "alpha"), ("from_id", "ipfail"), ("to_id", "ipfail")]),
            from: "bravo", to: "alpha", in: &sim)
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(1))
        #expect(sim.nodes["alpha"]!.nextDeadline > sim.now, "a due giveup that is never acted on wakes the loop at once, for ever")
    }

    @Test("a reload that removes the ipfail line drops a pending giveup; one that adds it starts ipfail")
    func reloadSwitchesIPFail() {
        var sim = ipfailPair()
        inject(
            HAMessage(strings: [("t", "num_ping_nodes"), ("num_ping", "2"), ("dest", "alpha"), ("from_id", "ipfail"), ("to_id", "ipfail")]),
            from: "bravo", to: "alpha", in: &sim)
        var without = sim.nodes["alpha"]!.config.cluster
        without.haCF.respawn = []
        sim.apply(sim.nodes["alpha"]!.handle(.reload(without), at: sim.now), from: "alpha")
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["alpha"])
        #expect(sim.nodes["alpha"]!.nextDeadline > sim.now)
        var with = without
        with.haCF.respawn = [HACF.ClientChild(user: "hacluster", command: ["/usr/lib/heartbeat/ipfail"], failfast: false, line: 9)]
        sim.apply(sim.nodes["alpha"]!.handle(.reload(with), at: sim.now), from: "alpha")
        sim.pingCut = ["alpha"]
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["bravo"])
    }
}
