import Glibc

/// Where the programs look when not told: the one definition every command, `--help` text and
/// test reads.
///
/// The control socket honours `$HADAEMON_SOCKET` (non-empty) for every program: the daemon, its
/// client commands, the console and the Heartbeat-compatible tools. The other paths are
/// Heartbeat 3.0.6's layout (`/etc/ha.d`, `/var/lib/heartbeat`, `/var/log/ha-log`) or ours
/// beside it; no environment variable moves them, and each command's option does.
public enum DefaultPaths {
    /// The control socket of an installed daemon, whatever the environment says.
    public static let standardSocket = "/run/hadaemon/hadaemon.sock"

    /// The variable that points every program at another control socket.
    public static let socketVariable = "HADAEMON_SOCKET"

    /// How `--help` states the socket's default.
    public static let socketDefaultHelp = "$HADAEMON_SOCKET, else \(standardSocket)"

    /// `$HADAEMON_SOCKET` when set and not empty, and never in a set-ID process: Heartbeat's
    /// postinst makes `/usr/bin/cl_status` setgid haclient, and the package makes ours so too, so
    /// that any user may ask for the status; the group's privilege must then reach only the
    /// standard socket, not one the caller's environment names.
    public static var socketFromEnvironment: String? {
        guard !runsSetID else { return nil }
        return getenv(socketVariable).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether this process runs with another user's or group's privilege (set-user-ID or
    /// set-group-ID): then the caller's environment chooses nothing.
    public static var runsSetID: Bool { getuid() != geteuid() || getgid() != getegid() }

    /// The control socket: `$HADAEMON_SOCKET`, else ``standardSocket``.
    public static var socket: String { socketFromEnvironment ?? standardSocket }

    /// Whether this node is meant to run hadaemon: `$HADAEMON_SOCKET` is set, or something is at
    /// the standard socket. Where not, a node with Heartbeat installed is read as Heartbeat's.
    public static var daemonExpectedHere: Bool {
        (!runsSetID && getenv(socketVariable) != nil) || access(standardSocket, F_OK) == 0
    }

    /// Heartbeat's configuration directory: `ha.cf`, `authkeys`, `haresources`, `resource.d/`.
    public static let configDirectory = "/etc/ha.d"

    /// The daemon's own state: the node's uuid and generation counter.
    public static let stateDirectory = "/var/lib/hadaemon"

    /// Heartbeat's state directory, shared on a node laid out as installed.
    public static let heartbeatStateDirectory = "/var/lib/heartbeat"

    /// The log file when ha.cf names neither `logfile` nor `debugfile` (as Heartbeat does).
    public static let haLog = "/var/log/ha-log"

    /// The installed procedures.
    public static let sopDirectory = configDirectory + "/sop"

    /// The console's append-only audit trail of SOP runs.
    public static let auditTrail = "/var/log/haconsole-audit.jsonl"

    /// The procedures to use: ``sopDirectory`` when it exists, else the `sop/` of the source tree
    /// the running program was built in (up to four levels above `.build/debug`), else
    /// ``sopDirectory`` anyway (so the error names the installed place).
    public static func procedures() -> String {
        if access(sopDirectory, R_OK) == 0 { return sopDirectory }
        var directory = executableDirectory()
        for _ in 0..<4 {
            if access(directory + "/sop/failover.sop", R_OK) == 0 { return directory + "/sop" }
            directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)])
        }
        return sopDirectory
    }

    /// The directory of the running executable (`.` when /proc is not mounted).
    public static func executableDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "." }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }
}
