/// A Pacemaker cluster as `crm_mon --output-as=xml` describes it (API 2.x), with the move and
/// ban constraints `cibadmin --query --scope constraints` lists: what the console shows of a
/// cluster that outgrew its pair (issue 15).
public struct PacemakerStatus: Hashable, Sendable {
    /// `api-version` of the document (`2.25` for Pacemaker 2.1.5).
    public var apiVersion: String
    /// The node that runs the scheduler now; nil while none is elected.
    public var designatedController: String?
    public var hasQuorum: Bool
    public var stonithEnabled: Bool
    /// The cluster-wide `maintenance-mode`: Pacemaker neither starts, stops nor monitors.
    public var maintenanceMode: Bool
    public var nodes: [Node] = []
    /// Top-level resources in document order.
    public var resources: [Resource] = []
    /// Failed operations Pacemaker still remembers (until a cleanup).
    public var failures: [Failure] = []
    /// Location constraints that came from a move or a ban (`cli-prefer-…`, `cli-ban-…`).
    public var moveConstraints: [MoveConstraint] = []
    /// Location preferences that are not a move's, by resource: where each is "at home".
    public var preferences: [String: [Preference]] = [:]
    /// Fencing Pacemaker ran or runs (`crm_mon --fence-history=2`), newest first as crm_mon
    /// lists it.
    public var fenceEvents: [FenceEvent] = []

    public init(apiVersion: String, designatedController: String?, hasQuorum: Bool, stonithEnabled: Bool, maintenanceMode: Bool) {
        self.apiVersion = apiVersion
        self.designatedController = designatedController
        self.hasQuorum = hasQuorum
        self.stonithEnabled = stonithEnabled
        self.maintenanceMode = maintenanceMode
    }

    public struct Node: Hashable, Sendable {
        public var name: String
        public var online: Bool
        public var standby: Bool
        public var maintenance: Bool
        /// Lost without a clean stop and not yet fenced.
        public var unclean: Bool
        /// Joining, not yet a full member.
        public var pending: Bool
        /// False once it left on purpose (a clean stop); true while the cluster expects it.
        public var expectedUp: Bool

        public init(
            name: String, online: Bool, standby: Bool = false, maintenance: Bool = false, unclean: Bool = false, pending: Bool = false,
            expectedUp: Bool = true
        ) {
            self.name = name
            self.online = online
            self.standby = standby
            self.maintenance = maintenance
            self.unclean = unclean
            self.pending = pending
            self.expectedUp = expectedUp
        }
    }

    /// One resource instance on the nodes it runs on.
    public struct Instance: Hashable, Sendable {
        public var id: String
        /// `ocf:heartbeat:IPaddr2`.
        public var agent: String
        /// `Started`, `Stopped`, `Promoted`, `Unpromoted`, `Starting`…
        public var role: String
        public var nodes: [String]
        public var failed: Bool
        public var managed: Bool

        public init(id: String, agent: String, role: String, nodes: [String], failed: Bool = false, managed: Bool = true) {
            self.id = id
            self.agent = agent
            self.role = role
            self.nodes = nodes
            self.failed = failed
            self.managed = managed
        }
    }

    public enum Resource: Hashable, Sendable {
        case primitive(Instance)
        case group(id: String, managed: Bool, members: [Instance])
        /// A clone; `promotable` when one or more instances can be Promoted (DRBD).
        case clone(id: String, promotable: Bool, managed: Bool, instances: [Instance])

        public var id: String {
            switch self {
            case .primitive(let instance): instance.id
            case .group(let id, _, _), .clone(let id, _, _, _): id
            }
        }
    }

    public struct Failure: Hashable, Sendable {
        public var resource: String
        public var node: String
        /// `start`, `stop`, `monitor`…
        public var task: String
        /// `not configured`, `error`…
        public var status: String
        public var reason: String
        /// When it happened, as Pacemaker prints it.
        public var when: String

        public init(resource: String, node: String, task: String, status: String, reason: String, when: String) {
            self.resource = resource
            self.node = node
            self.task = task
            self.status = status
            self.reason = reason
            self.when = when
        }
    }

    /// One fencing action of the history: who was to be fenced, by which node, how it ended.
    public struct FenceEvent: Hashable, Sendable {
        /// `reboot`, `off`, `on`.
        public var action: String
        public var target: String
        /// The node that executed it (crm_mon's `delegate`), else the one that asked (`origin`).
        public var executor: String
        /// `success`, `failed` or `pending`.
        public var status: String
        public var reason: String?
        /// When it completed (`completed`, `2026-12-06 07:31:41Z`); nil while pending.
        public var completed: String?

        public init(action: String, target: String, executor: String, status: String, reason: String? = nil, completed: String? = nil) {
            self.action = action
            self.target = target
            self.executor = executor
            self.status = status
            self.reason = reason
            self.completed = completed
        }
    }

    /// A plain location constraint: `resource` prefers `node` by `score` (±1000000 for INFINITY).
    public struct Preference: Hashable, Sendable {
        public var node: String
        public var score: Int

        public init(node: String, score: Int) {
            self.node = node
            self.score = score
        }
    }

    public struct MoveConstraint: Hashable, Sendable {
        /// `cli-prefer-web`, `cli-ban-web-on-alpha`.
        public var id: String
        public var resource: String
        public var node: String
        /// True for a ban (`-INFINITY`), false for a move's preference.
        public var isBan: Bool

        public init(id: String, resource: String, node: String, isBan: Bool) {
            self.id = id
            self.resource = resource
            self.node = node
            self.isBan = isBan
        }
    }
}
