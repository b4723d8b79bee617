import Foundation
import Glibc
import HAHost
import HAProtocol

/// One node of a `NetnsCluster` that runs the real Linux-HA Heartbeat 3.0.6 (the Debian package
/// `heartbeat`) instead of `hadaemon`, for mixed-cluster interop tests.
///
/// Heartbeat takes no flags for its paths: it reads `/etc/ha.d`, keeps its uuid, FIFO and
/// hostcache in `/var/lib/heartbeat`, its pid file and API sockets under `/run`, and calls itself
/// `uname -n`. So, as `shared/tools/heartbeat-netns/hbns.sh` does, an anchor process
/// (`sleep`) holds a UTS namespace (hostname = node name) and a private mount namespace in which
/// per-node copies are bind-mounted over `/etc/ha.d`, `/var/lib/heartbeat`, `/run` and
/// `/var/log`; every command for the node runs through `nsenter -t ANCHOR -n -m -u`.
///
/// The node's `/etc/ha.d` is the package's tree with the cluster's `ha.cf`, `authkeys`,
/// `haresources` and `resource.d/hbdummy` copied over it, so both kinds of node read the same
/// three config files. ha.cf names the log files by their absolute paths under the node's
/// directory (not covered by the bind mounts), so `NetnsCluster.log(_:)` reads its ha-log too.
///
/// The anchor and every Heartbeat process live in the node's network namespace, so
/// `NetnsCluster.shutdown()` kills them by pid with everything else; call `shutdown()` here too
/// (it reaps the anchor). Do not `NetnsCluster.start` a node while its Heartbeat runs; once it
/// has stopped, `NetnsCluster.start` runs `hadaemon` there on the same config files, ha-log and
/// hbdummy state (a rolling migration): the idle anchor is harmless.
public final class HeartbeatNode: Sendable {
    /// The Debian package that provides the daemon, `cl_status` and the resource scripts.
    public static let package = "heartbeat"
    /// Where Debian 12 installs the daemon (the init script's `HEARTBEAT=`).
    public static let daemonPath = "/usr/libexec/heartbeat/heartbeat"
    public static let clStatusPath = "/usr/bin/cl_status"
    /// Where Debian installs `hb_standby` and `hb_takeover` (not on the PATH).
    public static let toolDirectory = "/usr/share/heartbeat"

    public let cluster: NetnsCluster
    public let node: ClusterNode
    /// `DIRECTORY/heartbeat`: `etc-ha.d`, `lib`, `run` and `var-log`, bind-mounted in the node.
    public let root: String
    let anchor: ChildProcess

    /// Throws `missingFile` naming the package when Heartbeat is not installed: a failure, never a skip.
    public static func requireInstalled() throws {
        for path in [daemonPath, clStatusPath, toolDirectory + "/hb_standby", "/etc/ha.d/resource.d/IPaddr2", "/etc/ha.d/shellfuncs"]
        where access(path, X_OK) != 0 && access(path, R_OK) != 0 {
            throw HarnessError.missingFile(
                path, hint: "the Debian package `\(package)` (Heartbeat 3.0.6) is not installed; run scripts/setup or `apt-get install \(package)`")
        }
    }

    /// Prepares `name`'s Heartbeat trees from the cluster's rendered files and starts its anchor
    /// (it does not start Heartbeat). `lifetime` bounds the anchor should everything else fail.
    public init(cluster: NetnsCluster, name: String, lifetime: Duration = .seconds(900)) throws {
        try Self.requireInstalled()
        let node = try cluster.node(name)
        self.cluster = cluster
        self.node = node
        root = node.directory + "/heartbeat"
        try Self.prepareTrees(node: node, root: root)
        anchor = try NamespaceAnchor.spawn(
            namespace: node.namespace, node: name,
            mounts: [
                "mount --bind '\(root)/etc-ha.d' /etc/ha.d",
                "mount --bind '\(node.heartbeatStateDirectory)' /var/lib/heartbeat",
                "mount --bind '\(root)/run' /run",
                "mount --bind '\(root)/var-log' /var/log",
            ], lifetime: lifetime, stderrFile: root + "/anchor.stderr")
    }

    deinit { shutdown() }

    /// Kills the anchor and every Heartbeat process of the node (by pid) and reaps the anchor.
    /// Safe to call more than once.
    public func shutdown() {
        for pid in heartbeatPIDs() { Glibc.kill(pid, SIGKILL) }
        anchor.send(SIGKILL, toGroup: true)
        _ = anchor.waitBlocking(timeout: .seconds(2))
    }

    /// Runs `arguments` inside the node (network, mount and UTS namespaces of the anchor).
    public func exec(_ arguments: [String], timeout: Duration = .seconds(10)) throws -> CommandOutput {
        try HostCommand.run(
            [HostCommand.resolve("nsenter"), "-t", String(anchor.pid), "-n", "-m", "-u", "--wd=/", "--"] + arguments, timeout: timeout)
    }

    /// `cl_status ARGS…` inside the node; its stdout without the trailing newline, and its exit status.
    public func clStatus(_ arguments: String...) throws -> CommandOutput {
        var output = try exec([Self.clStatusPath] + arguments, timeout: .seconds(10))
        while output.stdout.hasSuffix("\n") { output.stdout.removeLast() }
        return output
    }

