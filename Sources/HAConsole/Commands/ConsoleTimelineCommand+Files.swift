import ArgumentParser
import Glibc
import HAHost
import HAProtocol

extension ConsoleTimelineCommand {
    /// The most of a file read: its last 64 MiB (weeks of a busy ha-log), so that a huge or
    /// endless file cannot take the memory.
    static let readLimit = 64 << 20

    /// `NODE=PATH` → (NODE, PATH); a bare path is this node's.
    static func split(_ spec: String) -> (node: String, path: String) {
        if let equals = spec.firstIndex(of: "="), !spec[..<equals].contains("/"), equals != spec.startIndex {
            return (String(spec[..<equals]), String(spec[spec.index(after: equals)...]))
        }
        return (CompatCommandLine.hostName, spec)
    }

    /// The text of `path` (its last ``readLimit`` bytes, from the first whole line).
    static func read(_ path: String, what option: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TimelineFileError(description: "\(option) \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        let skipped = size > readLimit && lseek(fd, off_t(size - readLimit), SEEK_SET) >= 0
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < readLimit {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, readLimit - bytes.count)) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw TimelineFileError(description: "\(option) \(path): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        if skipped, let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) { bytes.removeFirst(newline + 1) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `--journal`'s files as (node, text); with neither `--log` nor `--journal`, this node's
    /// journal when it is readable (none otherwise: a Heartbeat node has none).
    func readJournals() throws -> [(node: String, text: String)] {
        guard journals.isEmpty else {
            return try journals.map { spec in
                let (node, path) = Self.split(spec)
                return (node, try Self.readJournal(path))
            }
        }
        let path = DefaultPaths.stateDirectory + "/timeline.log"
        guard logs.isEmpty, access(path, R_OK) == 0 else { return [] }
        return [(CompatCommandLine.hostName, try Self.readJournal(path))]
    }

    /// A journal's text: its older generation (`PATH.1`, when there) first, then `PATH`.
    static func readJournal(_ path: String) throws -> String {
        let current = try read(path, what: "--journal")
        guard access(path + ".1", R_OK) == 0 else { return current }
        let older = try read(path + ".1", what: "--journal")
        return older.isEmpty || older.hasSuffix("\n") ? older + current : older + "\n" + current
    }

    /// This machine's zone offset and year, for ha-log's local, yearless stamps.
    static func localClock() -> TimelineClock {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return TimelineClock(utcOffsetSeconds: Int(parts.tm_gmtoff), year: Int(parts.tm_year) + 1900, now: Int64(now) * 1000)
    }

    /// `--since`: `30m`/`2h`/`1d`/`90s` ago, ISO-8601 UTC, or `YYYY-MM-DD HH:MM[:SS]` local.
    static func sinceTime(_ text: String, clock: TimelineClock) -> Int64? {
        if let iso = TimelineClock.iso8601(text) { return iso }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()),
            (0...36_500 * 86_400 / unit).contains(count)
        {
            return Int64(time(nil)) * 1000 - count * unit * 1000
        }
        let fields = text.split(whereSeparator: { "- :T".contains($0) }).map { Int($0) }
        guard (5...6).contains(fields.count), fields.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = fields.map { $0! }
        guard (1...12).contains(numbers[1]), (1...31).contains(numbers[2]), numbers[3] < 24, numbers[4] < 60,
            numbers.count == 5 || numbers[5] <= 60, (1970...9999).contains(numbers[0])
        else { return nil }
        let stamp = HALogTimestamp(
            year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4],
            second: numbers.count == 6 ? numbers[5] : 0)
        return clock.milliseconds(stamp)
    }
}

/// A file `haconsole timeline` could not use, naming the option, the file and why (exit 1, no
/// usage text: the command line was right).
struct TimelineFileError: Error, CustomStringConvertible {
    var description: String
}
