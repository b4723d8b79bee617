/// Everything a test chooses about a cluster before it exists: nodes, timers, media, resource
/// groups, and the program each node runs. `NetnsCluster` renders the Heartbeat files from it.
public struct ClusterSpec: Sendable {
    /// Node names, in address order: the first is 192.0.2.11, the next .12, and so on.
    public var nodes: [String] = ["alpha", "bravo"]
    public var keepalive: Duration = .milliseconds(100)
    public var deadtime: Duration = .milliseconds(500)
    public var warntime: Duration = .milliseconds(250)
    public var initdead: Duration = .milliseconds(1000)
    public var udpPort = 694
    public var medium: HeartbeatMedium = .ucast
    public var autoFailback: AutoFailback = .on
    /// The haresources lines; by default the first node owns the service address and `hbdummy`.
    public var groups: [GroupSpec]
    /// Also installs `resource.d/hang`, whose `start` never returns.
    public var installsHangScript = false
    /// Also installs `resource.d/flaky`, whose `start` or `stop` hangs while a flag file says so
    /// (`NetnsCluster.hangFlaky`).
    public var installsFlakyScript = false
    /// Lines appended to ha.cf as they are (e.g. `deadping 2`).
    public var extraDirectives: [String] = []
    public var authkeys = "auth 1\n1 sha1 somesecret\n"
    /// What `start` runs in each node; nil means the built `hadaemon run …`, looked up when a
    /// node is first started (so a cluster can be built and its network tested without it).
    public var daemon: DaemonCommand?

    public init(nodes: [String] = ["alpha", "bravo"]) {
        self.nodes = nodes
        groups = nodes.first.map { [.serviceAddress(on: $0, plus: ["hbdummy"])] } ?? []
    }

    /// An alpha/bravo pair with timers a real Heartbeat 3.0.6 node keeps too (keepalive 200 ms,
    /// deadtime 1 s, warntime 500 ms, initdead 10 s: Heartbeat's 2-core timing is coarser than
    /// ours), `home` owning the service address and `hbdummy`.
    public static func withHeartbeat(home: String = "alpha", autoFailback: AutoFailback = .on) -> ClusterSpec {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.keepalive = .milliseconds(200)
        spec.deadtime = .seconds(1)
        spec.warntime = .milliseconds(500)
        spec.initdead = .seconds(10)
        spec.autoFailback = autoFailback
        spec.groups = [.serviceAddress(on: home, plus: ["hbdummy"])]
        return spec
    }

    /// The usual names for a cluster of `count` nodes: alpha, bravo, charlie, ...
    public static func named(_ count: Int) -> [String] {
        Array(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"].prefix(count))
    }
}

/// How the nodes' heartbeats travel (ha.cf media directives), all on `hb0`.
public enum HeartbeatMedium: Sendable, Equatable {
    /// One `ucast hb0 ADDRESS` line per node (each node also sends to itself, as Heartbeat does).
    case ucast
    /// `bcast hb0`.
    case bcast
    /// `mcast hb0 GROUP PORT TTL 0`.
    case mcast(group: String = "239.0.0.1", ttl: Int = 1)
}

/// ha.cf `auto_failback`.
public enum AutoFailback: String, Sendable {
    case on, off, legacy
}

/// One haresources line as a test writes it: the preferred node and its resources, in start
/// order. (Not HAProtocol's `ResourceGroup`, which is the parsed form the daemon reads back.)
public struct GroupSpec: Sendable, Equatable {
    public var node: String
    public var resources: [String]

    public init(node: String, resources: [String]) {
        self.node = node
        self.resources = resources
    }

    /// `NODE IPaddr2::192.0.2.100/24/hb0 EXTRA...`: the service address, then `extra`.
    public static func serviceAddress(on node: String, plus extra: [String] = []) -> GroupSpec {
        GroupSpec(node: node, resources: ["IPaddr2::\(NetnsCluster.serviceAddress)/24/\(NetnsCluster.interface)"] + extra)
    }

    public var line: String { ([node] + resources).joined(separator: " ") }
}

/// The program a node runs: an executable and its arguments for that node.
public struct DaemonCommand: Sendable {
    public var executable: String
    public var arguments: @Sendable (ClusterNode) -> [String]

    /// `executable`, with the arguments `arguments` gives for each node.
    public init(executable: String, arguments: @escaping @Sendable (ClusterNode) -> [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// `hadaemon run --config-dir … --state-dir … --heartbeat-state-dir … --socket … --node NAME`
    /// from `executable`.
    public static func hadaemon(at executable: String) -> DaemonCommand {
        DaemonCommand(executable: executable) { node in
            [
                "run", "--config-dir", node.configDirectory, "--state-dir", node.stateDirectory, "--heartbeat-state-dir",
                node.heartbeatStateDirectory, "--socket", node.socketPath, "--node", node.name,
            ]
        }
    }

    /// Any program with fixed arguments, standing in for the daemon (harness self-tests).
    public static func standIn(_ executable: String, _ arguments: [String] = []) -> DaemonCommand {
        DaemonCommand(executable: executable) { _ in arguments }
    }
}