    /// `hb_standby [RESOURCES]` inside the node: Heartbeat's script writes an `ask_resources`
    /// request into the daemon's FIFO and returns at once (observed.md §4).
    @discardableResult
    public func standby(_ resources: String? = nil) throws -> CommandOutput {
        try exec([Self.toolDirectory + "/hb_standby"] + (resources.map { [$0] } ?? []))
    }

    /// `hb_takeover [RESOURCES]` inside the node: asks the peer to go standby; returns at once.
    @discardableResult
    public func takeover(_ resources: String? = nil) throws -> CommandOutput {
        try exec([Self.toolDirectory + "/hb_takeover"] + (resources.map { [$0] } ?? []))
    }

    /// Starts Heartbeat in the node; returns once the launcher has daemonized (the master
    /// control process then runs on its own).
    public func start() throws {
        guard heartbeatPIDs().isEmpty else { throw HarnessError.alreadyRunning(node: node.name, pid: heartbeatPIDs()[0]) }
        try Self.copyConfig(node: node, root: root)
        let output = try exec([Self.daemonPath], timeout: .seconds(20))
        guard output.succeeded else {
            throw HarnessError.commandFailed(arguments: [Self.daemonPath], status: output.status, stdout: output.stdout, stderr: output.stderr)
        }
    }

    /// A clean stop, `heartbeat -k` (what the init script runs): waits up to `timeout` for
    /// every Heartbeat process to exit and returns how long that took. On timeout (observed.md
    /// §2a: a stop can hang on a pending negotiation) SIGKILLs them and throws `stopTimedOut`.
    @discardableResult
    public func stop(timeout: Duration = .seconds(20)) async throws -> Duration {
        let started = SystemClock.now()
        _ = try exec([Self.daemonPath, "-k"], timeout: timeout)
        while SystemClock.now() - started < timeout {
            if heartbeatPIDs().isEmpty { return SystemClock.now() - started }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill()
        throw HarnessError.stopTimedOut(node: node.name, after: timeout)
    }

    /// A crash: SIGKILL to every Heartbeat process of the node, then waits (bounded) until they
    /// are gone. Its addresses and resource state stay, as after a real crash.
    public func kill() {
        for pid in heartbeatPIDs() { Glibc.kill(pid, SIGKILL) }
        let deadline = SystemClock.now() + .seconds(5)
        while !heartbeatPIDs().isEmpty && SystemClock.now() < deadline { usleep(2000) }
    }

    /// Whether any Heartbeat process of the node runs.
    public var isRunning: Bool { !heartbeatPIDs().isEmpty }

    /// Pids in the node's network namespace whose `/proc/PID/comm` is `heartbeat`.
    public func heartbeatPIDs() -> [pid_t] {
        let pids = (try? HostCommand.check(["ip", "netns", "pids", node.namespace])) ?? ""
        return pids.split(separator: "\n").compactMap { pid_t($0) }.filter { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) == "heartbeat\n"
        }
    }

    /// The node's ha-log lines that complain about authentication or the message format (what a
    /// foreign peer's packets would provoke), ignoring the known harmless start-up complaints.
    public func complaints() -> [String] {
        let harmless = ["Cannot lock ourselves into memory", "core dump", "Core dump", "Logging daemon is disabled", "may be too small"]
        let words = ["authentication", "auth", "Bad", "invalid", "failed"]
        return cluster.log(node.name).split(separator: "\n").map(String.init).filter { line in
            words.contains { line.contains($0) } && !harmless.contains { line.contains($0) }
        }
    }

    /// The trees bind-mounted into the node: the package's /etc/ha.d and /var/lib/heartbeat
    /// skeleton, and /run as tmpfiles.d and the init script would populate it.
    static func prepareTrees(node: ClusterNode, root: String) throws {
        let run = root + "/run"
        let lib = node.heartbeatStateDirectory
        try HostCommand.check(["mkdir", "-p", lib, root + "/var-log", run])
        try HostCommand.check(["cp", "-a", "/etc/ha.d", root + "/etc-ha.d"])
        try HostCommand.check(["cp", "-a", "/var/lib/heartbeat/.", lib + "/"])
        try HostCommand.check(["rm", "-f"] + ["hb_uuid", "hb_generation", "hostcache", "delhostcache", "fifo"].map { lib + "/" + $0 })
        let hacluster = ["heartbeat", "heartbeat/ccm", "heartbeat/crm", "heartbeat/dopd", "crm"].map { run + "/" + $0 }
        try HostCommand.check(["install", "-d", "-m", "0750", "-o", "hacluster", "-g", "haclient"] + hacluster)
        try HostCommand.check(["install", "-d", "-m", "1755", run + "/resource-agents"])
        try HostCommand.check(["install", "-d", "-m", "1777", run + "/lock"])
        try copyConfig(node: node, root: root)
    }

    /// The cluster's rendered ha.cf, authkeys, haresources and resource scripts over the
    /// package's /etc/ha.d copy (again before every start, so a changed spec applies).
    static func copyConfig(node: ClusterNode, root: String) throws {
        let target = root + "/etc-ha.d"
        try HostCommand.check(
            ["cp", "-p"] + ["ha.cf", "authkeys", "haresources"].map { node.configDirectory + "/" + $0 } + [target + "/"])
        try HostCommand.check(["cp", "-p", "-r", node.resourceScriptDirectory + "/.", target + "/resource.d/"])
    }
}
