import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Synchronization

/// Pacemaker 2.1.5 + Corosync 3.1 in the comparison: two `PacemakerNode`s running what a user
/// migrating this very pair would run. `hadaemon config export pacemaker` turns alpha's ha.cf and
/// haresources (the ones hadaemon and Heartbeat read) into a corosync.conf (token = deadtime,
/// two_node) and a CIB (a group of `ocf:heartbeat:IPaddr2` on hb0 and `lsb:hbdummy`, a location
/// preference for alpha, resource-stickiness 0 for `auto_failback on`, dc-deadtime = initdead,
/// stonith-enabled=false); the CIB's `<configuration>` is loaded with `cibadmin --replace`.
///
/// `lsb:hbdummy` is what the export's note asks for: the node's resource.d script installed in
/// /etc/init.d (a private bind mount in each node) behind a wrapper whose `status` exits 3 when
/// stopped, as LSB requires and Heartbeat's v1 scripts do not.
///
/// Settled means: a DC is elected (the first election can take dc-deadtime, 20 s, and none of it
/// is timed), the configuration is loaded, alpha alone holds the address, both nodes are online
/// in each one's `crm_mon` with both resources started on alpha and no action pending
/// (`crm_resource --wait`); then two keepalives more.
struct PacemakerPair: ComparedPair {
    /// Where corosync's knet listens (corosync 3's default port): what `cut` drops.
    static let knetPort = 5405

    let cluster: NetnsCluster
    let watcher: VIPWatcher
    let profile: TimerProfile
    let nodes: [String: PacemakerNode]
    /// Nodes whose INPUT drops knet, so that `healAll` removes exactly those rules.
    let cutNodes = SharedCuts()

    var implementation: Implementation { .pacemaker }

    /// Token plus consensus (2.2 × deadtime), then a DC election and the scheduler: far more room
    /// than the others need.
    var takeoverTimeout: Duration { profile.deadtime * 3 + .seconds(30) }

    /// `hadaemon` is the build whose `config export pacemaker` writes the configuration.
    static func start(_ profile: TimerProfile, hadaemon: String, sampleInterval: Duration) async throws -> PacemakerPair {
        try PacemakerNode.requireInstalled()
        let cluster = try ClusterRegistry.shared.makeCluster(.pair(profile))
        var nodes: [String: PacemakerNode] = [:]
        do {
            let export = try exportConfiguration(cluster, hadaemon: hadaemon)
            var authkey = [UInt8](repeating: 0, count: 256)
            for index in authkey.indices { authkey[index] = UInt8.random(in: 0...255) }
            for name in ["alpha", "bravo"] {
                let node = try PacemakerNode(cluster: cluster, name: name, corosyncConf: export.corosyncConf, authkey: authkey)
                nodes[name] = node
                try installInitScript(node)
            }
            let pair = PacemakerPair(
                cluster: cluster, watcher: try VIPWatcher(cluster: cluster, interval: sampleInterval), profile: profile, nodes: nodes)
            try nodes["alpha"]!.start()
            try nodes["bravo"]!.start()
            try await nodes["alpha"]!.waitForDC(timeout: .seconds(60))
            let load = try nodes["alpha"]!.exec(["cibadmin", "--replace", "--scope", "configuration", "--xml-file", export.configurationFile])
            guard load.succeeded else { throw HarnessError.toolUnavailable("cibadmin --replace", detail: load.stderr) }
            try await pair.waitFor(
                "alpha alone holds the address, both online and settled", timeout: profile.initdead + .seconds(60), poll: .milliseconds(200)
            ) {
                pair.watcher.holders == ["alpha"] && pair.isStable("alpha", online: ["alpha", "bravo"])
                    && pair.isStable("bravo", online: ["alpha", "bravo"])
            }
            try await Task.sleep(for: profile.keepalive * 2)
            return pair
        } catch {
            for node in nodes.values { node.shutdown() }
            ClusterRegistry.shared.release(cluster)
            throw error
        }
    }

    /// Runs the export on alpha's configuration directory; returns the corosync.conf text and
    /// the path of a file holding only the CIB's `<configuration>` (what cibadmin replaces).
    static func exportConfiguration(_ cluster: NetnsCluster, hadaemon: String) throws -> (corosyncConf: String, configurationFile: String) {
        let out = cluster.directory + "/pacemaker-export"
        let export = try HostCommand.run(
            [hadaemon, "config", "export", "pacemaker", "--config-dir", try cluster.node("alpha").configDirectory, "--output-dir", out])
        guard export.succeeded else { throw HarnessError.toolUnavailable("hadaemon config export pacemaker", detail: export.stderr) }
        let cib = try String(contentsOfFile: out + "/cib.xml", encoding: .utf8)
        guard let start = cib.range(of: "<configuration>"), let end = cib.range(of: "</configuration>") else {
            throw HarnessError.toolUnavailable("hadaemon config export pacemaker", detail: "\(out)/cib.xml has no <configuration>")
        }
        let file = out + "/configuration.xml"
        try String(cib[start.lowerBound..<end.upperBound]).write(toFile: file, atomically: true, encoding: .utf8)
        return (try String(contentsOfFile: out + "/corosync.conf", encoding: .utf8), file)
    }

