/// The type-specific part of the messages the daemon sends, in Heartbeat's field order
/// (spec §4.5, §5.3, §5.6, §5.7; observed §2). Add the header with `SenderHeader.stamp(_:)`.
extension HAMessage {
    /// `t=status st=<state> dt=<dead time ms, hex> protocol=1` (spec §5.3).
    ///
    /// `state` is `init`, `up`, `active` (or `dead` locally). `deadTimeMilliseconds` is what the
    /// peer adopts as our dead time; Heartbeat adds 2000 ms for the first 5 s after start.
    public static func status(_ state: String, deadTimeMilliseconds: UInt64) -> HAMessage {
        HAMessage(strings: [
            ("t", "status"), ("st", state), ("dt", Hex.unpadded(deadTimeMilliseconds)), ("protocol", "1"),
        ])
    }

    /// `t=NS_ackmsg dest=<node> ackseq=<hex>`: acknowledges `seq` of `node` (spec §5.6).
    public static func ack(to node: String, seq: UInt64) -> HAMessage {
        HAMessage(strings: [("t", "NS_ackmsg"), ("dest", node), ("ackseq", Hex.unpadded(seq))])
    }

    /// `t=NS_rexmit dest=<node> firstseq=<decimal> lastseq=<decimal>`: asks `node` to resend.
    ///
    /// Decimal, unlike every other sequence field (spec §5.6).
    public static func retransmitRequest(to node: String, first: UInt64, last: UInt64) -> HAMessage {
        HAMessage(strings: [
            ("t", "NS_rexmit"), ("dest", node), ("firstseq", String(first)), ("lastseq", String(last)),
        ])
    }

    /// `t=NS_nak_rexmit firstseq=<hex> dest=<node> info=<reason>`: a packet we cannot resend.
    public static func retransmitRefusal(to node: String, seq: UInt64, reason: String) -> HAMessage {
        HAMessage(strings: [
            ("t", "NS_nak_rexmit"), ("firstseq", Hex.unpadded(seq)), ("dest", node), ("info", reason),
        ])
    }

    /// `t=reqnodes dest=<node>`: asks `node` for the node list.
    public static func nodeListRequest(to node: String) -> HAMessage {
        HAMessage(strings: [("t", "reqnodes"), ("dest", node)])
    }

    /// `dest=<node> t=repnodes nodelist="a b " delnodelist=" "` — `dest` first, as 3.0.6 sends it.
    ///
    /// Each name is followed by one space; an empty deleted list is a single space (spec §5.7).
    public static func nodeListReply(to node: String, nodes: [String], deletedNodes: [String] = []) -> HAMessage {
        let deleted = deletedNodes.isEmpty ? " " : deletedNodes.map { $0 + " " }.joined()
        return HAMessage(strings: [
            ("dest", node), ("t", "repnodes"), ("nodelist", nodes.map { $0 + " " }.joined()),
            ("delnodelist", deleted),
        ])
    }

    /// `t=starting`: sent once the local node is active (spec §4.5).
    public static var starting: HAMessage { HAMessage(strings: [("t", "starting")]) }

    /// `t=resource rsc_hold=<hold> [rtype=full isstable=<0|1>] [info=<info>]` (spec §4.5).
    ///
    /// `isStable` nil leaves out `rtype` and `isstable`, as the `mach_down` script's message does.
    public static func resource(hold: String, isStable: Bool?, info: String? = nil) -> HAMessage {
        var message = HAMessage(strings: [("t", "resource"), ("rsc_hold", hold)])
        if let isStable {
            message.append(.string("rtype", "full"))
            message.append(.string("isstable", isStable ? "1" : "0"))
        }
        if let info { message.append(.string("info", info)) }
        return message
    }

    /// `t=ask_resources rsc_hold=<hold> info=<me|other|done>` (spec §4.5).
    public static func askResources(hold: String, info: String) -> HAMessage {
        HAMessage(strings: [("t", "ask_resources"), ("rsc_hold", hold), ("info", info)])
    }

    /// `t=hb_takeover rsc_hold=<hold>`.
    public static func takeover(hold: String) -> HAMessage {
        HAMessage(strings: [("t", "hb_takeover"), ("rsc_hold", hold)])
    }

    /// `t=shutdone st=dead`: the last message of a clean stop.
    public static var shutdownDone: HAMessage { HAMessage(strings: [("t", "shutdone"), ("st", "dead")]) }

    /// `t=stonith node=<node> result=<result>` (`n_stnth` without STONITH, `unneeded` on return).
    public static func stonith(node: String, result: String) -> HAMessage {
        HAMessage(strings: [("t", "stonith"), ("node", node), ("result", result)])
    }
}
