import Foundation
import Glibc
import HAHost
import HAProtocol

/// One node of a `NetnsCluster` that runs the real Pacemaker 2.1.5 + Corosync 3.1 (the Debian
/// packages `pacemaker`, `corosync`, `pacemaker-cli-utils`) instead of `hadaemon`: where a pair
/// goes when it outgrows Heartbeat's model (issue 15).
///
/// As `shared/tools/pacemaker-netns/pcns.sh` does, an anchor process (`sleep`) holds a UTS
/// namespace (hostname = node name) and a private mount namespace with per-node copies
/// bind-mounted over `/etc/corosync`, `/var/lib/corosync`, `/var/lib/pacemaker` and `/var/log`,
/// an `/etc/hosts` naming every node at its `hb0` address (so a corosync.conf that names its
/// nodes, as `hadaemon config export pacemaker` writes it, resolves them), and a tmpfs `/run`.
/// Corosync speaks knet over `hb0`; `corosync -f` and `pacemakerd -f` run in the foreground,
/// with no systemd.
///
/// The anchor and both daemons live in the node's network namespace, so
/// `NetnsCluster.shutdown()` kills them by pid with everything else; call `shutdown()` here too.
public final class PacemakerNode: Sendable {
    public static let packages = "pacemaker corosync pacemaker-cli-utils resource-agents"
    public static let corosyncPath = "/usr/sbin/corosync"
    public static let pacemakerdPath = "/usr/sbin/pacemakerd"

    public let cluster: NetnsCluster
    public let node: ClusterNode
    /// `DIRECTORY/pacemaker`: the trees bind-mounted in the node.
    public let root: String
    let anchor: ChildProcess

    /// Throws `missingFile` naming the packages when Pacemaker is not installed: a failure, never a skip.
    public static func requireInstalled() throws {
        for path in [corosyncPath, pacemakerdPath, "/usr/sbin/crm_mon", "/usr/sbin/cibadmin", "/usr/lib/ocf/resource.d/heartbeat/IPaddr2"]
        where access(path, X_OK) != 0 {
            throw HarnessError.missingFile(path, hint: "install \(packages) (scripts/setup does)")
        }
    }

    /// The corosync.conf of a test cluster: knet over every node's `hb0` address, `token` as
    /// given, two-node quorum for a pair, no crypto, logging to stderr.
    public static func corosyncConfiguration(cluster: NetnsCluster, token: Duration = .seconds(1)) -> String {
        let nodes = cluster.nodes.enumerated().map { index, node in
            "  node {\n    name: \(node.name)\n    nodeid: \(index + 1)\n    ring0_addr: \(node.address)\n  }\n"
        }
        let milliseconds = token.components.seconds * 1000 + token.components.attoseconds / 1_000_000_000_000_000
        return """
            totem {
              version: 2
              cluster_name: hatest
              crypto_cipher: none
              crypto_hash: none
              transport: knet
              token: \(milliseconds)
            }
            logging {
              to_stderr: yes
              to_logfile: no
              to_syslog: no
            }
            quorum {
              provider: corosync_votequorum
            \(cluster.nodes.count == 2 ? "  two_node: 1" : "")
            }
            nodelist {
            \(nodes.joined())}

            """
    }

    /// Prepares `name`'s trees with `corosyncConf` (and `authkey` when the configuration uses
    /// crypto) and starts its anchor; it does not start the daemons.
    public init(
        cluster: NetnsCluster, name: String, corosyncConf: String? = nil, authkey: [UInt8]? = nil, lifetime: Duration = .seconds(900)
    ) throws {
        try Self.requireInstalled()
        let node = try cluster.node(name)
        self.cluster = cluster
        self.node = node
        root = node.directory + "/pacemaker"
        try Self.prepareTrees(
            root: root, corosyncConf: corosyncConf ?? Self.corosyncConfiguration(cluster: cluster), authkey: authkey,
            hosts: cluster.nodes.map { "\($0.address) \($0.name)" })
        anchor = try NamespaceAnchor.spawn(
            namespace: node.namespace, node: name,
            mounts: [
                "mount --bind '\(root)/etc-corosync' /etc/corosync",
                "mount --bind '\(root)/hosts' /etc/hosts",
                "mount --bind '\(root)/var-lib-corosync' /var/lib/corosync",
                "mount --bind '\(root)/var-lib-pacemaker' /var/lib/pacemaker",
                "mount --bind '\(root)/log' /var/log",
                "mount -t tmpfs none /run",
                "install -d -o hacluster -g haclient /run/crm",
            ], lifetime: lifetime, stderrFile: root + "/anchor.stderr")
    }

    deinit { shutdown() }

    /// Kills both daemons and the anchor (by pid) and reaps the anchor. Safe to call more than once.
    public func shutdown() {
        for pid in daemonPIDs() { Glibc.kill(pid, SIGKILL) }
        anchor.send(SIGKILL, toGroup: true)
        _ = anchor.waitBlocking(timeout: .seconds(2))
    }

    /// The command prefix that runs a command inside the node, as `ssh root@NODE` would.
    public var enterPrefix: [String] {
        [HostCommand.resolve("nsenter"), "-t", String(anchor.pid), "-n", "-m", "-u", "--wd=/", "--"]
    }

    /// Runs `arguments` inside the node.
    public func exec(_ arguments: [String], timeout: Duration = .seconds(20)) throws -> CommandOutput {
        try HostCommand.run(enterPrefix + arguments, timeout: timeout)
    }

