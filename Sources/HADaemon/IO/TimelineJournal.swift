import Glibc
import HAProtocol

/// The node's timeline journal: every ha-log line at info level and above, each after the wall
/// clock's epoch milliseconds when it was written (`1765000000123 Dec 06 04:43:47 bravo
/// heartbeat: [123]: WARN: node alpha: is dead`), in `timeline.log` in the state directory.
///
/// ha-log keeps Heartbeat's layout, which prints whole seconds; a failover at 100 ms keepalive
/// happens inside one of them. This file is what `haconsole timeline --journal` reads to time
/// its phases to the millisecond. Contract:
/// - Bounded: when the next line would take the file past ``limit`` bytes, it is renamed to
///   `timeline.log.1` (replacing the one before) and a new one begun, so both together never
///   pass twice the limit. A line is cut to ``maximumLine`` bytes.
/// - One `write` per line in append mode (and a `stat`, to follow a file removed by hand), as
///   the ha-log write costs: nothing that can wait on the network or a lock.
/// - A failure never stops anything: ``append(_:at:)`` returns a notice for ha-log when writing
///   starts to fail and when it works again, and nothing for the lines between.
struct TimelineJournal: Sendable {
    static let fileName = "timeline.log"
    /// 2 MiB: some 20 000 lines, days of a busy node's history and weeks of a quiet one.
    static let defaultLimit = 2 << 20
    static let maximumLine = 4096

    let path: String
    let limit: Int
    private var fd: Int32 = -1
    private var size = 0
    private var identity: (device: UInt, inode: UInt)?
    /// The errno that made the last line fail, while lines are being lost.
    private(set) var failure: Int32?

    /// The journal at `timeline.log` in `directory`; opened at the first line.
    init(directory: String, limit: Int = defaultLimit) {
        self.init(path: (directory.hasSuffix("/") ? directory : directory + "/") + Self.fileName, limit: limit)
    }

    init(path: String, limit: Int = defaultLimit) {
        self.path = path
        self.limit = max(limit, Self.maximumLine + 32)
    }

    /// Writes `line` (one ha-log line, newline included) stamped with `milliseconds`; returns a
    /// notice for ha-log when the outcome differs from the last line's (failing, or working
    /// again), else nil.
    mutating func append(_ line: [UInt8], at milliseconds: Int64) -> (level: HALogLevel, text: String)? {
        var bytes = Array("\(milliseconds) ".utf8)
        if line.count > Self.maximumLine {
            bytes += line.prefix(Self.maximumLine - 1)
            bytes.append(UInt8(ascii: "\n"))
        } else {
            bytes += line
        }
        followRemoval()
        if fd >= 0, size > 0, size + bytes.count > limit { rotate() }
        if fd < 0 { open() }
        let error: Int32? = fd < 0 ? errno : HALogWriter.writeWhole(bytes, to: fd)
        if error == nil { size += bytes.count }
        return outcome(error)
    }

    /// The notice for a change between failing and working, and the new state.
    private mutating func outcome(_ error: Int32?) -> (level: HALogLevel, text: String)? {
        defer { failure = error }
        switch (failure, error) {
        case (nil, let error?):
            return (.error, "Timeline journal \(path): cannot write (\(String(cString: strerror(error)))); its lines are lost until it can")
        case (.some, nil):
            return (.info, "Timeline journal \(path): written again")
        default:
            return nil
        }
    }

    /// Closes the file, so the next line opens it again.
    mutating func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        identity = nil
    }

    private mutating func open() {
        close()
        fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return }
        var info = stat()
        if fstat(fd, &info) == 0 {
            size = Int(info.st_size)
            identity = (UInt(info.st_dev), UInt(info.st_ino))
        }
    }

    /// `timeline.log` → `timeline.log.1`, the next line to a new `timeline.log`.
    private mutating func rotate() {
        close()
        _ = rename(path, path + ".1")
        size = 0
    }

    /// A journal removed or renamed by hand is begun again, rather than written where no one
    /// can read it.
    private mutating func followRemoval() {
        guard fd >= 0, let identity else { return }
        var info = stat()
        if stat(path, &info) != 0 || identity != (UInt(info.st_dev), UInt(info.st_ino)) { close() }
    }
}
