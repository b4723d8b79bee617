import HAProtocol

@testable import HADaemonCore

/// Alpha's core of an alpha/bravo pair (keepalive 100 ms, deadtime 500 ms, initdead 1 s, alpha
/// owning 192.0.2.100), driven message by message, and bravo's packets as they reach it.
enum AlphaCore {
    static let groups = HAResourcesParser.parse("alpha 192.0.2.100\n").value.groups

    /// The pair's ha.cf: the timers above, auto_failback on.
    static let cf: HACF = {
        var cf = HACF()
        cf.nodes = ["alpha", "bravo"]
        cf.keepalive = 100
        cf.deadtime = 500
        cf.warntime = 250
        cf.initdead = 1000
        cf.autoFailback = .on
        return cf
    }()

    static func machine(at start: MonotonicTime = .milliseconds(0)) -> NodeStateMachine {
        NodeStateMachine(config: NodeCoreConfig(me: "alpha", cf: cf, groups: groups, generation: 10), at: start)
    }

    /// `message` as bravo sends it: its header stamped with `seq` and `generation`.
    static func fromBravo(_ message: HAMessage, seq: UInt64, generation: UInt64 = 20) -> HAMessage {
        SenderHeader(node: "bravo", uuid: Array(repeating: 2, count: 16), seq: seq, generation: generation, timestamp: 1, load: "n/a")
            .stamped(message)
    }

    static func sent(_ effects: [NodeEffect]) -> [HAMessage] {
        effects.compactMap { if case .send(let message, _) = $0 { message } else { nil } }
    }

    static func logs(_ effects: [NodeEffect]) -> [String] {
        effects.compactMap { if case .log(_, let text) = $0 { text } else { nil } }
    }
}

extension HACF {
    /// An alpha–bravo ha.cf with 100 ms / 500 ms timers, deadping 500 ms and one ping node,
    /// 192.0.2.1.
    static func pairWithPingNode() -> HACF {
        var cf = HACF()
        cf.nodes = ["alpha", "bravo"]
        cf.keepalive = 100
        cf.deadtime = 500
        cf.deadping = 500
        cf.initdead = 1000
        cf.pingNodes = [HACF.PingNode(name: "192.0.2.1", addresses: ["192.0.2.1"], line: 1)]
        return cf
    }
}
