/// One request on the control socket: a JSON object on one line.
///
/// `{"v":1,"id":7,"op":"standby","node":"alpha","resources":"all"}`. Changes name the node the
/// operator confirmed (`node`); a daemon refuses a change meant for another node. The one
/// exception is `confirm-fence`, whose `node` is the dead peer the operator checked is off.
public struct ControlRequest: Codable, Hashable, Sendable {
    /// The control protocol version this library speaks.
    public static let protocolVersion = 1

    public enum Operation: String, Codable, Hashable, Sendable, CaseIterable {
        /// One snapshot.
        case status
        /// A snapshot now and one each time anything changes, until the client disconnects.
        case subscribe
        /// Give resources to the peer (`hb_standby`).
        case standby
        /// Take resources from the peer (`hb_takeover`).
        case takeover
        /// Release everything, tell the peers, exit.
        case shutdown
        /// Ask the peer to outdate its disk of a DRBD resource (`hadaemon outdate-peer`, DRBD's
        /// `fence-peer` handler); asked again with the same `token` until `exitCode` is set.
        case outdatePeer = "outdate-peer"
        /// A person checked that `node`, a dead peer the answering daemon fences with `meatware`,
        /// is powered off: the daemon confirms the reset (`meatclient -c NODE`) and takes over.
        case confirmFence = "confirm-fence"
        /// Pacemaker (the console's Pacemaker feed, never hadaemon): take `node` out of standby
        /// (`crm_standby --update off`).
        case unstandby
        /// Pacemaker: move the group `resource` to `node` (`crm_resource --move`), wait until it
        /// runs there, and clear the move constraint whatever happened (`crm_resource --clear`).
        case move

        /// Whether the operation changes the cluster (needs root or the `haclient` group).
        public var isChange: Bool { self != .status && self != .subscribe }

        /// Operations only a Pacemaker cluster performs; hadaemon and Heartbeat refuse them.
        public var isPacemakerOnly: Bool { self == .unstandby || self == .move }
    }

    /// Which resources a standby or takeover moves, relative to the node asked (Heartbeat's words).
    public enum Resources: String, Codable, Hashable, Sendable, CaseIterable {
        case all, local, foreign, failback
    }

    public var v: Int
    public var id: Int
    public var op: Operation
    /// The node the change is meant for; must equal the answering daemon's node.
    public var node: String?
    public var resources: Resources?
    /// Who asked and why, as the operator typed it; logged with the change.
    public var reason: String?
    /// `outdate-peer`: the DRBD resource, the peer (nil: the only other node), the seconds to
    /// wait for its answer, and the caller's own name for this request.
    public var resource: String?
    public var peer: String?
    public var timeout: Int?
    public var token: String?

    public init(
        id: Int, op: Operation, node: String? = nil, resources: Resources? = nil, reason: String? = nil,
        v: Int = ControlRequest.protocolVersion
    ) {
        self.v = v
        self.id = id
        self.op = op
        self.node = node
        self.resources = resources
        self.reason = reason
    }
}
