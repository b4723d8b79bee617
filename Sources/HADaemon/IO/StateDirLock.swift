import Glibc

/// One daemon per node: an exclusive `flock` on `hadaemon.lock` in the state directory, held for
/// the life of the process.
///
/// Heartbeat locks a pid file at start (spec §4.3 step 1); without a lock two daemons given the
/// same state directory and different control sockets both ran the node's resources. Contract:
/// - ``acquire(directory:)`` takes the lock without waiting, before the caller writes any state,
///   binds a socket or touches a resource; it then writes this pid as text (`1234\n`).
/// - A lock already held throws ``DaemonError`` naming the holder's pid (as the file says) and
///   the lock's path; a state directory that cannot be created or written throws too.
/// - The descriptor is close-on-exec, so resource scripts and the daemons they start never
///   inherit it (an inherited `flock` would outlive the daemon and refuse its restart).
/// - The kernel drops the lock when the process ends, however it ends: after SIGKILL the next
///   start succeeds without cleanup. The file itself is left in place.
final class StateDirLock {
    /// The lock file.
    let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    static let fileName = "hadaemon.lock"

    /// Locks `directory` (created if missing) for this process, or says who holds it.
    static func acquire(directory: String, pid: pid_t = getpid()) throws -> StateDirLock {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw DaemonError("cannot create state directory \(directory): \(String(cString: strerror(errno)))")
        }
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw DaemonError("cannot open the state lock \(path): \(String(cString: strerror(errno)))") }
        var locked = flock(fd, LOCK_EX | LOCK_NB)
        while locked != 0 && errno == EINTR { locked = flock(fd, LOCK_EX | LOCK_NB) }
        guard locked == 0 else {
            let reason = errno
            let holder = readHolder(fd)
            close(fd)
            guard reason == EWOULDBLOCK else { throw DaemonError("cannot lock \(path): \(String(cString: strerror(reason)))") }
            throw DaemonError(
                "another hadaemon (pid \(holder.map(String.init) ?? "unknown")) holds \(path): one daemon per node and state"
                    + " directory; stop that one first")
        }
        let text = Array("\(pid)\n".utf8)
        let written = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == text.count, ftruncate(fd, off_t(text.count)) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw DaemonError("cannot write the state lock \(path): \(reason)")
        }
        return StateDirLock(path: path, fd: fd)
    }

    /// The pid the holder wrote, if the file holds one (it may be between its lock and its write).
    private static func readHolder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count].prefix { $0 != 0x0A }, as: UTF8.self)
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
