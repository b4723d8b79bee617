import Glibc
import HAProtocol

/// The node's persistent identity in the state directory: its UUID and generation counter,
/// in Heartbeat's formats (spec §5.5) so the files read the same either way.
struct StateStore {
    let directory: String

    /// Reads, increments and durably writes the generation before anything is sent.
    /// A missing or unreadable file starts from the current Unix time + 1, as Heartbeat does.
    func nextGeneration(wallSeconds: UInt64) throws -> (generation: UInt64, wasMissing: Bool) {
        try ensureDirectory()
        let path = directory + "/hb_generation"
        let previous = readFile(path).flatMap { UInt64(String(decoding: $0, as: UTF8.self).trimmingBlanks()) }
        let next = previous.map { $0 + 1 } ?? wallSeconds + 1
        let text = String(repeating: " ", count: max(0, 15 - String(next).count)) + String(next) + "\n"
        try write(Array(text.utf8), to: path, mode: 0o644)
        return (next, previous == nil)
    }

    /// The 16-byte node UUID, generated once.
    func uuid() throws -> (bytes: [UInt8], created: Bool) {
        try ensureDirectory()
        let path = directory + "/hb_uuid"
        if let bytes = readFile(path), bytes.count == 16 { return (bytes, false) }
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        try write(bytes, to: path, mode: 0o600)
        return (bytes, true)
    }

    func ensureDirectory() throws {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw DaemonError("cannot create state directory \(directory): \(String(cString: strerror(errno)))")
        }
    }

    func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        return result
    }

    /// Write to a temporary file, fsync, rename: a crash leaves the old or the new content.
    func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        let temporary = path + ".new"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw DaemonError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            throw DaemonError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A fatal start-up or I/O problem, printed as one line.
struct DaemonError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension String {
    func trimmingBlanks() -> String {
        String(drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" }).reversed())
    }
}
