import HAProtocol
import Testing

@testable import HADaemonCore

/// Membership details driven message by message: links, sequence gaps, retransmission, replay,
/// the node-list exchange a real Heartbeat peer needs.
@Suite struct MembershipTests {
    let groups = AlphaCore.groups

    func machine(at start: MonotonicTime = .milliseconds(0)) -> NodeStateMachine { AlphaCore.machine(at: start) }

    func fromBravo(_ message: HAMessage, seq: UInt64, generation: UInt64 = 20) -> HAMessage {
        AlphaCore.fromBravo(message, seq: seq, generation: generation)
    }

    func sent(_ effects: [NodeEffect]) -> [HAMessage] { AlphaCore.sent(effects) }

    func logs(_ effects: [NodeEffect]) -> [String] { AlphaCore.logs(effects) }

    @Test("each link is tracked: one going silent is reported dead while the node stays alive")
    func linksTrackedSeparately() {
        var node = machine()
        var seq: UInt64 = 1
        var t = MonotonicTime.milliseconds(0)
        var allLogs: [String] = []
        for step in 0..<20 {
            t = .milliseconds(Int64(step) * 100)
            let status = fromBravo(.status("active", deadTimeMilliseconds: 500), seq: seq)
            seq += 1
            allLogs += logs(node.handle(.received(status, link: "hb0"), at: t))
            if step < 5 { allLogs += logs(node.handle(.received(status, link: "hb1"), at: t)) }
            allLogs += logs(node.handle(.tick, at: t))
        }
        #expect(allLogs.contains("Link bravo:hb0 up.") && allLogs.contains("Link bravo:hb1 up."))
        #expect(allLogs.contains("Link bravo:hb1 dead."))
        #expect(!allLogs.contains("Link bravo:hb0 dead."))
        #expect(node.peers["bravo"]!.status == .active)
    }

    @Test("reqnodes addressed to us is answered with the node list, as real Heartbeat peers require")
    func answersReqnodes() {
        var node = machine()
        let request = fromBravo(.nodeListRequest(to: "alpha"), seq: 1)
        let reply = sent(node.handle(.received(request, link: "hb0"), at: .milliseconds(10))).first { $0.type == "repnodes" }
        #expect(reply?["dest"] == "bravo")
        #expect(reply?["nodelist"] == "alpha bravo ")
        #expect(reply?["delnodelist"] == " ")
    }

    @Test("a sequence gap is logged, asked for with NS_rexmit, and filled by the retransmission")
    func gapAndRetransmission() {
        var node = machine()
        _ = node.handle(.received(fromBravo(.status("up", deadTimeMilliseconds: 500), seq: 1), link: "hb0"), at: .milliseconds(0))
        let gap = node.handle(.received(fromBravo(.status("up", deadTimeMilliseconds: 500), seq: 4), link: "hb0"), at: .milliseconds(10))
        #expect(logs(gap).contains("2 lost packet(s) for [bravo] [1:4]"))
        let asked = sent(node.handle(.tick, at: .milliseconds(80))).filter { $0.type == "NS_rexmit" }
        #expect(asked.map { $0["firstseq"] } == ["2", "3"])
        _ = node.handle(.received(fromBravo(.starting, seq: 2), link: "hb0"), at: .milliseconds(90))
        let filled = node.handle(.received(fromBravo(.starting, seq: 3), link: "hb0"), at: .milliseconds(91))
        #expect(logs(filled).contains("No pkts missing from bravo!"))
        #expect(node.peers["bravo"]!.missing.isEmpty)
    }

    @Test("a retransmission request is served from the history of sent messages")
    func servesRetransmission() {
        var node = machine()
        let first = node.handle(.tick, at: .milliseconds(0))
        guard case .send(let status, let seq?) = first.first(where: { if case .send = $0 { true } else { false } }) else {
            Issue.record("no status sent")
            return
        }
        _ = node.handle(.received(fromBravo(.status("up", deadTimeMilliseconds: 500), seq: 1), link: "hb0"), at: .milliseconds(1))
        let resend = node.handle(
            .received(fromBravo(.retransmitRequest(to: "alpha", first: seq, last: seq), seq: 0), link: "hb0"), at: .milliseconds(2))
        #expect(resend.contains(.send(status, seq: seq)))
    }

