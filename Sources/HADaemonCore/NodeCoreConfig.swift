import HAProtocol

/// What the core needs from the configuration, with times as durations.
public struct NodeCoreConfig: Sendable {
    /// The three files as last accepted: a reload is judged against them.
    public private(set) var cluster: ClusterConfig
    /// This node's name, lower-cased.
    var me: String
    /// Every normal node in `ha.cf` order, this one included.
    var nodes: [String]
    var groups: [ResourceGroup]
    public internal(set) var keepalive: Duration
    var warntime: Duration
    var deadtime: Duration
    var initdead: Duration
    /// Silence after which a ping node is declared dead.
    var deadping: Duration
    /// `ping` and `ping_group` nodes: a name and the addresses that speak for it.
    var pingNodes: [(name: String, addresses: [String])]
    var autoFailback: HACF.AutoFailback
    /// A `respawn`/`failfast` line names ipfail: the core does its work (``HACF/runsIPFail``).
    var runsIPFail: Bool
    /// This run's generation (persisted and incremented by the shell before anything is sent).
    var generation: UInt64
    /// How long both nodes wait for each other to settle when they start together before each
    /// takes its own groups. Heartbeat waits a fixed 10 s (RQSTDELAY); two keepalives suffice.
    var negotiationDelay: Duration
    /// How long a standby request waits for the peer's answer (Heartbeat: 10 s).
    var standbyReplyTimeout: Duration = .seconds(10)
    /// Delay before asking for a lost packet again.
    var retransmitDelay: Duration
    /// A group start or stop running longer than this is reported as hanging (an alert while it
    /// runs); the shell sets it from the script timeout.
    public var slowActionAfter: Duration = .seconds(10)
    /// The device this node resets dead peers with before taking their groups; nil: none.
    public var stonith: StonithDevice?
    /// The peers that have a device to reset this node with (by the same ha.cf): a group that
    /// fails to stop here is theirs to fence.
    var resettableBy: Set<String> = []
    /// How long the node holding fewer groups waits before it fences in a partition, so the
    /// holder's reset lands first (default: ``defaultFencingDelay``).
    public var fencingDelay: Duration
    /// The fencing delay unless `--fencing-delay` says otherwise: long enough for the holder's
    /// reset to land first through a device that powers a node off within 5 s, whatever the
    /// timers. Tied to deadtime it would be too short at millisecond timers (a device takes
    /// seconds) and needlessly long at Heartbeat's (a 30 s deadtime would add a minute to every
    /// takeover of a crashed holder).
    public static let defaultFencingDelay: Duration = .seconds(5)
    /// Time between failed resets (Heartbeat: 5 s).
    public var fenceRetryInterval: Duration = .seconds(5)
    /// The process id, for log lines that carry it.
    public var pid: Int = 0
    /// Extra `status` fields Heartbeat ignores: the config digest, the DRBD summary.
    public var statusExtras: [(String, String)] = []

    public init(me: String, cluster: ClusterConfig, generation: UInt64) {
        let cf = cluster.haCF
        self.cluster = cluster
        self.me = me
        nodes = cf.nodes
        groups = cluster.haResources.groups
        keepalive = .milliseconds(cf.keepalive)
        warntime = .milliseconds(cf.warntime)
        deadtime = .milliseconds(cf.deadtime)
        initdead = .milliseconds(cf.initdead)
        deadping = .milliseconds(cf.deadping)
        pingNodes = cf.pingNodes.map { ($0.name, $0.addresses) }
        autoFailback = cf.autoFailback
        runsIPFail = cf.runsIPFail
        self.generation = generation
        negotiationDelay = Self.negotiationDelay(keepalive: keepalive)
        retransmitDelay = .milliseconds(min(cf.maxRexmitDelay, max(cf.keepalive, 20)))
        stonith = cf.stonithDevice(for: me)
        resettableBy = Self.fencers(of: me, in: cf)
        fencingDelay = Self.defaultFencingDelay
    }

    /// A configuration from `ha.cf` and the groups alone (no keys: tests and the fuzzer).
    init(me: String, cf: HACF, groups: [ResourceGroup], generation: UInt64) {
        self.init(me: me, cluster: ClusterConfig(haCF: cf, authKeys: AuthKeys(), haResources: HAResources(groups: groups)), generation: generation)
    }

    /// Takes a reloaded configuration whose nodes, media and groups are those running: its
    /// timers and auto_failback apply from now on, and the negotiation delay follows keepalive.
    mutating func adopt(_ new: ClusterConfig) {
        cluster = new
        keepalive = .milliseconds(new.haCF.keepalive)
        warntime = .milliseconds(new.haCF.warntime)
        deadtime = .milliseconds(new.haCF.deadtime)
        initdead = .milliseconds(new.haCF.initdead)
        autoFailback = new.haCF.autoFailback
        // Heartbeat restarts on a reload and so starts or drops ipfail with its respawn line.
        runsIPFail = new.haCF.runsIPFail
        // A device that fails can be fixed and reloaded: the next retry uses the new one.
        stonith = new.haCF.stonithDevice(for: me)
        resettableBy = Self.fencers(of: me, in: new.haCF)
        negotiationDelay = Self.negotiationDelay(keepalive: keepalive)
    }

    /// Two keepalives, and never under 100 ms (see ``negotiationDelay``).
    static func negotiationDelay(keepalive: Duration) -> Duration { max(keepalive * 2, .milliseconds(100)) }

    var peers: [String] { nodes.filter { $0 != me } }

    /// The other nodes that `ha.cf` gives a device: each can reset `node`.
    static func fencers(of node: String, in cf: HACF) -> Set<String> {
        Set(cf.nodes.filter { $0 != node && cf.stonithDevice(for: $0) != nil })
    }

    /// The fencing-class ha.cf lines not honoured because the operator started with
    /// `--allow-unfenced` (empty without it); the core shows them as an alert while in force,
    /// and a reload that changes them changes the alert.
    var unfencedLines: [HACF.OverriddenLine] { cluster.haCF.overriddenLines }

    /// Groups whose home is `node`.
    func groups(homedOn node: String) -> [ResourceGroup] { groups.filter { $0.node == node } }

    /// Group keys in the class `hold` relative to `node` (Heartbeat's local/foreign).
    func keys(of hold: ResourceClass, relativeTo node: String) -> [String] {
        groups.filter { group in
            switch hold {
            case .none: false
            case .local: group.node == node
            case .foreign: group.node != node
            case .all: true
            }
        }.map(\.key)
    }
}

extension ResourceClass {
    /// Heartbeat's bit set: local = 1, foreign = 2.
    var bits: Int {
        switch self {
        case .none: 0
        case .local: 1
        case .foreign: 2
        case .all: 3
        }
    }

    init(bits: Int) {
        switch bits & 3 {
        case 1: self = .local
        case 2: self = .foreign
        case 3: self = .all
        default: self = .none
        }
    }

    func union(_ other: ResourceClass) -> ResourceClass { ResourceClass(bits: bits | other.bits) }

    func subtracting(_ other: ResourceClass) -> ResourceClass { ResourceClass(bits: bits & ~other.bits) }

    func contains(_ other: ResourceClass) -> Bool { bits & other.bits == other.bits }

    /// The same groups seen from the other node of a pair: local ↔ foreign.
    var mirrored: ResourceClass {
        switch self {
        case .local: .foreign
        case .foreign: .local
        default: self
        }
    }

    /// Heartbeat's request words: `failback` means `foreign`.
    init(request: ControlRequest.Resources) {
        switch request {
        case .all: self = .all
        case .local: self = .local
        case .foreign, .failback: self = .foreign
        }
    }
}
