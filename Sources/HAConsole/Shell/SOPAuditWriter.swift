#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends audit records to the trail: `O_APPEND`, one `write` per line, `fsync` before returning.
///
/// The file is opened for each append, so several consoles may share one trail and a rotated
/// trail is picked up at once; records from one call are never interleaved with another's lines.
struct SOPAuditWriter: Sendable {
    /// The trail's path; created (mode 0640) when missing.
    var path: String

    func append(_ records: [SOPAuditRecord]) throws(SOPFileError) {
        guard !records.isEmpty else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw SOPFileError(path: path, errno: errno) }
        defer { close(fd) }
        for record in records {
            guard writeAll(fd, Array((record.jsonLine + "\n").utf8)) else { throw SOPFileError(path: path, errno: errno) }
        }
        guard fsync(fd) == 0 else { throw SOPFileError(path: path, errno: errno) }
    }
}

private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var written = 0
    while written < bytes.count {
        let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return false }
        written += count
    }
    return true
}
