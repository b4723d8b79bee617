import Glibc
import HAHost
import HAProtocol
import Synchronization

/// Appends lines to `logfile` and `debugfile` in Heartbeat's layouts (spec §6.1), so existing
/// greps and alerting read them unchanged. Safe to call from any thread.
///
/// Every line is one line: control characters in it (a `reason` from a control client, a
/// script's output) are escaped (``sanitized(_:)``), so nothing can forge a line. A line is
/// written whole or not at all: when the disk is full, what a short write left is cut off again,
/// the line is counted as lost, and ``failures`` says so (the snapshot shows it as an alert);
/// once writing works again, the first line written says how many lines were lost and why.
///
/// With a syslog facility (ha.cf's `logfacility`) every line that goes to `logfile` also goes to
/// syslog (``SyslogSink``), as Heartbeat sends it there. With a journal (``useJournal(_:)``),
/// every line above debug also goes to the ``TimelineJournal`` with a millisecond stamp.
final class HALogWriter: Sendable {
    /// One of the two files, and how many lines it has lost since the last one that got through.
    private struct Sink {
        var fd: Int32 = -1
        var path: String?
        var lost = 0
        var lastError: Int32 = 0
        /// The file `fd` has open, to notice that `path` now names another (or none).
        var identity: (device: UInt, inode: UInt)?

        /// (Re)opens `path` in append mode, creating it.
        mutating func open() {
            if fd >= 0 { close(fd) }
            fd = path.map { Glibc.open($0, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) } ?? -1
            var info = stat()
            identity = fd >= 0 && fstat(fd, &info) == 0 ? (UInt(info.st_dev), UInt(info.st_ino)) : nil
        }

        /// Follows a rotation: when `path` was renamed or removed (Debian's logrotate stanza for
        /// heartbeat renames and creates nothing, and sends no signal), the next line opens a new
        /// file there, as Heartbeat's logging, which opens the file for each line, does. One
        /// `stat` per line.
        mutating func followRotation() {
            guard let path else { return }
            var info = stat()
            guard fd >= 0, stat(path, &info) == 0, let identity, identity == (UInt(info.st_dev), UInt(info.st_ino)) else { return open() }
        }
    }

    private struct Files {
        var log = Sink()
        var debug = Sink()
        var syslog: SyslogSink?
        var journal: TimelineJournal?
    }

    /// A log file that is losing lines: which, how many so far, and why.
    struct Failure: Equatable, Sendable {
        var path: String
        var lost: Int
        var reason: String
    }

    private let files = Mutex(Files())
    /// The kernel node name, as Heartbeat stamps it.
    let host: String
    /// Also copy lines to standard error (foreground use).
    let echo: Bool

    init(
        logfile: String?, debugfile: String?, host: String, echo: Bool, syslogFacility: String? = nil,
        syslogPath: String = SyslogSink.defaultPath
    ) {
        self.host = host
        self.echo = echo
        self.syslogPath = syslogPath
        reopen(logfile: logfile, debugfile: debugfile)
        useSyslog(facility: syslogFacility)
    }

    /// Where syslog lines go (`/dev/log`; a test's own socket).
    let syslogPath: String

    /// Sends lines to syslog with `facility` from now on; nil (ha.cf's `none`) stops it.
    func useSyslog(facility: String?) {
        files.withLock { f in
            guard f.syslog.map(\.facility) != facility.flatMap({ SyslogSink.facilities[$0] }) else { return }
            f.syslog?.close()
            f.syslog = facility.flatMap { SyslogSink(facility: $0, path: syslogPath) }
        }
    }

    /// Copies every line that goes to `logfile` to `journal` too, from now on (nil stops it).
    func useJournal(_ journal: TimelineJournal?) {
        files.withLock { f in
            f.journal?.close()
            f.journal = journal
        }
    }

    /// The ha-log file lines go to, if any.
    var logPath: String? { files.withLock { $0.log.path } }

