import Glibc
import HAProtocol

/// What the Heartbeat-compatible commands (`cl_status`, `hb_standby`, `hb_takeover`) need from
/// the host: whether to hand over to Heartbeat, the local time and host name their lines start
/// with. They ask the daemon at ``DefaultPaths/socket``.
public enum CompatCommandLine {
    /// Where Heartbeat 3.0.6 installs its own copy of each command (Debian, then older layouts).
    /// With hadaemon's package installed, Heartbeat's are diverted to `PATH.heartbeat`.
    static let heartbeatCopies = [
        "cl_status": ["/usr/bin/cl_status.heartbeat", "/usr/bin/cl_status"],
        "hb_standby": [
            "/usr/share/heartbeat/hb_standby.heartbeat", "/usr/share/heartbeat/hb_standby", "/usr/lib/heartbeat/hb_standby",
            "/usr/lib64/heartbeat/hb_standby",
        ],
        "hb_takeover": [
            "/usr/share/heartbeat/hb_takeover.heartbeat", "/usr/share/heartbeat/hb_takeover", "/usr/lib/heartbeat/hb_takeover",
            "/usr/lib64/heartbeat/hb_takeover",
        ],
    ]

    /// On a node that does not run hadaemon (no `$HADAEMON_SOCKET`, nothing at the default socket)
    /// but has Heartbeat installed, runs Heartbeat's own `command` in this process's place, so
    /// that installing ours ahead of it on the PATH changes nothing until hadaemon runs there (a
    /// rolling migration). Returns only when there is nothing to hand over to.
    public static func handOverToHeartbeatIfItRunsHere(_ command: String, arguments: [String]) {
        guard !DefaultPaths.daemonExpectedHere else { return }
        guard let own = realPath("/proc/self/exe") else { return }
        for path in heartbeatCopies[command] ?? [] where access(path, X_OK) == 0 && realPath(path) != own {
            let argv = ([path] + arguments).map { strdup($0) } + [nil]
            execv(path, argv)
            argv.forEach { free($0) }  // exec failed: answer ourselves
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The local time now, as Heartbeat's lines print it.
    public static func now() -> HALogTimestamp {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return HALogTimestamp(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday), hour: Int(parts.tm_hour),
            minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }

    /// This machine's node name (`uname -n`).
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` to a file descriptor unbuffered (these commands print once and exit).
    public static func write(_ text: String, to fd: Int32) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard count > 0 else { return }
            offset += count
        }
    }
}
