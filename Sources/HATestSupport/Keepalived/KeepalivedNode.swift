import Foundation
import Glibc
import Synchronization

/// One node of a `NetnsCluster` that runs keepalived 2.2.7 (the Debian package `keepalived`)
/// with one VRRPv3 instance for the cluster's service address, instead of `hadaemon`: the
/// benchmark's third implementation, run the way `keepalived-observed.md` measured it.
///
/// The daemon runs as `ip netns exec NS keepalived -n -l -D -G -P -f CONF -p … -r … -c … -b …`
/// through `NetnsCluster.start(_:command:)`: in the foreground (`-n`, so the pid the cluster
/// keeps is keepalived's parent), logging in detail to stderr (`-l -D`, the node's
/// `daemon.stderr`) and not to syslog (`-G`), VRRP subsystem only (`-P`), with the pid files
/// in the node's own directory (two instances on one host must not share them: a second one
/// finding a live pid "is already running" and exits 0). Its VRRP child shares the parent's
/// process group, so the cluster's `kill`, `stop` and `shutdown` reach both.
///
/// Configuration: `vrrp_version 3`, `virtual_router_id 51`, the node's address as
/// `unicast_src_ip` and every other node as a `unicast_peer` (the same unicast the pair's
/// Heartbeat ucast lines use), `advert_int` as given, preemption on (the default), and the
/// service address `192.0.2.100/24 dev hb0`. The preferred node starts as `state MASTER`, as the
/// reference's did; unless its priority is 255 it still waits a Master_Down_Interval first.
public final class KeepalivedNode: Sendable {
    /// The Debian package that provides the daemon.
    public static let package = "keepalived"
    public static let daemonPath = "/usr/sbin/keepalived"
    /// IP protocol number of VRRP: what `cut` drops (adverts are not UDP).
    public static let vrrpProtocol = 112

    public let cluster: NetnsCluster
    public let node: ClusterNode
    /// VRRP priority, 1 to 254: the highest is the preferred master.
    public let priority: Int
    /// Starts as `state MASTER` (the preferred master) rather than `state BACKUP`.
    public let isPreferred: Bool
    public let advertInterval: Duration
    /// `DIRECTORY/keepalived`: the configuration and the pid files.
    public let directory: String
    private let isCut = Mutex(false)

    /// Throws `missingFile` naming the package when keepalived is not installed: a failure, never a skip.
    public static func requireInstalled() throws {
        guard access(daemonPath, X_OK) == 0 else {
            throw HarnessError.missingFile(
                daemonPath,
                hint: "the Debian package `\(package)` (keepalived 2.2.7) is not installed; run scripts/setup or `apt-get install \(package)`")
        }
    }

    /// Writes `name`'s configuration (it does not start keepalived). `advertInterval` must be a
    /// whole number of centiseconds from 0.01 s to 40.95 s, as VRRPv3 carries it; `preferred`
    /// gives the node `state MASTER`.
    public init(cluster: NetnsCluster, name: String, priority: Int, preferred: Bool, advertInterval: Duration) throws {
        try Self.requireInstalled()
        guard (1...254).contains(priority) else { throw HarnessError.invalidSpec("VRRP priority \(priority): 1 to 254") }
        guard Self.advertText(advertInterval) != nil else {
            throw HarnessError.invalidSpec("advert_int \(advertInterval): VRRPv3 takes whole centiseconds from 0.01 s to 40.95 s")
        }
        let node = try cluster.node(name)
        self.cluster = cluster
        self.node = node
        self.priority = priority
        isPreferred = preferred
        self.advertInterval = advertInterval
        directory = node.directory + "/keepalived"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try configuration.write(toFile: configurationFile, atomically: true, encoding: .utf8)
    }

