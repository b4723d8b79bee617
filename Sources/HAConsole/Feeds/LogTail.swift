import Glibc

/// Follows an ha-log file like `tail -F`: the last lines first, read from the END of the file
/// (the cost does not grow with the file), then new lines as they are written, across rotation
/// (a new inode at the path) and truncation.
final class LogTail {
    let path: String
    private var fd: Int32 = -1
    private var inode: UInt64 = 0
    private var offset: Int64 = 0
    private var partial: [UInt8] = []
    /// Set when the file could not be opened, for the header.
    private(set) var problem: String?

    init(path: String) {
        self.path = path
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Opens the file and returns up to `count` of its last complete lines.
    func start(lastLines count: Int) -> [String] {
        guard open(fromEnd: true) else { return [] }
        var size = stat()
        fstat(fd, &size)
        var collected: [UInt8] = []
        var position = Int64(size.st_size)
        let chunk = Int64(64 * 1024)
        // Read backwards until enough newlines are in hand (or the start of the file).
        var newlines = 0
        while position > 0 && newlines <= count {
            let length = min(chunk, position)
            position -= length
            var buffer = [UInt8](repeating: 0, count: Int(length))
            let n = pread(fd, &buffer, Int(length), off_t(position))
            if n <= 0 { break }
            newlines += buffer[0..<n].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            collected.insert(contentsOf: buffer[0..<n], at: 0)
            if collected.count > 8 << 20 { break }  // lines absurdly long: stop at 8 MiB
        }
        offset = Int64(size.st_size)
        var lines = split(collected, keepPartial: false)
        if position > 0, !lines.isEmpty { lines.removeFirst() }  // the first may be cut
        return Array(lines.suffix(count))
    }

    /// New complete lines since the last call; reopens after rotation or truncation.
    func poll() -> [String] {
        if fd < 0 {
            guard open(fromEnd: false) else { return [] }
        }
        var info = stat()
        if stat(path, &info) == 0, UInt64(info.st_ino) != inode {
            // Rotated: drain what is left of the old file, then follow the new one from its start.
            var lines = readAvailable()
            close(fd)
            fd = -1
            if open(fromEnd: false) { lines += readAvailable() }
            return lines
        }
        var current = stat()
        fstat(fd, &current)
        if Int64(current.st_size) < offset {  // truncated in place (copytruncate)
            offset = 0
            partial = []
        }
        return readAvailable()
    }

    private func readAvailable() -> [String] {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = pread(fd, &buffer, buffer.count, off_t(offset))
            if n <= 0 { break }
            collected += buffer[0..<n]
            offset += Int64(n)
            if collected.count > 16 << 20 { break }  // catch up in bounded steps
        }
        return split(partial + collected, keepPartial: true)
    }

    private func split(_ bytes: [UInt8], keepPartial: Bool) -> [String] {
        var lines: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index + 1
        }
        if keepPartial { partial = Array(bytes[start...]) }
        return lines
    }

    private func open(fromEnd: Bool) -> Bool {
        fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            problem = "cannot read \(path): \(String(cString: strerror(errno)))"
            return false
        }
        problem = nil
        var info = stat()
        fstat(fd, &info)
        inode = UInt64(info.st_ino)
        offset = fromEnd ? Int64(info.st_size) : 0
        partial = []
        return true
    }
}
