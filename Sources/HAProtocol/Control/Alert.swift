/// Something an operator must look at, with its cause and the evidence for it.
public struct Alert: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// Two nodes hold the same group, or a node returned after a partition.
        case splitBrain = "split_brain"
        /// DRBD says StandAlone with the peer Unknown, or Primary on both sides.
        case drbdSplitBrain = "drbd_split_brain"
        case lateHeartbeat = "late_heartbeat"
        /// One link of several is dead; the node is still heard on another.
        case linkDead = "link_dead"
        case nodeDead = "node_dead"
        case resourceFailed = "resource_failed"
        /// Nodes advertise different configuration digests.
        case configMismatch = "config_mismatch"
        /// Packets that failed authentication or replay checks.
        case badPackets = "bad_packets"
        /// The node cannot write its log (a full disk): lines are being lost.
        case logFailed = "log_failed"
        /// The node runs with `--allow-unfenced`: ha.cf lines that protect the cluster (stonith,
        /// watchdog, respawn, …) are not honoured and a dead peer may be taken over unfenced.
        case unfencedOverride = "unfenced_override"
        /// Pacemaker: the partition has no quorum, so it runs no resources.
        case noQuorum = "no_quorum"
        /// Pacemaker: a move or ban (`cli-prefer-…`, `cli-ban-…`) was left behind and pins a
        /// resource; it outlives the reason it was made for.
        case moveConstraint = "move_constraint"
        /// Pacemaker: maintenance mode (cluster, node or resource): nothing is started,
        /// stopped or monitored there.
        case maintenance
        /// Pacemaker: a node is in standby and may run no resources.
        case nodeStandby = "node_standby"
        /// A kind this program does not know (from a newer daemon): shown by its severity and
        /// message, so that one new kind does not make a whole snapshot unreadable.
        case unknown

        public init(from decoder: any Decoder) throws {
            let word = try decoder.singleValueContainer().decode(String.self)
            self = Kind(rawValue: word) ?? .unknown
        }
    }

    public enum Severity: String, Codable, Hashable, Sendable, Comparable {
        case info, warning, critical

        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .critical]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public var kind: Kind
    public var severity: Severity
    /// One sentence naming the cause: "both alpha and bravo hold IPaddr2::192.0.2.100/24/hb0".
    public var message: String
    /// The facts that prove it (log lines, states, digests), most telling first.
    public var evidence: [String]
    public var node: String?
    public var group: String?
    /// Wall clock (ms since the epoch) when it was first raised.
    public var since: Int64?

    public init(
        kind: Kind, severity: Severity, message: String, evidence: [String] = [], node: String? = nil,
        group: String? = nil, since: Int64? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.message = message
        self.evidence = evidence
        self.node = node
        self.group = group
        self.since = since
    }
}
