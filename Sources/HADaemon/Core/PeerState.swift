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
