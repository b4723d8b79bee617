import HAProtocol
import Testing

@testable import HADaemonCore

/// Real Heartbeat 3.0.6's first status packet says `st=init` (observed.md §2, `wire/01-status-init.msg`).
/// A peer heard only in `init` must not bring communication up: at comm-up it would count as
/// absent, and this node would take its groups alone instead of negotiating (seen in the mixed
/// hadaemon + Heartbeat cluster as `T_STARTING received during takeover.`).
@Suite struct CommUpInitStatusTests {
    let groups = HAResourcesParser.parse("alpha 192.0.2.100\n").value.groups

    func machine() -> NodeStateMachine {
        var cf = HACF()
        cf.nodes = ["alpha", "bravo"]
        cf.keepalive = 200
        cf.deadtime = 1000
        cf.warntime = 500
        cf.initdead = 10000
        cf.autoFailback = .on
        return NodeStateMachine(config: NodeCoreConfig(me: "alpha", cf: cf, groups: groups, generation: 10), at: .milliseconds(0))
    }

    func fromBravo(_ state: String, seq: UInt64) -> HAMessage {
        SenderHeader(node: "bravo", uuid: Array(repeating: 2, count: 16), seq: seq, generation: 20, timestamp: 1, load: "n/a")
            .stamped(.status(state, deadTimeMilliseconds: 3000))
    }

    @Test("a peer heard only with st=init holds comm-up back; its st=up brings it, with negotiation, not a lone takeover")
    func initStatusDefersCommUp() {
        var node = machine()
        var effects = node.handle(.received(fromBravo("init", seq: 1), link: "hb0"), at: .milliseconds(10))
        effects += node.handle(.tick, at: .milliseconds(20))
        #expect(!effects.contains(.log(.info, "Comm_now_up(): updating status to active")))
        #expect(!effects.contains { if case .runGroup = $0 { true } else { false } })

        effects = node.handle(.received(fromBravo("up", seq: 2), link: "hb0"), at: .milliseconds(210))
        effects += node.handle(.tick, at: .milliseconds(220))
        #expect(effects.contains(.log(.info, "Comm_now_up(): updating status to active")))
        #expect(!effects.contains { if case .runGroup = $0 { true } else { false } }, "no lone acquisition: \(effects)")

        // The negotiation begins at the peer's own comm-up, its st=active (PeerCommUpTests).
        effects = node.handle(.received(fromBravo("active", seq: 3), link: "hb0"), at: .milliseconds(230))
        #expect(effects.contains { if case .send(let message, _) = $0 { message.type == "starting" } else { false } })
        #expect(!effects.contains { if case .runGroup = $0 { true } else { false } }, "no lone acquisition: \(effects)")
    }
}
