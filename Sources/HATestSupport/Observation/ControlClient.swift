import Glibc
import HAHost
import HAProtocol

/// A minimal client for the daemon's control socket (docs/control-api.md): one request line
/// out, one answer line back, over a Unix stream socket, with a deadline on every step.
enum ControlClient {
    /// Connects to `socketPath`, sends `request` (a newline is added if missing) and returns the
    /// first line of the answer without its newline.
    static func request(socketPath: String, _ request: String, timeout: Duration = .seconds(2)) throws -> String {
        func failure(_ problem: String) -> HarnessError { .control(socket: socketPath, problem: problem) }
        let fd: Int32
        do {
            fd = try UnixSocket.connect(socketPath, receiveTimeout: timeout, sendTimeout: timeout)
        } catch {
            guard error.call == "connect" else { throw HarnessError.system(call: "socket(AF_UNIX)", errno: error.errno) }
            throw failure(error.errno == ENAMETOOLONG ? "path longer than sun_path" : error.description)
        }
        defer { close(fd) }

        let line = Array((request.hasSuffix("\n") ? request : request + "\n").utf8)
        var sent = 0
        while sent < line.count {
            let count = line[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw failure("send: \(String(cString: strerror(errno)))") }
            sent += count
        }

        let deadline = SystemClock.now() + timeout
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !answer.contains(UInt8(ascii: "\n")) {
            guard SystemClock.now() < deadline else { throw failure("no complete answer line within \(timeout)") }
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
