import ArgumentParser
import Glibc
import HAHost

/// Where the console reads from; every source can be pointed elsewhere.
///
/// A node runs either `hadaemon` (read through its control socket) or Heartbeat 3.0.6 itself
/// (read through `cl_status`, its ha-log and DRBD status, with actions mapped to `hb_standby`,
/// `hb_takeover` and `service heartbeat stop`). With no hadaemon socket and Heartbeat installed,
/// this node is read as a Heartbeat node; `--heartbeat-via` adds other Heartbeat nodes and
/// `--daemon-via` other hadaemon nodes.
struct SourceOptions: ParsableArguments {
    /// Where a daemon reached through a prefix listens (its own node's default, not ours).
    static let defaultSocket = DefaultPaths.standardSocket

    @Option(name: .customLong("socket"), help: "The hadaemon control socket (default: \(DefaultPaths.socketDefaultHelp)).")
    var socketOption: String?

    @Option(help: "The ha-log file to show (default: \(DefaultPaths.haLog); on a Heartbeat node, ha.cf's logfile).")
    var log: String?

    @Option(
        name: .customLong("proc-drbd"),
        help: """
            Read DRBD state from this /proc/drbd-format file (default: /proc/drbd when it lists resources, as \
            DRBD 8 does; else drbdsetup status, found on $PATH, in /usr/sbin or /sbin; the header says which).
            """)
    var procDRBD: String?

    @Option(help: "Run this drbdsetup for DRBD state ('status --verbose --statistics').")
    var drbdsetup: String?

    @Flag(
        help: """
            Read this node as a Heartbeat 3.0.6 node, through cl_status (the default when there is no \
            hadaemon socket and Heartbeat is installed).
            """)
    var heartbeat = false

    @Option(
        name: .customLong("heartbeat-via"),
        help: ArgumentHelp(
            """
            Also read a Heartbeat node by running commands through this prefix (split at spaces), e.g. \
            'ssh root@bravo' (no prompts, one shared connection). Repeat for each node; without \
            --heartbeat and a local Heartbeat, the first is the node the screen follows.
            """, valueName: "command"))
    var heartbeatVia: [String] = []

    @Flag(
        help: """
            Read this node as a node of a Pacemaker + Corosync cluster, through crm_mon --output-as=xml (the \
            default when there is no hadaemon socket or Heartbeat and this node has a Pacemaker CIB).
            """)
    var pacemaker = false

    @Option(
        name: .customLong("pacemaker-via"),
        help: ArgumentHelp(
            """
            Also read a Pacemaker node, and act on it (crm_standby, pacemakerd --shutdown), by running \
            commands through this prefix (split at spaces), e.g. 'ssh root@bravo'. Repeat for each node; \
            without --pacemaker and a local cluster, the first is the node the screen follows.
            """, valueName: "command"))
    var pacemakerVia: [String] = []

    @Option(
        name: .customLong("daemon-via"),
        help: ArgumentHelp(
            """
            Also read a hadaemon node, and act on it, through this prefix (split at spaces), e.g. \
            'ssh root@alpha': 'hadaemon bridge' runs there and relays its control socket. Repeat \
            for each node; with no daemon here, the first is the node the screen follows.
            """, valueName: "command"))
    var daemonVia: [String] = []

    @Option(
        name: .customLong("drbd-command"),
        help: "On Heartbeat nodes: the command that prints DRBD state (default: /proc/drbd when it lists resources, else drbdsetup status).")
    var drbdCommand: String?

    var socket: String { socketOption ?? DefaultPaths.socket }

    /// The log a hadaemon node writes (ha.cf's `logfile` there, as with Heartbeat).
    var logPath: String { log ?? DefaultPaths.haLog }

    var drbdSource: DRBDSource { DRBDSource.choose(procDRBD: procDRBD, drbdsetup: drbdsetup) }

    /// Where Heartbeat's daemon is installed (Debian 12, then older layouts).
    static let heartbeatDaemons = ["/usr/libexec/heartbeat/heartbeat", "/usr/lib/heartbeat/heartbeat", "/usr/lib64/heartbeat/heartbeat"]

    /// This node runs Heartbeat rather than hadaemon: asked for, or no socket (none given, none
    /// expected here) while Heartbeat's daemon and ha.cf are installed.
    var localIsHeartbeat: Bool {
        if heartbeat { return true }
        guard socketOption == nil, !DefaultPaths.daemonExpectedHere else { return false }
        return access(DefaultPaths.configDirectory + "/ha.cf", R_OK) == 0 && Self.heartbeatDaemons.contains { access($0, X_OK) == 0 }
    }

    /// Where a Pacemaker node keeps its CIB once it has been part of a cluster.
    static let pacemakerCIB = "/var/lib/pacemaker/cib/cib.xml"

    /// This node runs Pacemaker rather than hadaemon or Heartbeat: asked for, or no socket (none
    /// given, none expected here) while crm_mon is installed and a CIB exists.
    var localIsPacemaker: Bool {
        if pacemaker { return true }
        guard socketOption == nil, !DefaultPaths.daemonExpectedHere, !localIsHeartbeat else { return false }
        return access(Self.pacemakerCIB, F_OK) == 0 && access("/usr/sbin/crm_mon", X_OK) == 0
    }

    /// The nodes to read, the one the screen follows first.
    var nodeSources: [ConsoleApp.NodeSources] {
        let pacemakerNodes = pacemakerVia.map { via in
            ConsoleApp.NodeSources(pacemakerVia: via.split(separator: " ").map(String.init), drbdCommand: drbdCommand, log: nil)
        }
        if localIsPacemaker {
            return [ConsoleApp.NodeSources(pacemakerVia: [], drbdCommand: drbdCommand, log: log)] + pacemakerNodes
        }
        if !pacemakerNodes.isEmpty, socketOption == nil, !DefaultPaths.daemonExpectedHere, !localIsHeartbeat {
            var nodes = pacemakerNodes
            nodes[0].log = log
            return nodes
        }
        let remote =
            heartbeatVia.map { via in
                ConsoleApp.NodeSources(
                    heartbeatVia: via.split(separator: " ").map(String.init), drbdCommand: drbdCommand, log: nil)
            }
            + daemonVia.map { via in
                ConsoleApp.NodeSources(socket: Self.defaultSocket, log: nil, drbd: .none, via: via.split(separator: " ").map(String.init))
            } + pacemakerNodes
        if localIsHeartbeat {
            return [ConsoleApp.NodeSources(heartbeatVia: [], drbdCommand: drbdCommand, log: log)] + remote
        }
        if !remote.isEmpty, socketOption == nil, !DefaultPaths.daemonExpectedHere {
            var remote = remote
            // A Heartbeat node's log is followed behind its prefix; a bridged daemon's is not read.
            if case .heartbeat = remote[0].kind { remote[0].log = log }
            return remote
        }
        return [ConsoleApp.NodeSources(socket: socket, log: logPath, drbd: drbdSource)] + remote
    }
}
