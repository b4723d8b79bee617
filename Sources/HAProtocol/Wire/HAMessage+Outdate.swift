/// dopd's two messages between nodes, field for field, so a Heartbeat peer still running
/// `/usr/lib/heartbeat/dopd` understands them and is understood (`dopd.h`: `F_DOPD_RES
/// "dop_res"`, `F_DOPD_VALUE "dop_value"`; the fields and their order are those of the dopd
/// Debian ships in `heartbeat` 3.0.6, read from its binary and checked against it running).
extension HAMessage {
    /// `t=start_outdate dest=<peer> dop_res=<resource>`: asks `peer` to run
    /// `drbdadm outdate <resource>` (dopd's `send_message_to_the_peer`).
    public static func outdateRequest(to peer: String, resource: String) -> HAMessage {
        HAMessage(strings: [("t", "start_outdate"), ("dest", peer), ("dop_res", resource)])
    }

    /// `t=outdate_rc dop_value=<3…7|20> dop_res=<resource> dest=<node>`: the answer to `node`'s
    /// `start_outdate` (dopd's `msg_start_outdate`). `dop_res` echoes the request's: 3.0.6's dopd
    /// finds its waiting client by it, and crashes (SIGSEGV) on a reply without one.
    public static func outdateReply(to node: String, resource: String, _ result: OutdateResult) -> HAMessage {
        HAMessage(strings: [("t", "outdate_rc"), ("dop_value", String(result.rawValue)), ("dop_res", resource), ("dest", node)])
    }

    /// The longest DRBD resource name accepted from the wire or the command line.
    public static let maxDRBDResourceBytes = 128

    /// Whether `name` may be passed to `drbdadm` as a resource: 1…128 bytes of letters, digits
    /// and `_ - . + :`, not starting with `-` (it would read as an option), and not `all`
    /// (drbdadm's word for every resource: one request must not outdate them all).
    public static func isValidDRBDResource(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...maxDRBDResourceBytes).contains(bytes.count), bytes[0] != UInt8(ascii: "-"), name != "all" else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: ":"): true
            default: false
            }
        }
    }
}
