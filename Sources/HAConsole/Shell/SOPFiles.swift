#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The little file system access SOPs need: read a procedure, list `sop/` (the audit trail is
/// ``SOPAuditWriter``'s).
///
/// Plain POSIX calls, kept in the console's shell so that the SOP types stay free of I/O.
enum SOPFiles {
    /// The whole file at `path` as text (invalid UTF-8 decoded lossily).
    static func read(_ path: String) throws(SOPFileError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SOPFileError(path: path, errno: errno) }
        defer { close(fd) }
        guard let bytes = readAll(fd) else { throw SOPFileError(path: path, errno: errno) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The last `maxBytes` of the file at `path` as text, from the first whole line in them
    /// (all of it when it is shorter): an audit trail read at start never costs more than that.
    static func readTail(_ path: String, maxBytes: Int) throws(SOPFileError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SOPFileError(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SOPFileError(path: path, errno: errno) }
        let size = Int(info.st_size)
        let skip = max(0, size - max(0, maxBytes))
        if skip > 0 { guard lseek(fd, off_t(skip), SEEK_SET) >= 0 else { throw SOPFileError(path: path, errno: errno) } }
        guard var bytes = readAll(fd, limit: maxBytes) else { throw SOPFileError(path: path, errno: errno) }
        // Cut mid-line: drop the partial first line.
        if skip > 0, let newline = bytes.firstIndex(of: 10) { bytes.removeSubrange(...newline) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `path` names a folder (following links).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
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

/// Every byte up to end of file, or the first `limit`; nil on a read error (see `errno`).
private func readAll(_ fd: Int32, limit: Int = .max) -> [UInt8]? {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count >= 0 else { return nil }
        if count == 0 { return bytes }
        bytes += buffer[..<count]
        // A file that grows while it is read (a trail being appended to) stops at the limit.
        if bytes.count >= limit { return Array(bytes.prefix(limit)) }
    }
}

/// Writes all of `bytes` (one `write` unless interrupted or short); false on an error (see `errno`).
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
