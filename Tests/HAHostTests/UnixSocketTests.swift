import Glibc
import HAHost
import Testing

@Suite("UnixSocket: the one client connect")
struct UnixSocketTests {
    @Test("connects to a listening socket")
    func connects() throws {
        var template = Array("/tmp/hahost-socket-XXXXXX".utf8CString)
        let directory = String(cString: try #require(mkdtemp(&template)))
        let path = directory + "/s.sock"
        defer {
            unlink(path)
            rmdir(directory)
        }
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = try #require(UnixSocket.address(path))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0 && listen(listener, 1) == 0)
        let fd = try UnixSocket.connect(path, receiveTimeout: .milliseconds(10))
        defer { close(fd) }
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        var byte: UInt8 = 0
        // Nothing is sent: the receive timeout ends the read.
        #expect(read(fd, &byte, 1) == -1 && errno == EAGAIN)
    }

    @Test("a missing socket and an over-long path are failures with their errno")
    func failures() {
        #expect(throws: UnixSocket.Failure(call: "connect", errno: ENOENT)) {
            try UnixSocket.connect("/nonexistent/hahost.sock")
        }
        let long = "/tmp/" + String(repeating: "x", count: 200)
        #expect(UnixSocket.address(long) == nil)
        #expect(throws: UnixSocket.Failure(call: "connect", errno: ENAMETOOLONG)) { try UnixSocket.connect(long) }
    }
}
