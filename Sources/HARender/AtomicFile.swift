import Foundation

/// Writes a file so that readers see the old content or the new, never a torn one.
enum AtomicFile {
    /// Writes `text` to a temporary file beside `path` with `mode`, fsyncs it, then renames it over `path`.
    static func write(_ text: String, to path: String, mode: mode_t) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileProblem("\(temporary): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        fchmod(fd, mode)  // the umask must not widen or narrow what was asked
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                unlink(temporary)
                throw FileProblem("\(temporary): \(String(cString: strerror(errno)))")
            }
            written += n
        }
        fsync(fd)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw FileProblem("\(path): \(String(cString: strerror(errno)))")
        }
    }
}
