/// Everything a daemon knows about its cluster at one instant: what `status` returns and what
/// `subscribe` streams. The console renders nothing else.
///
/// Times are milliseconds: `*Age` fields are monotonic ages relative to `takenAt`, wall-clock
/// fields (`takenAt`, `since`) are milliseconds since the Unix epoch, for display only.
public struct ClusterSnapshot: Codable, Hashable, Sendable {
    /// Bumped on any incompatible change; see `docs/control-api.md`.
    public static let schemaVersion = 1

    public var schemaVersion: Int = ClusterSnapshot.schemaVersion
    /// Wall clock when the snapshot was taken (ms since the epoch).
    public var takenAt: Int64
    /// The node that answered.
    public var localNode: String
    public var cluster: String
    /// Timers in force (ms), so readers can judge ages against them.
    public var timers: Timers
    public var autoFailback: HACF.AutoFailback
    public var nodes: [NodeSnapshot]
    public var groups: [GroupSnapshot]
    public var alerts: [Alert]
    /// SHA-256 of the three configuration files as this daemon read them (see ``ConfigDigest``).
    public var configDigest: String?
    /// The ha-log this daemon writes (ha.cf's `logfile`), so a console on another machine can
    /// follow it; nil when it writes none.
    public var logfile: String?
    /// Fences this node ran, oldest first (the last few); nil when it has a device and fenced
    /// nobody yet, or has no device. Absent in snapshots of older daemons.
    public var fencing: [FenceRecord]?
    /// The STONITH device type this node resets dead peers with (`external/ssh`); nil when it
    /// has none. Absent in snapshots of older daemons.
    public var fenceDevice: String?
    /// Resets this node owes dead peers and has not finished, by victim; nil when none.
    /// Absent in snapshots of older daemons.
    public var fencesInProgress: [FenceInProgress]?
    /// The programs of this node's `respawn`/`failfast` lines, in file order; nil when it has
    /// none. Absent in snapshots of older daemons.
    public var children: [ChildSnapshot]?

    public init(
        takenAt: Int64, localNode: String, cluster: String = "linux-ha", timers: Timers,
        autoFailback: HACF.AutoFailback, nodes: [NodeSnapshot] = [], groups: [GroupSnapshot] = [],
        alerts: [Alert] = [], configDigest: String? = nil
    ) {
        self.takenAt = takenAt
        self.localNode = localNode
        self.cluster = cluster
        self.timers = timers
        self.autoFailback = autoFailback
        self.nodes = nodes
        self.groups = groups
        self.alerts = alerts
        self.configDigest = configDigest
    }

    public struct Timers: Codable, Hashable, Sendable {
        public var keepalive: Int
        public var warntime: Int
        public var deadtime: Int
        public var initdead: Int

        public init(keepalive: Int, warntime: Int, deadtime: Int, initdead: Int) {
            self.keepalive = keepalive
            self.warntime = warntime
            self.deadtime = deadtime
            self.initdead = initdead
        }

        public init(_ cf: HACF) {
            self.init(keepalive: cf.keepalive, warntime: cf.warntime, deadtime: cf.deadtime, initdead: cf.initdead)
        }
    }

    /// The node named `name`.
    public func node(_ name: String) -> NodeSnapshot? { nodes.first { $0.name == name } }

    /// The nodes currently holding the group with key `key` (more than one is a split brain).
    public func holders(ofGroup key: String) -> [String] { groups.first { $0.key == key }?.holders ?? [] }
}
