#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The little file system access SOPs need: read a procedure, list `sop/`, append to the trail.
///
/// Plain POSIX calls, so the pure types stay free of I/O and this file is the only one to audit.
enum SOPFiles {
    /// The whole file at `path` as text (invalid UTF-8 decoded lossily).
    static func read(_ path: String) throws(SOPFileError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SOPFileError(path: path, errno: errno) }
        defer { close(fd) }
        guard let bytes = readAll(fd) else { throw SOPFileError(path: path, errno: errno) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The paths of the `*.sop` files in `directory`, sorted by name.
    static func procedures(in directory: String) throws(SOPFileError) -> [String] {
        guard let dir = opendir(directory) else { throw SOPFileError(path: directory, errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".sop") && !name.hasPrefix(".") { names.append(name) }
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return names.sorted().map { prefix + $0 }
    }
}

/// Every byte up to end of file; nil on a read error (see `errno`).
private func readAll(_ fd: Int32) -> [UInt8]? {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count >= 0 else { return nil }
        if count == 0 { return bytes }
        bytes += buffer[..<count]
    }
}

/// Writes all of `bytes` (one `write` unless interrupted or short); false on an error (see `errno`).
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

/// A file that could not be read or written, with the system's reason.
struct SOPFileError: Error, Hashable, Sendable, CustomStringConvertible {
    var path: String
    var reason: String

    init(path: String, errno code: Int32) {
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    var description: String { "\(path): \(reason)" }
}

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

/// Who runs the console, for `run_started`: the person behind sudo if any, else the login.
enum SOPOperatorIdentity {
    /// `SUDO_USER`, `USER` or `LOGNAME` from the environment, else the uid's passwd name, else `uid N`.
    static func currentUser() -> String {
        for name in ["SUDO_USER", "USER", "LOGNAME"] {
            if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty { return value }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    /// This machine's host name (`gethostname`).
    static func currentHost() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
