import Glibc
import HAProtocol
import Synchronization

/// Appends lines to `logfile` and `debugfile` in Heartbeat's layouts (spec §6.1), so existing
/// greps and alerting read them unchanged. Safe to call from any thread.
final class HALogWriter: Sendable {
    private struct Files {
        var log: Int32 = -1
        var debug: Int32 = -1
        var logPath: String?
        var debugPath: String?
    }

    private let files = Mutex(Files())
    /// The kernel node name, as Heartbeat stamps it.
    let host: String
    /// Also copy lines to standard error (foreground use).
    let echo: Bool

    init(logfile: String?, debugfile: String?, host: String, echo: Bool) {
        self.host = host
        self.echo = echo
        reopen(logfile: logfile, debugfile: debugfile)
    }

    /// The ha-log file lines go to, if any.
    var logPath: String? { files.withLock { $0.logPath } }

    /// Opens (or re-opens after rotation or a reload) the two files in append mode.
    func reopen(logfile: String?, debugfile: String?) {
        files.withLock { f in
            if f.log >= 0 { close(f.log) }
            if f.debug >= 0 { close(f.debug) }
            f.logPath = logfile
            f.debugPath = debugfile
            f.log = logfile.map { open($0, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) } ?? -1
            f.debug = debugfile.map { open($0, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) } ?? -1
        }
    }

    /// A daemon line: `Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead`.
    func daemon(_ level: HALogLevel, _ message: String, pid: Int = Int(getpid())) {
        let line = HALogLine.daemon(at: Self.timestamp(), host: host, program: "heartbeat", pid: pid, level: level, message: message)
        write(line.formatted, debugOnly: level == .debug)
    }

    /// A resource-script line: `2026/11/22_03:04:51  ResourceManager(default)[32732]:    info: …`.
    func script(_ program: String, instance: String?, level: HALogLevel, _ message: String, pid: Int = Int(getpid())) {
        let line = HALogLine.script(
            at: Self.timestamp(withYear: true), program: program, instance: instance, pid: pid, level: level, message: message)
        write(line.formatted, debugOnly: false)
    }

    private func write(_ text: String, debugOnly: Bool) {
        let bytes = Array((text + "\n").utf8)
        files.withLock { f in
            if !debugOnly, f.log >= 0 { _ = bytes.withUnsafeBytes { Glibc.write(f.log, $0.baseAddress, $0.count) } }
            if f.debug >= 0 { _ = bytes.withUnsafeBytes { Glibc.write(f.debug, $0.baseAddress, $0.count) } }
        }
        if echo && !debugOnly { _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) } }
    }

    static func timestamp(withYear: Bool = false) -> HALogTimestamp {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return HALogTimestamp(
            year: withYear ? Int(parts.tm_year) + 1900 : nil, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday), hour: Int(parts.tm_hour),
            minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }
}
