import Glibc

/// A minimal client for the daemon's control socket (docs/control-api.md): one request line
/// out, one answer line back, over a Unix stream socket, with a deadline on every step.
enum ControlClient {
    /// Connects to `socketPath`, sends `request` (a newline is added if missing) and returns the
    /// first line of the answer without its newline.
    static func request(socketPath: String, _ request: String, timeout: Duration = .seconds(2)) throws -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HarnessError.system(call: "socket(AF_UNIX)", errno: errno) }
        defer { close(fd) }
        func failure(_ problem: String) -> HarnessError { .control(socket: socketPath, problem: problem) }

        var timeval = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        if timeval.tv_sec == 0 && timeval.tv_usec == 0 { timeval.tv_usec = 1000 }
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeval, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { throw failure("path longer than sun_path") }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw failure("connect: \(String(cString: strerror(errno)))") }

        let line = Array((request.hasSuffix("\n") ? request : request + "\n").utf8)
        var sent = 0
        while sent < line.count {
            let count = line[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw failure("send: \(String(cString: strerror(errno)))") }
            sent += count
        }

        let deadline = ContinuousClock.now + timeout
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !answer.contains(UInt8(ascii: "\n")) {
            guard ContinuousClock.now < deadline else { throw failure("no complete answer line within \(timeout)") }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { throw failure("closed after \(answer.count) bytes without a newline") }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno == EAGAIN ? "no answer within \(timeout)" : "recv: \(String(cString: strerror(errno)))")
            }
            answer += buffer[0..<count]
        }
        return String(decoding: answer.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }
}