    @Test("a packet from an older generation is a replay: dropped, counted, logged once")
    func replayDropped() {
        var node = machine()
        _ = node.handle(.received(fromBravo(.status("active", deadTimeMilliseconds: 500), seq: 1, generation: 20), link: "hb0"), at: .milliseconds(0))
        var lines: [String] = []
        for i in 0..<5 {
            lines += logs(node.handle(.received(fromBravo(.starting, seq: 2, generation: 19), link: "hb0"), at: .milliseconds(Int64(10 + i))))
        }
        #expect(lines == ["should_drop_message: attempted replay attack [bravo]? [gen = 19, curgen = 20]"])
        #expect(node.droppedPackets[.message("replay", from: "bravo")] == 5)
    }

    @Test("a node declared dead that speaks again with the same generation returned after a partition, whatever sequenced packet it sends first")
    func partitionSeenOnAnyPacket() {
        var node = machine()
        _ = node.handle(.received(fromBravo(.status("active", deadTimeMilliseconds: 500), seq: 1), link: "hb0"), at: .milliseconds(0))
        var lines: [String] = []
        for t in stride(from: 100, through: 1200, by: 100) { lines += logs(node.handle(.tick, at: .milliseconds(Int64(t)))) }
        #expect(lines.contains("node bravo: is dead"))
        // The first packet after the heal is bravo asking for a retransmission: unsequenced, so it
        // could be a replay, and proves nothing.
        let asked = node.handle(
            .received(fromBravo(.retransmitRequest(to: "alpha", first: 3, last: 3), seq: 0), link: "hb0"), at: .milliseconds(1300))
        #expect(!logs(asked).contains("Cluster node bravo returning after partition."))
        // Its next one is sequenced and new: that is the partition ending, even though it is no status.
        let healed = node.handle(.received(fromBravo(.nodeListRequest(to: "alpha"), seq: 14), link: "hb0"), at: .milliseconds(1310))
        #expect(logs(healed).contains("Cluster node bravo returning after partition."))
        #expect(node.healing.contains("bravo"))
    }

    @Test("a ping node is init until it answers, ping while it answers, dead after deadping")
    func pingNodes() {
        let cf = HACF.pairWithPingNode()
        var node = NodeStateMachine(config: NodeCoreConfig(me: "alpha", cf: cf, groups: groups, generation: 1), at: .milliseconds(0))
        let first = node.handle(.tick, at: .milliseconds(0))
        #expect(first.contains(.ping(["192.0.2.1"])))
        #expect(node.pingStatus["192.0.2.1"]?.status == .`init`)
        #expect(logs(node.handle(.pingReply(address: "192.0.2.1"), at: .milliseconds(5))) == ["Status update for node 192.0.2.1: status ping"])
        #expect(node.pingStatus["192.0.2.1"]?.status == .ping)
        var later: [String] = []
        for t in stride(from: 100, through: 700, by: 100) { later += logs(node.handle(.tick, at: .milliseconds(Int64(t)))) }
        #expect(later.contains("node 192.0.2.1: is dead"))
        let snapshot = node.snapshot(at: .milliseconds(700), wallNow: 0, cluster: "c", configDigest: nil, localLinks: [])
        #expect(snapshot.node("192.0.2.1")?.type == .ping && snapshot.node("192.0.2.1")?.status == .dead)
    }

    @Test("a standby request nobody answers is cancelled after the reply timeout")
    func standbyTimesOut() {
        var sim = ClusterSimulation()
        sim.start("alpha")
        sim.start("bravo")
        sim.run(for: .seconds(2))
        sim.cut = ["bravo"]  // bravo hears nothing, says nothing: alpha's request goes unanswered
        sim.command("alpha", .standby(.all))
        sim.run(for: .milliseconds(400))  // less than deadtime: bravo is not yet dead
        #expect(sim.nodes["alpha"]!.standby != .idle)
        sim.cut = []
        sim.run(for: .seconds(11))
        #expect(sim.nodes["alpha"]!.standby == .idle)
    }
}
