import Glibc
import HAProtocol

/// Sends log lines to the local syslog daemon as Heartbeat does with `logfacility` (spec §6.1):
/// daemon lines under the tag `heartbeat` with the text `[PID]: LEVEL: message`, script lines
/// under their own tag (`ResourceManager(default)[PID]`), at the priority of the line's level.
///
/// Not syslog(3): glibc writes to `/dev/log` on a blocking socket, so a stuck syslog daemon
/// would stall the poll loop. Here each line is one non-blocking datagram to ``path``; a line
/// the syslog daemon cannot take at once is dropped and counted (``dropped``), and the next
/// line tries again, so a syslog daemon that starts or restarts later is found again.
struct SyslogSink {
    /// Where syslog daemons listen (journald and rsyslog alike).
    static let defaultPath = "/dev/log"
    /// Longer texts are cut: syslog daemons take at least this much in one datagram.
    static let maximumBytes = 8192

    /// `logfacility` names and their codes (`security` is the old name of `auth`).
    static let facilities: [String: Int32] = [
        "kern": 0, "user": 1, "mail": 2, "daemon": 3, "auth": 4, "security": 4, "syslog": 5, "lpr": 6, "news": 7,
        "uucp": 8, "cron": 9, "authpriv": 10, "ftp": 11, "local0": 16, "local1": 17, "local2": 18, "local3": 19,
        "local4": 20, "local5": 21, "local6": 22, "local7": 23,
    ]

    let facility: Int32
    let path: String
    private var fd: Int32 = -1
    /// Lines the syslog daemon did not take (absent, or its queue full).
    private(set) var dropped = 0

    /// A sink for the facility `name`; nil for `none` or a name syslog does not know.
    init?(facility name: String, path: String = Self.defaultPath) {
        guard let code = Self.facilities[name] else { return nil }
        facility = code
        self.path = path
    }

    /// The syslog priority of a line: facility and severity (`WARN` is `warning`, `ERROR` `err`).
    func priority(_ level: HALogLevel) -> Int32 {
        let severity: Int32 =
            switch level {
            case .debug: 7
            case .info: 6
            case .notice: 5
            case .warn: 4
            case .error: 3
            case .crit: 2
            // cl_reboot's "Rebooting system." is logged at LOG_EMERG.
            case .other(let word) where word == "EMERG": 0
            case .other: 5  // logger's default for a text without a known level word (spec §6.1)
            }
        return facility << 3 | severity
    }

    /// Sends `<PRI>May  9 12:10:40 TAG: TEXT`, as glibc's syslog(3) does without LOG_PID.
    mutating func send(_ level: HALogLevel, tag: String, text: String, at timestamp: HALogTimestamp) {
        let datagram = Array("<\(priority(level))>\(timestamp.syslogText(dayPadding: " ")) \(tag): \(text)".utf8.prefix(Self.maximumBytes))
        if fd < 0 { fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0) }
        guard fd >= 0, var address = Self.address(path) else {
            dropped += 1
            return
        }
        let sent = datagram.withUnsafeBytes { raw in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, raw.baseAddress, raw.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL), $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
        if sent < 0 { dropped += 1 }
    }

    mutating func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// The socket address of `path`, or nil when it does not fit `sun_path`.
    static func address(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }
}