    /// Mounts a directory holding an LSB `hbdummy` over the node's /etc/init.d (its private
    /// mount namespace only): the node's resource.d script, with `status` exiting 3 when stopped.
    static func installInitScript(_ node: PacemakerNode) throws {
        let directory = node.root + "/init.d"
        let script = node.node.resourceScriptDirectory + "/hbdummy"
        try HostCommand.check(["mkdir", "-p", directory])
        let wrapper = """
            #!/bin/sh
            # hbdummy as an LSB init script for Pacemaker (lsb:hbdummy): status exits 3 when stopped.
            case "$1" in
            status|monitor) [ "$('\(script)' status)" = running ] && exit 0; exit 3 ;;
            *) exec '\(script)' "$1" ;;
            esac

            """
        try wrapper.write(toFile: directory + "/hbdummy", atomically: true, encoding: .utf8)
        chmod(directory + "/hbdummy", 0o755)
        let mount = try node.exec(["mount", "--bind", directory, "/etc/init.d"])
        guard mount.succeeded else { throw HarnessError.toolUnavailable("mount --bind \(directory) /etc/init.d", detail: mount.stderr) }
    }

    /// SIGKILL of corosync and every Pacemaker daemon of `node` (pids listed before the clock
    /// starts); its address stays, as after a real crash.
    func crash(_ node: String) throws -> MonotonicTime {
        let pacemaker = try self.node(node)
        let pids = pacemaker.daemonPIDs()
        guard !pids.isEmpty else { throw HarnessError.notRunning(node: node) }
        let instant = SystemClock.now()
        for pid in pids { Glibc.kill(pid, SIGKILL) }
        pacemaker.kill()
        return instant
    }

    /// Drops corosync's knet traffic (udp/5405) arriving at `node`.
    func cut(_ node: String) throws {
        guard cutNodes.insert(node) else { return }
        try iptables("-I", in: node)
    }

    /// In node order (alpha, then bravo), as `NetnsCluster.healAll` does.
    func healAll() throws {
        for node in cluster.nodes where cutNodes.remove(node.name) { try iptables("-D", in: node.name) }
    }

    private func iptables(_ action: String, in node: String) throws {
        let namespace = try cluster.node(node).namespace
        try HostCommand.check([
            "ip", "netns", "exec", namespace, HostCommand.resolve("iptables"), "-w", "5", action, "INPUT", "-i", NetnsCluster.interface,
            "-p", "udp", "--dport", String(Self.knetPort), "-j", "DROP",
        ])
    }

    /// A clean stop as `systemctl stop pacemaker corosync` does it: SIGTERM to pacemakerd (which
    /// has the cluster move the group away first), and once it has exited, SIGTERM to corosync;
    /// timed to corosync's exit.
    func stop(_ node: String) async throws -> (signalled: MonotonicTime, exited: MonotonicTime) {
        let pacemaker = try self.node(node)
        let pacemakerd = pacemaker.daemonPIDs(named: ["pacemakerd"])
        guard !pacemakerd.isEmpty else { throw HarnessError.notRunning(node: node) }
        let signalled = SystemClock.now()
        for pid in pacemakerd { Glibc.kill(pid, SIGTERM) }
        let timeout = Duration.seconds(60)
        while pacemakerd.contains(where: { Glibc.kill($0, 0) == 0 }) {
            guard SystemClock.now() - signalled < timeout else { throw HarnessError.stopTimedOut(node: node, after: timeout) }
            try await Task.sleep(for: .milliseconds(2))
        }
        let corosync = pacemaker.daemonPIDs(named: ["corosync"])
        for pid in corosync { Glibc.kill(pid, SIGTERM) }
        while corosync.contains(where: { Glibc.kill($0, 0) == 0 }) {
            guard SystemClock.now() - signalled < timeout else { throw HarnessError.stopTimedOut(node: node, after: timeout) }
            try await Task.sleep(for: .milliseconds(2))
        }
        return (signalled, SystemClock.now())
    }

    /// The stale address and `hbdummy`'s state removed, as for the others.
    func resetAfterCrash(_ node: String) throws {
        _ = try cluster.run(in: node, ["ip", "addr", "del", "\(NetnsCluster.serviceAddress)/24", "dev", NetnsCluster.interface])
        unlink(try cluster.node(node).resourceStateDirectory + "/hbdummy-default.state")
    }

    /// corosync, then (once it answers) pacemakerd: the failback counts both starts.
    func restart(_ node: String) throws -> MonotonicTime {
        let pacemaker = try self.node(node)
        let instant = SystemClock.now()
        try pacemaker.start()
        return instant
    }

    /// `node`'s `crm_mon` has a DC, `node` online, every resource started and none failed, and
    /// `crm_resource --wait` finds no action pending.
    func isStable(_ node: String) -> Bool { isStable(node, online: [node]) }

    /// The same, with every node of `online` online in `node`'s view.
    func isStable(_ node: String, online: [String]) -> Bool {
        guard let pacemaker = nodes[node], let status = try? pacemaker.crmMonXML(), PacemakerSettling.isSettled(status, online: online)
        else { return false }
        return (try? pacemaker.exec(["crm_resource", "--wait", "--timeout", "1s"], timeout: .seconds(5)).succeeded) == true
    }

    func finish() {
        watcher.stop()
        try? healAll()
        for node in nodes.values { node.shutdown() }
        ClusterRegistry.shared.release(cluster)
    }

    private func node(_ name: String) throws -> PacemakerNode {
        guard let node = nodes[name] else { throw HarnessError.unknownNode(name, known: nodes.keys.sorted()) }
        return node
    }
}

/// The set of cut nodes, shared by the copies of a `PacemakerPair`.
final class SharedCuts: Sendable {
    private let nodes = Mutex<Set<String>>([])

    /// Whether `node` was not cut before.
    func insert(_ node: String) -> Bool { nodes.withLock { $0.insert(node).inserted } }
    /// Whether `node` was cut.
    func remove(_ node: String) -> Bool { nodes.withLock { $0.remove(node) != nil } }
}