    /// The files that could not take their last lines (empty while logging works).
    var failures: [Failure] {
        files.withLock { f in
            [f.log, f.debug].compactMap { sink in
                guard sink.lost > 0, let path = sink.path else { return nil }
                return Failure(path: path, lost: sink.lost, reason: String(cString: strerror(sink.lastError)))
            }
        }
    }

    /// Opens (or re-opens after rotation or a reload) the two files in append mode. Lines lost
    /// so far are still reported, in the file opened now.
    func reopen(logfile: String?, debugfile: String?) {
        files.withLock { f in
            for (sink, path) in [(\Files.log, logfile), (\Files.debug, debugfile)] {
                f[keyPath: sink].path = path
                f[keyPath: sink].open()
            }
        }
    }

    /// A daemon line: `Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead`.
    func daemon(_ level: HALogLevel, _ message: String, pid: Int = Int(getpid())) {
        write(daemonLine(level, message, pid: pid), debugOnly: level == .debug)
        if level != .debug { toSyslog(level, tag: "heartbeat", text: "[\(pid)]: \(level.heartbeatWord): \(message)") }
    }

    /// A resource-script line: `2026/11/22_03:04:51  ResourceManager(default)[32732]:    info: …`.
    func script(_ program: String, instance: String?, level: HALogLevel, _ message: String, pid: Int = Int(getpid())) {
        let line = HALogLine.script(
            at: Self.timestamp(withYear: true), program: program, instance: instance, pid: pid, level: level, message: message)
        write(line.formatted, debugOnly: false)
        let tag = program + (instance.map { "(\($0))" } ?? "") + "[\(pid)]"
        toSyslog(level, tag: Self.sanitized(tag), text: "\(level.heartbeatWord): \(message)")
    }

    private func toSyslog(_ level: HALogLevel, tag: String, text: String) {
        files.withLock { f in
            guard f.syslog != nil else { return }
            f.syslog?.send(level, tag: tag, text: Self.sanitized(text), at: Self.timestamp())
        }
    }

    private func daemonLine(_ level: HALogLevel, _ message: String, pid: Int = Int(getpid())) -> String {
        HALogLine.daemon(at: Self.timestamp(), host: host, program: "heartbeat", pid: pid, level: level, message: message).formatted
    }

    private func write(_ text: String, debugOnly: Bool) {
        let bytes = Array((Self.sanitized(text) + "\n").utf8)
        let notice = files.withLock { f -> (level: HALogLevel, text: String)? in
            if !debugOnly { append(bytes, to: &f.log) }
            append(bytes, to: &f.debug)
            return debugOnly ? nil : f.journal?.append(bytes, at: SystemClock.wallMilliseconds())
        }
        if let notice { daemon(notice.level, notice.text) }
        if echo && !debugOnly { _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) } }
    }

    /// Writes `line` whole, after the account of lines lost before it; counts it lost otherwise.
    private func append(_ line: [UInt8], to sink: inout Sink) {
        sink.followRotation()
        guard sink.fd >= 0 else { return }
        if sink.lost > 0 {
            let what = sink.lost == 1 ? "1 log line" : "\(sink.lost) log lines"
            let notice = Array((daemonLine(.error, "\(what) lost: \(String(cString: strerror(sink.lastError)))") + "\n").utf8)
            if let error = Self.writeWhole(notice, to: sink.fd) {
                sink.lost += 1
                sink.lastError = error
                return
            }
            sink.lost = 0
        }
        if let error = Self.writeWhole(line, to: sink.fd) {
            sink.lost += 1
            sink.lastError = error
        }
    }

    /// Writes all of `bytes` or, when the file takes only part (a full disk), cuts that part off
    /// again so the file still ends with a whole line; returns the errno of a failure.
    static func writeWhole(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count > 0 {
                written += count
                continue
            }
            if count < 0 && errno == EINTR { continue }
            let error = count < 0 ? errno : ENOSPC
            var info = stat()
            if written > 0, fstat(fd, &info) == 0, Int(info.st_size) >= written {
                _ = ftruncate(fd, info.st_size - off_t(written))
            }
            return error
        }
        return nil
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