    /// `advert_int` as keepalived reads it: `1`, `0.2`, `0.05`; nil when VRRPv3 cannot carry it.
    public static func advertText(_ interval: Duration) -> String? {
        let (seconds, attoseconds) = interval.components
        let centiseconds = seconds * 100 + attoseconds / 10_000_000_000_000_000
        guard attoseconds % 10_000_000_000_000_000 == 0, (1...4095).contains(centiseconds) else { return nil }
        let whole = centiseconds / 100
        let fraction = centiseconds % 100
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public var configurationFile: String { directory + "/keepalived.conf" }
    public var parentPIDFile: String { directory + "/keepalived.pid" }
    public var vrrpPIDFile: String { directory + "/vrrp.pid" }
    /// Where `-l` sends the log: the node's `daemon.stderr`.
    public var logFile: String { node.stderrFile }

    /// The rendered `keepalived.conf`.
    public var configuration: String {
        let interface = NetnsCluster.interface
        let peers = cluster.nodes.filter { $0.name != node.name }.map(\.address)
        var lines = [
            "# keepalived.conf for \(node.name), rendered by KeepalivedNode",
            "global_defs {",
            "  router_id ha_\(node.name)",
            "  vrrp_version 3",
            "}",
            "vrrp_instance VI_1 {",
            "  state \(isPreferred ? "MASTER" : "BACKUP")",
            "  interface \(interface)",
            "  virtual_router_id 51",
            "  priority \(priority)",
            "  advert_int \(Self.advertText(advertInterval) ?? "1")",
            "  unicast_src_ip \(node.address)",
            "  unicast_peer {",
        ]
        lines += peers.map { "    \($0)" }
        lines += [
            "  }",
            "  virtual_ipaddress {",
            "    \(NetnsCluster.serviceAddress)/24 dev \(interface)",
            "  }",
            "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// What `NetnsCluster.start` runs for this node.
    public var command: DaemonCommand {
        let files = (configurationFile, parentPIDFile, vrrpPIDFile, directory)
        return DaemonCommand(executable: Self.daemonPath) { _ in
            [
                "-n", "-l", "-D", "-G", "-P", "-f", files.0, "-p", files.1, "-r", files.2, "-c", files.3 + "/checkers.pid", "-b",
                files.3 + "/bfd.pid",
            ]
        }
    }

    /// Starts keepalived in the node (stale pid files removed first, so a pid reused since the
    /// last run cannot make it exit at once) and returns the parent's pid.
    @discardableResult
    public func start() throws -> pid_t {
        for file in [parentPIDFile, vrrpPIDFile] { unlink(file) }
        return try cluster.start(node.name, command: command)
    }

    /// The VRRP child's pid, once it has written its pid file.
    public var vrrpPID: pid_t? {
        (try? String(contentsOfFile: vrrpPIDFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// A crash: SIGKILL to the VRRP child, then to the parent's process group (which holds the
    /// child too), reaped. SIGKILL of the parent alone is not a crash: the child would send a
    /// priority-0 advert and remove the address (keepalived-observed.md, pitfall 1).
    public func crash() throws {
        if let child = vrrpPID { Glibc.kill(child, SIGKILL) }
        try cluster.kill(node.name)
    }

    /// A clean stop: SIGTERM to the parent, which stops the child (a priority-0 advert, the
    /// address removed); returns how long until the parent exited.
    @discardableResult
    public func stop(timeout: Duration = .seconds(10)) async throws -> Duration {
        try await cluster.stop(node.name, timeout: timeout)
    }

    /// The VRRP state the log last entered (`MASTER`, `BACKUP`, `FAULT`), nil before the first.
    public var state: String? {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n").reversed() {
            let lowered = line.lowercased()
            if let state = ["master", "backup", "fault"].first(where: { lowered.contains("entering \($0) state") }) {
                return state.uppercased()
            }
        }
        return nil
    }

    /// Drops every VRRP advert arriving on the node's `hb0` (iptables INPUT, protocol 112): the
    /// link cut, as `NetnsCluster.cut` drops Heartbeat's udp/694. Its own adverts still leave.
    public func cut() throws {
        guard
            isCut.withLock({ cut in
                defer { cut = true }; return !cut
            })
        else { return }
        try iptables("-I")
    }

    /// Removes the rule `cut` added.
    public func heal() throws {
        guard
            isCut.withLock({ cut in
                defer { cut = false }; return cut
            })
        else { return }
        try iptables("-D")
    }

    private func iptables(_ action: String) throws {
        try HostCommand.check([
            "ip", "netns", "exec", node.namespace, HostCommand.resolve("iptables"), "-w", "5", action, "INPUT", "-i", NetnsCluster.interface,
            "-p", String(Self.vrrpProtocol), "-j", "DROP",
        ])
    }
}
