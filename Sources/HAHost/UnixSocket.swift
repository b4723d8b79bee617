import Glibc

/// Client side of a Unix stream socket: the one `connect` every program here uses to reach a
/// daemon's control socket (the command-line tools, the console, the harness, the benchmark).
public enum UnixSocket {
    /// Why a connection could not be made: the call that failed and its errno.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// `socket` or `connect`.
        public var call: String
        public var errno: Int32
        public var description: String { "\(call): \(String(cString: strerror(errno)))" }

        public init(call: String, errno: Int32) {
            self.call = call
            self.errno = errno
        }
    }

    /// The address of `path`; nil when the path (with its terminating NUL) does not fit `sun_path`.
    public static func address(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes + [0]) }
        return address
    }

    /// A new blocking, close-on-exec stream socket connected to `path`, the caller's to close.
    ///
    /// - Parameters:
    ///   - receiveTimeout: `SO_RCVTIMEO` (a read that waits longer fails with EAGAIN); nil waits.
    ///   - sendTimeout: `SO_SNDTIMEO`, applied before connecting; nil waits.
    ///   - nonBlocking: the socket is non-blocking from the start, so the connect itself never
    ///     waits: a listener whose queue is full (a hung daemon) fails at once with `EAGAIN`
    ///     (a Unix-socket connect completes or fails; it is never in progress).
    public static func connect(
        _ path: String, receiveTimeout: Duration? = nil, sendTimeout: Duration? = nil, nonBlocking: Bool = false
    ) throws(Failure) -> Int32 {
        let flags = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | (nonBlocking ? Int32(SOCK_NONBLOCK.rawValue) : 0)
        let fd = socket(AF_UNIX, flags, 0)
        guard fd >= 0 else { throw Failure(call: "socket", errno: errno) }
        if let receiveTimeout { setTimeout(fd, SO_RCVTIMEO, receiveTimeout) }
        if let sendTimeout { setTimeout(fd, SO_SNDTIMEO, sendTimeout) }
        guard var address = address(path) else {
            close(fd)
            throw Failure(call: "connect", errno: ENAMETOOLONG)
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw Failure(call: "connect", errno: code)
        }
        return fd
    }

    /// Sets a socket timeout; a zero duration would mean "wait forever", so it becomes 1 ms.
    private static func setTimeout(_ fd: Int32, _ option: Int32, _ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(max(0, seconds)), tv_usec: Int(max(0, attoseconds / 1_000_000_000_000)))
        if value.tv_sec == 0 && value.tv_usec == 0 { value.tv_usec = 1000 }
        setsockopt(fd, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }
}