    /// Starts corosync, waits (bounded) until it answers, then pacemakerd; both in the
    /// foreground of a shell that leaves them running, their output in the node's /var/log.
    public func start() throws {
        guard daemonPIDs().isEmpty else { throw HarnessError.alreadyRunning(node: node.name, pid: daemonPIDs()[0]) }
        _ = try exec(["/bin/sh", "-c", "\(Self.corosyncPath) -f > /var/log/corosync.out 2>&1 & echo $! > /run/corosync.pid"])
        let deadline = SystemClock.now() + .seconds(10)
        while try !exec(["corosync-cfgtool", "-s"]).succeeded {
            guard SystemClock.now() < deadline else {
                throw HarnessError.commandTimedOut(arguments: ["corosync-cfgtool -s on \(node.name)", log("corosync.out")], after: .seconds(10))
            }
            usleep(100_000)
        }
        _ = try exec(["/bin/sh", "-c", "\(Self.pacemakerdPath) -f > /var/log/pacemakerd.out 2>&1 & echo $! > /run/pacemakerd.pid"])
    }

    /// A crash: SIGKILL to corosync and every Pacemaker daemon of the node, then waits (bounded)
    /// until they are gone. Its addresses stay, as after a real crash.
    public func kill() {
        for pid in daemonPIDs() { Glibc.kill(pid, SIGKILL) }
        let deadline = SystemClock.now() + .seconds(5)
        while !daemonPIDs().isEmpty && SystemClock.now() < deadline { usleep(2000) }
    }

    /// A clean stop: SIGTERM to pacemakerd (which stops the resources here first), waits up to
    /// `timeout` for it, then SIGTERM to corosync.
    public func stop(timeout: Duration = .seconds(60)) async throws {
        let pacemakerd = daemonPIDs(named: ["pacemakerd"])
        for pid in pacemakerd { Glibc.kill(pid, SIGTERM) }
        let deadline = SystemClock.now() + timeout
        while !daemonPIDs(named: ["pacemakerd"]).isEmpty {
            guard SystemClock.now() < deadline else { throw HarnessError.stopTimedOut(node: node.name, after: timeout) }
            try await Task.sleep(for: .milliseconds(50))
        }
        for pid in daemonPIDs(named: ["corosync"]) { Glibc.kill(pid, SIGTERM) }
        while !daemonPIDs().isEmpty && SystemClock.now() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// `crm_mon --one-shot --output-as=xml` inside the node.
    public func crmMonXML() throws -> String {
        let output = try exec(["crm_mon", "--one-shot", "--output-as=xml", "--inactive"])
        return output.stdout
    }

    /// Waits (bounded) until the node's cluster has elected a DC: the first election can take
    /// Pacemaker's `dc-deadtime` (20 s by default).
    public func waitForDC(timeout: Duration = .seconds(60)) async throws {
        let deadline = SystemClock.now() + timeout
        while !((try? crmMonXML())?.contains(#"current_dc present="true""#) ?? false) {
            guard SystemClock.now() < deadline else {
                throw HarnessError.timedOut(waitingFor: "a DC on \(node.name)", after: timeout, cluster: log("pacemakerd.out"))
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// A file of the node's /var/log, or "".
    public func log(_ name: String) -> String {
        (try? String(contentsOfFile: root + "/log/" + name, encoding: .utf8)) ?? ""
    }

    /// Pids in the node's network namespace whose `comm` is corosync or a Pacemaker daemon.
    public func daemonPIDs(named names: Set<String>? = nil) -> [pid_t] {
        let pids = (try? HostCommand.check(["ip", "netns", "pids", node.namespace])) ?? ""
        return pids.split(separator: "\n").compactMap { pid_t($0) }.filter { pid in
            guard var comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return false }
            comm = comm.trimmingCharacters(in: .newlines)
            if let names { return names.contains(comm) }
            return comm == "corosync" || comm.hasPrefix("pacemaker")
        }
    }

    /// The CIB a node starts from: empty but for a short `dc-deadtime`.
    static let seedCIB = """
        <cib validate-with="pacemaker-3.9" admin_epoch="0" epoch="1" num_updates="0">
          <configuration>
            <crm_config>
              <cluster_property_set id="cib-bootstrap-options">
                <nvpair id="cib-bootstrap-options-dc-deadtime" name="dc-deadtime" value="2s"/>
              </cluster_property_set>
            </crm_config>
            <nodes/>
            <resources/>
            <constraints/>
          </configuration>
          <status/>
        </cib>

        """

    static func prepareTrees(root: String, corosyncConf: String, authkey: [UInt8]?, hosts: [String]) throws {
        let lib = root + "/var-lib-pacemaker"
        try HostCommand.check(
            ["mkdir", "-p", root + "/etc-corosync", root + "/var-lib-corosync", root + "/log/pacemaker", root + "/log/corosync"]
                + ["cib", "pengine", "blackbox", "cores"].map { lib + "/" + $0 })
        try corosyncConf.write(toFile: root + "/etc-corosync/corosync.conf", atomically: true, encoding: .utf8)
        if let authkey {
            let path = root + "/etc-corosync/authkey"
            try Data(authkey).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o400)
        }
        try (["127.0.0.1 localhost"] + hosts).joined(separator: "\n").appending("\n").write(
            toFile: root + "/hosts", atomically: true, encoding: .utf8)
        // A new cluster's first election waits out dc-deadtime (20 s by default) for nodes that
        // may still join; seeded into the starting CIB, 2 s spares each test most of that.
        try seedCIB.write(toFile: lib + "/cib/cib.xml", atomically: true, encoding: .utf8)
        chmod(lib + "/cib/cib.xml", 0o600)
        try HostCommand.check(["chown", "-R", "hacluster:haclient", lib, root + "/log/pacemaker"])
    }
}
