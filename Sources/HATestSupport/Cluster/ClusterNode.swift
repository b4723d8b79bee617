/// One node of a `NetnsCluster`: its name, address, namespace and the files that belong to it.
///
/// Layout under `directory`: `etc/ha.d/{ha.cf,authkeys,haresources,resource.d/}`, `state/`,
/// `run/hadaemon.sock`, `log/{ha-log,ha-debug}`, `resources/` (what `hbdummy` keeps), and
/// `daemon.stdout` / `daemon.stderr` of the process `start` spawned.
struct ClusterNode: Sendable, Hashable {
    let name: String
    /// The node's own address on `hb0` (no prefix length), e.g. `192.0.2.11`.
    let address: String
    let namespace: String
    let directory: String

    var configDirectory: String { directory + "/etc/ha.d" }
    var resourceScriptDirectory: String { configDirectory + "/resource.d" }
    var stateDirectory: String { directory + "/state" }
    var socketPath: String { directory + "/run/hadaemon.sock" }
    var logDirectory: String { directory + "/log" }
    var logFile: String { logDirectory + "/ha-log" }
    var debugFile: String { logDirectory + "/ha-debug" }
    /// Where `hbdummy` keeps `hbdummy-INSTANCE.state` and its `hbdummy.log` of starts and stops.
    var resourceStateDirectory: String { directory + "/resources" }
    var stdoutFile: String { directory + "/daemon.stdout" }
    var stderrFile: String { directory + "/daemon.stderr" }
}
