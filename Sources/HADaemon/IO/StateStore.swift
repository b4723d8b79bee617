import Glibc
import HAProtocol

/// The node's persistent identity in the state directory: its UUID and generation counter,
/// in Heartbeat's formats (spec §5.5) so the files read the same either way.
///
/// With `heartbeat`, Heartbeat's own state directory on the same node (`/var/lib/heartbeat`), the
/// node stays one node whichever daemon runs it: a first start takes Heartbeat's uuid, and the
/// generation rises past both files and is written to both. Peers drop a node whose generation
/// goes backwards (Heartbeat: `should_drop_message: attempted replay attack`), so without this a
/// node could not go back to Heartbeat after running hadaemon. A `heartbeat` directory that does
/// not exist is left alone (Heartbeat is not installed).
struct StateStore {
    let directory: String
    var heartbeat: String? = nil

    /// Where the uuid came from.
    enum UUIDOrigin: Equatable {
        case kept, created, heartbeat
    }

    /// Reads, increments and durably writes the generation before anything is sent: one past the
    /// higher of ours and Heartbeat's (``shareGeneration(_:)`` writes it to Heartbeat's). With neither file it starts from the current Unix time + 1,
    /// as Heartbeat does (`wasMissing`).
    func nextGeneration(wallSeconds: UInt64) throws -> (generation: UInt64, wasMissing: Bool) {
        try ensureDirectory()
        let stored = [directory, sharedHeartbeatDirectory].compactMap { $0 }.compactMap { folder in
            readFile(folder + "/hb_generation").flatMap { UInt64(String(decoding: $0, as: UTF8.self).trimmingBlanks()) }
        }
        let next = stored.max().map { $0 + 1 } ?? wallSeconds + 1
        try write(Self.generationFile(next), to: directory + "/hb_generation", mode: 0o644)
        return (next, stored.isEmpty)
    }

    /// Writes `generation` to Heartbeat's `hb_generation` too, so a Heartbeat started next goes on
    /// from it. A failure is the caller's to report: it need not stop this node from running.
    func shareGeneration(_ generation: UInt64) throws {
        guard let shared = sharedHeartbeatDirectory else { return }
        try write(Self.generationFile(generation), to: shared + "/hb_generation", mode: 0o644)
    }

    /// Heartbeat's `hb_generation`: the number right-aligned in 15 columns, then a newline.
    static func generationFile(_ generation: UInt64) -> [UInt8] {
        Array((String(repeating: " ", count: max(0, 15 - String(generation).count)) + String(generation) + "\n").utf8)
    }

    /// The 16-byte node UUID: ours, else Heartbeat's (copied), else generated once.
    func uuid() throws -> (bytes: [UInt8], origin: UUIDOrigin) {
        try ensureDirectory()
        let path = directory + "/hb_uuid"
        if let bytes = readFile(path), bytes.count == 16 { return (bytes, .kept) }
        if let shared = sharedHeartbeatDirectory, let bytes = readFile(shared + "/hb_uuid"), bytes.count == 16 {
            try write(bytes, to: path, mode: 0o600)
            return (bytes, .heartbeat)
        }
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        try write(bytes, to: path, mode: 0o600)
        return (bytes, .created)
    }

    /// `heartbeat` when it is a directory.
    var sharedHeartbeatDirectory: String? {
        guard let heartbeat else { return nil }
        var status = stat()
        return stat(heartbeat, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR ? heartbeat : nil
    }

    func ensureDirectory() throws {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw DaemonError("cannot create state directory \(directory): \(String(cString: strerror(errno)))")
        }
    }

    /// The file's bytes; nil when it cannot be read or holds more than `limit` bytes (both files
    /// are a few bytes: anything larger is not ours, and is not read into memory).
    func readFile(_ path: String, limit: Int = 4096) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while result.count <= limit {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        return result.count <= limit ? result : nil
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
