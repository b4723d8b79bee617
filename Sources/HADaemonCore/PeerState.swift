import HAProtocol

/// What this node knows about one peer.
struct PeerState: Sendable {
    var name: String
    var status: NodeStatus = .`init`
    /// Last packet of any kind, on any link.
    var lastHeard: MonotonicTime?
    /// Last status packet, for late-heartbeat measurement.
    var lastStatus: MonotonicTime?
    /// Last packet per interface, and whether that link is up.
    var linkHeard: [String: MonotonicTime] = [:]
    var linkUp: [String: Bool] = [:]
    /// Highest sequence number seen on each interface: the same packet arriving on a second
    /// medium proves that medium, but a packet already seen there proves nothing (a replay).
    var linkSeq: [String: UInt64] = [:]
    var generation: UInt64?
    var uuid: [UInt8]?
    /// Highest in-order sequence number accepted, and gaps still expected.
    var lastSeq: UInt64?
    var missing: [UInt64: (firstAsked: MonotonicTime, nextAsk: MonotonicTime, attempts: Int)] = [:]
    /// The dead time it advertises (`dt`).
    var advertisedDeadtime: Duration?
    /// What it says it holds (`rsc_hold`, relative to it) and whether it is settled.
    var holds: ResourceClass = .none
    var stable = false
    /// It sent `shutdone`: it released everything and is leaving.
    var shutDown = false
    /// It was declared dead since it was last heard (used to spot a returning partition).
    var declaredDead = false
    /// Packets that claim a higher generation (a restart) while the current one is still heard:
    /// held until the current generation falls silent, which an honest restart implies.
    var restartClaim: RestartClaim?
    var configDigest: String?
    var drbd: String?
    /// Residue of `seq mod 10` we acknowledge (spec §5.6), fixed per peer.
    var ackResidue: UInt64

    init(name: String, ackResidue: UInt64) {
        self.name = name
        self.ackResidue = ackResidue
    }

    var isAlive: Bool { status == .up || status == .active }
}

/// A restart announced by packets of a higher generation, not yet proven.
///
/// Anyone holding the key (anyone at all with `crc`) can claim a generation; adopting it at once
/// would make every later packet of the real node look like a replay, a split brain that never
/// heals. The claim is adopted only once the current generation has fallen silent.
struct RestartClaim: Sendable {
    var generation: UInt64
    /// The claim's packets, at most ``NodeStateMachine/restartClaimLimit``, replayed in sequence
    /// order when it is adopted so that nothing the restarted node said is lost.
    var held: [(seq: UInt64, message: HAMessage, link: String)] = []
}
