import Foundation
import Glibc
import Synchronization

/// A cluster of real nodes for integration tests: one network namespace per node, all joined to
/// one bridge, each node with its own Heartbeat configuration tree, and control over the process
/// each node runs, the links between nodes, and what can be observed of them.
///
/// Topology: a bridge namespace `ha-bridge-SUFFIX` holds bridge `br0`; every node namespace
/// `ha-NODE-SUFFIX` has a veth `hb0` (192.0.2.11, .12, ... /24) whose peer is a port of `br0`.
/// A bridge rather than a veth pair, even for two nodes: three or more nodes share one segment,
/// and bcast and mcast media behave as on a switch. STP and multicast snooping are off so the
/// segment forwards at once and floods multicast. IPv6 is not configured (no stray traffic).
///
/// The suffix is the test process's pid plus a random part, so parallel runs never share a name.
/// Nothing is sent outside 192.0.2.0/24 and loopback. Creating a cluster needs root.
///
/// Call `shutdown()` (in a `defer`): it kills every process the cluster started and every
/// process left in its namespaces, by pid, deletes the namespaces and the temporary directory.
/// Set `HADAEMON_IT_KEEP=1` to keep the directory (configs, logs) for a post-mortem.
public final class NetnsCluster: Sendable {
    /// The address tests move between nodes as a resource.
    public static let serviceAddress = "192.0.2.100"
    /// The heartbeat interface, the same name in every node so one haresources line fits all.
    public static let interface = "hb0"

    public let spec: ClusterSpec
    public let nodes: [ClusterNode]
    public let bridgeNamespace: String
    /// The temporary directory that holds every node's tree.
    public let directory: String

    struct NodeProcess {
        var child: ChildProcess
        var exit: ExitStatus?
    }

    struct DropRule: Hashable {
        /// Drop only what comes from this address; nil drops every heartbeat packet.
        var source: String?
        /// Drop each matching packet with this chance (iptables `statistic`), in thousandths;
        /// nil drops every one.
        var perMille: Int? = nil
    }

    struct State {
        var processes: [String: NodeProcess] = [:]
        var namespaces: [String] = []
        var dropRules: [String: Set<DropRule>] = [:]
        var stalled: Set<String> = []
        /// tmpfs mounts `mountTmpfs` made, unmounted by `shutdown`.
        var mounts: [String] = []
        var isShutDown = false
    }

    let state = Mutex(State())

    /// Builds the file trees and the network of `spec`; throws `notRoot` unless run as root.
    public init(_ spec: ClusterSpec = ClusterSpec()) throws {
        try Self.requireRoot()
        try spec.validate()
        let suffix = "\(getpid())\(String(UInt32.random(in: 0..<1_679_616), radix: 36))"
        let directory = "/tmp/ha-it-\(suffix)"
        self.spec = spec
        self.directory = directory
        self.bridgeNamespace = "ha-bridge-\(suffix)"
        self.nodes = spec.nodes.enumerated().map { index, name in
            ClusterNode(name: name, address: "192.0.2.\(11 + index)", namespace: "ha-\(name)-\(suffix)", directory: directory + "/" + name)
        }
        do {
            for node in nodes { try writeFiles(for: node, spec) }
            try createNetwork()
            try checkIptables()
        } catch {
            shutdown()
            throw error
        }
    }

    deinit { shutdown() }

    /// Throws `notRoot` unless `euid` is 0: a real failure, not a skip.
    public static func requireRoot(euid: uid_t = geteuid()) throws {
        guard euid == 0 else { throw HarnessError.notRoot(euid: euid) }
    }

    /// The node called `name`.
    public func node(_ name: String) throws -> ClusterNode {
        guard let node = nodes.first(where: { $0.name == name }) else { throw HarnessError.unknownNode(name, known: spec.nodes) }
        return node
    }

    /// Writes `node`'s ha.cf, authkeys (mode 600), haresources and resource scripts from `spec`.
    /// Call it again with a changed spec before `signal(node, SIGHUP)` to test a reload.
    public func writeFiles(for node: ClusterNode, _ spec: ClusterSpec) throws {
        let files = FileManager.default
        for path in [node.resourceScriptDirectory, node.stateDirectory, node.directory + "/run", node.logDirectory, node.resourceStateDirectory] {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        try write(spec.haCF(for: node, addresses: nodes.map(\.address)), to: node.configDirectory + "/ha.cf", mode: 0o644)
        try write(spec.authkeys, to: node.configDirectory + "/authkeys", mode: 0o600)
        try write(spec.haResources, to: node.configDirectory + "/haresources", mode: 0o644)
        let scripts =
            [("hbdummy", ResourceScripts.hbdummy(stateDirectory: node.resourceStateDirectory))]
            + (spec.installsHangScript ? [("hang", ResourceScripts.hang)] : [])
            + (spec.installsFlakyScript ? [("flaky", ResourceScripts.flaky(stateDirectory: node.resourceStateDirectory))] : [])
        for (name, text) in scripts {
            try write(text, to: node.resourceScriptDirectory + "/" + name, mode: 0o755)
        }
    }

    /// Kills everything the cluster started, deletes its namespaces and its directory. Safe to
    /// call more than once; never throws (cleanup of one part must not stop the rest).
    public func shutdown() {
        let claimed = state.withLock { state -> (processes: [String: NodeProcess], namespaces: [String], mounts: [String])? in
            guard !state.isShutDown else { return nil }
            state.isShutDown = true
            return (state.processes, state.namespaces, state.mounts)
        }
        guard let (processes, namespaces, mounts) = claimed else { return }
        let running = processes.filter { $0.value.exit == nil }
        for process in running.values { process.child.send(SIGKILL, toGroup: true) }
        // Whatever the daemons left in their namespaces (resource scripts in sessions of their
        // own), by pid; `ip netns pids` lists only processes inside our namespaces.
        for namespace in namespaces {
            let pids = (try? HostCommand.check(["ip", "netns", "pids", namespace])) ?? ""
            for pid in pids.split(separator: "\n").compactMap({ pid_t($0) }) { Glibc.kill(pid, SIGKILL) }
        }
        for name in running.keys { _ = waitForExitBlocking(name, timeout: .seconds(2)) }
        for namespace in namespaces { _ = try? HostCommand.run(["ip", "netns", "del", namespace]) }
        let keeps = ProcessInfo.processInfo.environment["HADAEMON_IT_KEEP"] != nil
        for mount in mounts.reversed() {
            // What was on a tmpfs is gone once it is unmounted: a kept tree gets a copy.
            if keeps { _ = try? HostCommand.run(["cp", "-a", mount, mount + ".kept"]) }
            // Lazily: a Heartbeat node's private mount namespace may still hold a copy for a moment.
            _ = try? HostCommand.run(["umount", "-l", mount])
        }
        if !keeps {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// Replaces `path` atomically, already with `mode`: a running daemon that reloads never
    /// reads half a file, nor an authkeys that is briefly world-readable.
    private func write(_ text: String, to path: String, mode: Int) throws {
        let temporary = path + ".new"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temporary)
        guard rename(temporary, path) == 0 else { throw HarnessError.system(call: "rename \(temporary)", errno: errno) }
    }
}
