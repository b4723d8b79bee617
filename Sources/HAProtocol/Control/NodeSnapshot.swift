/// Heartbeat's node status words (spec §4.2), plus `unknown` for anything a peer invents.
public enum NodeStatus: String, Codable, Hashable, Sendable {
    /// Configured, never heard from.
    case `init`
    /// Running, communication not yet established.
    case up
    /// Communication established.
    case active
    /// Declared dead by this node.
    case dead
    /// A ping node that answers.
    case ping
    /// Told by a node that is shutting down cleanly.
    case stopping
}

/// What this node holds, in Heartbeat's words (`cl_status rscstatus`).
public enum ResourceClass: String, Codable, Hashable, Sendable, CaseIterable {
    case none, local, foreign, all
}

/// One cluster member as the answering daemon sees it.
public struct NodeSnapshot: Codable, Hashable, Sendable {
    public var name: String
    public var type: NodeType
    public var status: NodeStatus
    /// Milliseconds since the last packet from it; nil if never heard (or it is this node).
    public var lastHeardAge: Int?
    /// Its heartbeat generation (`hg`), when known.
    public var generation: Int64?
    /// The dead time it advertises (`dt`), in ms.
    public var advertisedDeadtime: Int?
    public var links: [LinkSnapshot]
    /// What it says it holds (`rsc_hold`), or for this node what it holds.
    public var holds: ResourceClass?
    /// Whether its resources are settled (`isstable`); `cl_status rscstatus` says `transition` otherwise.
    public var stable: Bool?
    /// Digest of its configuration, from its status messages.
    public var configDigest: String?
    /// Its compact DRBD summary (see ``DRBDSummary``), from its status messages.
    public var drbd: String?
    /// True when it announced a clean stop (Heartbeat's `shutdone`) and has not been heard
    /// since: its status reads `stopping`, then `dead` once its dead time has passed, and a
    /// reader should not take that for a crash. nil otherwise, and in older daemons' snapshots.
    public var stoppedCleanly: Bool?

    public init(
        name: String, type: NodeType = .normal, status: NodeStatus, lastHeardAge: Int? = nil,
        generation: Int64? = nil, advertisedDeadtime: Int? = nil, links: [LinkSnapshot] = [],
        holds: ResourceClass? = nil, stable: Bool? = nil, configDigest: String? = nil, drbd: String? = nil
    ) {
        self.name = name
        self.type = type
        self.status = status
        self.lastHeardAge = lastHeardAge
        self.generation = generation
        self.advertisedDeadtime = advertisedDeadtime
        self.links = links
        self.holds = holds
        self.stable = stable
        self.configDigest = configDigest
        self.drbd = drbd
    }

    public enum NodeType: String, Codable, Hashable, Sendable {
        case normal, ping
    }
}

/// One (node, medium) path: up when anything arrived on it within the node's dead time.
public struct LinkSnapshot: Codable, Hashable, Sendable {
    public enum Status: String, Codable, Hashable, Sendable {
        case up, dead
    }

    /// The interface, as `cl_status listhblinks` names it (`hb0`).
    public var interface: String
    public var status: Status
    public var lastHeardAge: Int?

    public init(interface: String, status: Status, lastHeardAge: Int? = nil) {
        self.interface = interface
        self.status = status
        self.lastHeardAge = lastHeardAge
    }
}
