import Glibc
import HAProtocol

/// What the Heartbeat-compatible commands (`cl_status`, `hb_standby`, `hb_takeover`) need from
/// the host: where the daemon listens, the local time and host name their lines start with.
public enum CompatCommandLine {
    /// The control socket: `$HADAEMON_SOCKET`, else `/run/hadaemon/hadaemon.sock`.
    public static var socketPath: String {
        getenv("HADAEMON_SOCKET").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/run/hadaemon/hadaemon.sock"
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
