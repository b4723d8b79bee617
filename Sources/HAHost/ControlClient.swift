import Glibc
import HAProtocol

/// A blocking client of the control socket, for the command line: one request, one answer.
public struct ControlClient: Sendable {
    public let path: String
    /// How long to wait for the answer (cl_status gives up after 5 s).
    public var timeout: Duration

    public init(path: String, timeout: Duration = .seconds(5)) {
        self.path = path
        self.timeout = timeout
    }

    /// A connection to the daemon's socket, the caller's to use and close (the console's feed,
    /// `hadaemon bridge`); with `nonBlocking` neither the connect nor later reads and writes wait.
    public func connect(nonBlocking: Bool = false) throws(ControlClientError) -> Int32 {
        do {
            return try UnixSocket.connect(path, nonBlocking: nonBlocking)
        } catch {
            let reason = String(cString: strerror(error.errno))
            guard error.call == "connect" else { throw ControlClientError("cannot create a socket: \(reason)") }
            if error.errno == EACCES || error.errno == EPERM {
                throw ControlClientError(
                    "permission denied on \(path): run this as root or as a member of the socket's group", systemError: error.errno)
            }
            if error.errno == EAGAIN {
                throw ControlClientError(
                    "hadaemon at \(path) accepts no connection: its queue is full (is it hung?)", systemError: error.errno)
            }
            throw ControlClientError("cannot connect to hadaemon at \(path): \(reason) (is it running?)", systemError: error.errno)
        }
    }

    /// Sends `request` and returns the first answer line for it.
    public func send(_ request: ControlRequest) throws(ControlClientError) -> ControlResponse {
        let fd = try connect()
        defer { close(fd) }
        let (seconds, attoseconds) = timeout.components
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        // MSG_NOSIGNAL: a daemon that refuses the connection (too many clients) closes it, and a
        // plain write would kill this process with SIGPIPE before it could read why.
        let bytes = ControlCodec.encode(request)
        var sent = 0
        var sendError: Int32?
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                sendError = errno
                break
            }
            sent += count
        }
        var input: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let newline = input.firstIndex(of: 0x0A) {
                do {
                    return try ControlCodec.decodeResponse(input[..<newline])
                } catch {
                    throw ControlClientError("hadaemon sent an answer this client cannot read: \(error)")
                }
            }
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                // What the daemon said before it closed (a refusal) was read above; this is all.
                if let sendError {
                    throw ControlClientError("cannot send to hadaemon at \(path): \(String(cString: strerror(sendError)))", systemError: sendError)
                }
                throw ControlClientError(count == 0 ? "hadaemon closed the connection" : "no answer from hadaemon within \(timeout)")
            }
            input += buffer[0..<count]
        }
    }
}

/// Why a request got no answer, in one line for the operator.
public struct ControlClientError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// The errno of the failed system call, when one failed (`EACCES`: no permission on the socket).
    public var systemError: Int32?

    public init(_ description: String, systemError: Int32? = nil) {
        self.description = description
        self.systemError = systemError
    }

    /// The socket exists but this user may not connect to it.
    public var isPermissionDenied: Bool { systemError == EACCES || systemError == EPERM }
}
