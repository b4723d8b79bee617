import Glibc
import HAProtocol

/// Reads what one node's ha-log gained since the last read and checks it (`LogCheck`).
///
/// Only complete lines are consumed: a line still being written is left for the next read,
/// which also makes a torn line visible (its rest, glued to the next line, parses as no
/// layout). Reads at most `limit` bytes per call (more is counted, then skipped).
struct LogFollower {
    let path: String
    let checksLayout: Bool
    /// How long to wait before calling a last line without its newline unterminated.
    let recheckDelay: Duration
    var offset = 0
    static let limit = 4 << 20

    init(path: String, checksLayout: Bool, recheckDelay: Duration = .milliseconds(200)) {
        self.path = path
        self.checksLayout = checksLayout
        self.recheckDelay = recheckDelay
        offset = Self.size(path) ?? 0
    }

    /// What the log gained since the last call.
    mutating func read(diskWasFull: Bool, address: String) -> LogCheck {
        var check = LogCheck(
            lines: 0, addressLines: 0, tornLines: [], unterminated: false, shrank: false, bytes: 0, diskWasFull: diskWasFull,
            checksLayout: checksLayout)
        guard let size = Self.size(path) else { return check }
        if size < offset {
            check.shrank = true
            offset = 0
        }
        check.bytes = size - offset
        var bytes = Self.bytes(path, from: offset, count: min(size - offset, Self.limit))
        if bytes.last != UInt8(ascii: "\n") && !bytes.isEmpty {
            // A write may be under way: look again a moment later before calling it torn.
            usleep(useconds_t(recheckDelay / .microseconds(1)))
            bytes = Self.bytes(path, from: offset, count: min((Self.size(path) ?? size) - offset, Self.limit))
        }
        let end = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        check.unterminated = end < bytes.count && size - offset <= Self.limit
        let text = String(decoding: bytes[0..<end], as: UTF8.self)
        for line in text.split(separator: "\n") {
            check.lines += 1
            if line.contains(address) { check.addressLines += 1 }
            if checksLayout && check.tornLines.count < 3 && Self.isTorn(line) { check.tornLines.append(String(line)) }
        }
        offset = size - offset > Self.limit ? size : offset + end
        return check
    }

    /// Skips everything written so far (after a reset, whose lines are not a step's).
    mutating func skipToEnd() {
        offset = Self.size(path) ?? offset
    }

    /// A line in no layout Heartbeat writes, or two lines glued together: the head of a line
    /// cut short (a write that did not complete) followed by the next line, which shows as a
    /// second `hh:mm:ss` clock.
    static func isTorn(_ line: Substring) -> Bool {
        guard HALogLine(parsing: line) != nil else { return true }
        let bytes = Array(line.utf8)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        var clocks = 0
        var index = 0
        while index + 8 <= bytes.count {
            let window = bytes[index..<index + 8]
            let shape = window.enumerated().allSatisfy { offset, byte in offset == 2 || offset == 5 ? byte == UInt8(ascii: ":") : isDigit(byte) }
            if shape {
                clocks += 1
                index += 8
            } else {
                index += 1
            }
        }
        return clocks > 1
    }

    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    static func bytes(_ path: String, from offset: Int, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return read > 0 ? Array(buffer.prefix(read)) : []
    }
}
