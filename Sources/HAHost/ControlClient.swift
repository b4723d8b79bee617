import Glibc
import HAProtocol

/// A blocking client of the control socket, for the command line: one request, one answer.
struct ControlClient {
    let path: String
    /// How long to wait for the answer (cl_status gives up after 5 s).
    var timeout: Duration = .seconds(5)

    /// Sends `request` and returns the first answer line for it.
    func send(_ request: ControlRequest) throws -> ControlResponse {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonError("cannot create a socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = ControlServer.address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            throw DaemonError("cannot connect to hadaemon at \(path): \(String(cString: strerror(errno))) (is it running?)")
        }
        var tv = timeval(tv_sec: Int(timeout.milliseconds / 1000), tv_usec: Int((timeout.milliseconds % 1000) * 1000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let bytes = ControlCodec.encode(request)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else {
            throw DaemonError("cannot send to hadaemon: \(String(cString: strerror(errno)))")
        }
        var input: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let newline = input.firstIndex(of: 0x0A) {
                return try ControlCodec.decodeResponse(input[..<newline])
            }
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else {
                throw DaemonError(count == 0 ? "hadaemon closed the connection" : "no answer from hadaemon within \(timeout)")
            }
            input += buffer[0..<count]
        }
    }
}
