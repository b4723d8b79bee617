import HAProtocol
import Testing

@testable import HADaemonCore

/// A Heartbeat 3.0.6 peer drops resource messages until its own comm-up (`process_resources`
/// returns early), and it reaches comm-up a moment after us when we hear it first. Seen in the
/// mixed cluster: our `starting` went unanswered, so both sides sat out the peer's 10 s
/// RQSTDELAY; with `auto_failback legacy` our `ip-request` was lost and our own group never
/// started. The negotiation now waits until the peer says `active`, its comm-up.
@Suite struct PeerCommUpTests {
    let groups = HAResourcesParser.parse("alpha IPaddr2::192.0.2.100/24/hb0 hbdummy\n").value.groups

    func machine(_ autoFailback: HACF.AutoFailback) -> NodeStateMachine {
        var cf = HACF()
        cf.nodes = ["alpha", "bravo"]
        cf.keepalive = 200
        cf.deadtime = 1000
        cf.warntime = 500
        cf.initdead = 10000
        cf.autoFailback = autoFailback
        return NodeStateMachine(config: NodeCoreConfig(me: "alpha", cf: cf, groups: groups, generation: 10), at: .milliseconds(0))
    }

    func fromBravo(_ message: HAMessage, seq: UInt64) -> HAMessage {
        SenderHeader(node: "bravo", uuid: Array(repeating: 2, count: 16), seq: seq, generation: 20, timestamp: 1, load: "n/a")
            .stamped(message)
    }

    func status(_ state: String, seq: UInt64) -> NodeEvent {
        .received(fromBravo(.status(state, deadTimeMilliseconds: 1000), seq: seq), link: "hb0")
    }

    func sent(_ effects: [NodeEffect]) -> [String] {
        effects.compactMap { if case .send(let message, _) = $0 { message.type } else { nil } }
    }

    @Test(
        "the resource negotiation (starting, or legacy ip-request) waits for the peer's st=active",
        arguments: [(HACF.AutoFailback.on, "starting"), (.off, "starting"), (.legacy, "ip-request")])
    func waitsForActivePeer(mode: HACF.AutoFailback, request: String) {
        var node = machine(mode)
        var effects = node.handle(status("up", seq: 1), at: .milliseconds(10))
        effects += node.handle(.tick, at: .milliseconds(11))
        #expect(effects.contains(.log(.info, "Comm_now_up(): updating status to active")))
        #expect(node.ownStatus == .active)
        #expect(!sent(effects).contains(request), "sent while the peer is still up: \(effects)")

        // Still `up` a keepalive later: still nothing to a peer that would drop it.
        effects = node.handle(status("up", seq: 2), at: .milliseconds(210))
        effects += node.handle(.tick, at: .milliseconds(211))
        #expect(!sent(effects).contains(request))

        effects = node.handle(status("active", seq: 3), at: .milliseconds(260))
        #expect(sent(effects).contains(request), "not sent once the peer is active: \(effects)")
    }

    @Test("after the peer's active, its reply to our starting starts our own group two keepalives later, not after 10 s")
    func negotiatesAfterActive() {
        var node = machine(.on)
        _ = node.handle(status("up", seq: 1), at: .milliseconds(10))
        _ = node.handle(.tick, at: .milliseconds(11))
        _ = node.handle(status("active", seq: 2), at: .milliseconds(20))
        _ = node.handle(.received(fromBravo(.starting, seq: 3), link: "hb0"), at: .milliseconds(21))
        _ = node.handle(.received(fromBravo(.resource(hold: "none", isStable: false), seq: 4), link: "hb0"), at: .milliseconds(30))
        var started: MonotonicTime?
        var seq: UInt64 = 4
        var logs: [String] = []
        for t in stride(from: Int64(50), through: 2000, by: 50) where started == nil {
            var effects: [NodeEffect] = []
            if t % 200 == 0 {
                seq += 1
                effects += node.handle(status("active", seq: seq), at: .milliseconds(t))
            }
            effects += node.handle(.tick, at: .milliseconds(t))
            logs += effects.compactMap { if case .log(_, let text) = $0 { text } else { nil } }
            if effects.contains(.runGroup(key: groups[0].key, action: .start)) { started = .milliseconds(t) }
        }
        #expect(started != nil && started! <= .milliseconds(30 + 400 + 50), "started at \(String(describing: started))")
        #expect(node.holds == .local)
        // Heartbeat's words for this path, in its order (observed §5).
        #expect(logs.suffix(2) == ["local resource transition completed.", "Initial resource acquisition complete (T_RESOURCES(us))"], "\(logs)")
    }

    @Test("a peer that dies before it is active is taken over, and our own group starts")
    func peerDiesWhileUp() {
        var node = machine(.on)
        _ = node.handle(status("up", seq: 1), at: .milliseconds(10))
        _ = node.handle(.tick, at: .milliseconds(11))
        let effects = node.handle(.tick, at: .milliseconds(1100))
        #expect(effects.contains(.log(.warn, "node bravo: is dead")))
        #expect(effects.contains(.runGroup(key: groups[0].key, action: .start)))
    }
}
