/// The answer to "outdate the peer's disk of this DRBD resource": the exit code of DRBD's
/// `fence-peer` handler, as `drbd-peer-outdater` gives it, and the `dop_value` dopd sends back in
/// `t=outdate_rc`.
///
/// DRBD reads the handler's exit code: 3 and 4 let it go on (the peer's data cannot be newer),
/// 5 means it could not reach the peer, 6 that the peer is Primary (so this node must not be),
/// 7 that the peer was fenced (reset). Anything else (dopd's 20) is "the handler is broken".
public enum OutdateResult: Int32, Hashable, Sendable, CaseIterable {
    /// The peer's disk is Inconsistent already (`drbdadm outdate` exit 5).
    case peerInconsistent = 3
    /// The peer outdated its disk (`drbdadm outdate` exit 0).
    case peerOutdated = 4
    /// No answer: the peer is dead or unknown, or did not answer in time.
    case peerUnreachable = 5
    /// The peer is Primary and refused (`drbdadm outdate` exit 17).
    case peerPrimary = 6
    /// The peer is dead and this node's STONITH device reset it since.
    case peerFenced = 7
    /// "Officially undefined": the peer's `drbdadm` failed in another way, or the reply could not
    /// be read. DRBD takes it as a broken handler and does not count the peer as outdated.
    case undefined = 20

    /// What Heartbeat 3.0.6's dopd answers for `drbdadm outdate RES` exiting with `status` (nil:
    /// killed or never ran): 0 → 4, 5 → 3, 17 → 6, anything else → 20. (The 2006 dopd in DRBD's
    /// tree answered 5 for the rest, which DRBD may read as "peer dead, go on": 20 is the safe one.)
    public init(drbdadmExit status: Int32?) {
        switch status {
        case 0: self = .peerOutdated
        case 5: self = .peerInconsistent
        case 17: self = .peerPrimary
        default: self = .undefined
        }
    }

    /// A `dop_value` from the wire: 3…7 or 20 in decimal, else nil.
    public init?(dopValue: String) {
        guard (1...2).contains(dopValue.utf8.count), dopValue.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int32(dopValue)
        else { return nil }
        self.init(rawValue: value)
    }

    /// Words for the log and the command's standard error.
    public var meaning: String {
        switch self {
        case .peerInconsistent: "peer is inconsistent"
        case .peerOutdated: "peer was outdated"
        case .peerUnreachable: "peer is unreachable"
        case .peerPrimary: "peer is primary"
        case .peerFenced: "peer was fenced"
        case .undefined: "undefined (the peer's drbdadm failed, or its answer was unreadable)"
        }
    }
}
