/// One node of a `NetnsCluster`: its name, address, namespace and the files that belong to it.
///
/// Layout under `directory`: `etc/ha.d/{ha.cf,authkeys,haresources,resource.d/}`, `state/`,
/// `run/hadaemon.sock`, `log/{ha-log,ha-debug}`, `resources/` (what `hbdummy` keeps), and
/// `daemon.stdout` / `daemon.stderr` of the process `start` spawned.
public struct ClusterNode: Sendable, Hashable {
    public let name: String
    /// The node's own address on `hb0` (no prefix length), e.g. `192.0.2.11`.
    public let address: String
    public let namespace: String
    public let directory: String

    /// A node description; `NetnsCluster` makes these, tests make them to render files alone.
    public init(name: String, address: String, namespace: String, directory: String) {
        self.name = name
        self.address = address
        self.namespace = namespace
        self.directory = directory
    }

    public var configDirectory: String { directory + "/etc/ha.d" }
    public var resourceScriptDirectory: String { configDirectory + "/resource.d" }
    public var stateDirectory: String { directory + "/state" }
    /// The node's `/var/lib/heartbeat` when it runs real Heartbeat (`HeartbeatNode`); hadaemon
    /// shares it as it would on a real node, so a node can switch daemons both ways.
    public var heartbeatStateDirectory: String { directory + "/heartbeat/lib" }
    public var socketPath: String { directory + "/run/hadaemon.sock" }
    public var logDirectory: String { directory + "/log" }
    public var logFile: String { logDirectory + "/ha-log" }
    public var debugFile: String { logDirectory + "/ha-debug" }
    /// Where `hbdummy` keeps `hbdummy-INSTANCE.state` and its `hbdummy.log` of starts and stops.
    public var resourceStateDirectory: String { directory + "/resources" }
    public var stdoutFile: String { directory + "/daemon.stdout" }
    public var stderrFile: String { directory + "/daemon.stderr" }
}
