import Glibc

/// ha-log files of a given size for the first-frame figures: real-looking Heartbeat lines (both
/// line shapes), repeated, and a last line carrying ``endMarker`` so that the first frame can be
/// seen to hold the END of the file.
enum SyntheticLog {
    static let endMarker = "END-OF-LOG-MARKER"

    static let lines = [
        "Nov 22 03:04:51 alpha heartbeat: [25506]: info: Link bravo:hb0 up.",
        "Nov 22 03:04:51 alpha heartbeat: [25506]: info: Status update for node bravo: status active",
        "Nov 22 03:04:52 alpha heartbeat: [25506]: WARN: Late heartbeat: Node bravo: interval 2110 ms",
        "2026/11/22_03:04:52  ResourceManager(default)[32732]:    info: Acquiring resource group: alpha IPaddr2::192.0.2.100/24/hb0 hbdummy",
        "2026/11/22_03:04:52  IPaddr2(IPaddr2_192.0.2.100)[32801]:    INFO: Success",
        "Nov 22 03:04:53 alpha heartbeat: [25506]: info: Initial resource acquisition complete (T_RESOURCES(us))",
    ]

    /// Writes `bytes` bytes (whole lines; the block is written `bytes / 1 MiB` times for big
    /// files, so 1 GiB takes seconds) to `path`, fsyncs it, and returns the size written.
    @discardableResult
    static func write(_ path: String, bytes: Int) throws -> Int {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ConsoleBenchError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let last = Array("Nov 22 03:04:59 alpha heartbeat: [25506]: info: \(endMarker) of the synthetic ha-log\n".utf8)
        let blockSize = min(bytes, 1 << 20)
        let block = Self.block(size: blockSize)
        var written = 0
        for _ in 0..<(bytes / blockSize) {
            let count = block.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard count == block.count else { throw ConsoleBenchError("short write to \(path): \(String(cString: strerror(errno)))") }
            written += count
        }
        written += last.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        fsync(fd)  // no writeback competing with the measurements
        return written
    }

    /// Whole lines, in turn, padded with spaces in the last line to exactly `size` bytes.
    private static func block(size: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var index = 0
        while true {
            let line = Array((lines[index % lines.count] + "\n").utf8)
            guard bytes.count + line.count <= size else { break }
            bytes += line
            index += 1
        }
        if bytes.count < size, let newline = bytes.indices.last {
            bytes.removeLast()
            bytes += [UInt8](repeating: 0x20, count: size - newline - 1) + [0x0A]
        }
        return bytes
    }
}
