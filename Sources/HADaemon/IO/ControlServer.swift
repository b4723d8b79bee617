import Glibc
import HAProtocol

/// The control socket: newline-delimited JSON over a Unix stream socket (docs/control-api.md).
///
/// Non-blocking and driven by the daemon's poll loop, so a slow or hostile client can never
/// stall the node: lines are capped at 64 KiB, each client's unsent output at 4 MiB (then it is
/// dropped), and at most 128 clients are served at once.
final class ControlServer {
    struct Client {
        var fd: Int32
        var credentials: PeerCredentials?
        var input: [UInt8] = []
        var output: [UInt8] = []
        /// The id of its `subscribe` request, when it subscribed.
        var subscription: Int?
        var closeWhenFlushed = false
    }

    static let maxClients = 128
    static let maxOutput = 4 << 20

    let path: String
    let listenFD: Int32
    private(set) var clients: [Int32: Client] = [:]
    /// The group whose members may change things, when it exists.
    let changeGroup: UInt32?

    init(path: String, groupName: String = "haclient") throws {
        self.path = path
        changeGroup = PeerCredentials.groupID(named: groupName)
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !directory.isEmpty { mkdir(directory, 0o755) }
        if Self.isInUse(path) { throw DaemonError("control socket \(path) is in use: is another hadaemon running?") }
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonError("cannot create the control socket: \(String(cString: strerror(errno)))") }
        var address = Self.address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw DaemonError("cannot listen on \(path): \(String(cString: strerror(errno)))")
        }
        chmod(path, 0o660)
        if let group = changeGroup { chown(path, 0, group) }
        listenFD = fd
    }

    deinit {
        for client in clients.values { close(client.fd) }
        close(listenFD)
        unlink(path)
    }

    static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes + [0])
        }
        return address
    }

    /// True when something accepts connections on `path` (a live daemon); a stale file is not.
    static func isInUse(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        var address = address(path)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    /// Accepts every waiting connection.
    func acceptClients() {
        while true {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 { return }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            var client = Client(fd: fd, credentials: PeerCredentials(fd: fd))
            if clients.count >= Self.maxClients {
                client.output = ControlCodec.encode(.failure(id: nil, ControlError(.busy, "too many control clients")))
                client.closeWhenFlushed = true
                flush(&client)
                close(fd)
                continue
            }
            clients[fd] = client
        }
    }

    /// Reads what a client sent and returns its complete request lines, or errors to answer.
    func readRequests(from fd: Int32) -> [(line: [UInt8], credentials: PeerCredentials?)] {
        guard var client = clients[fd] else { return [] }
        var buffer = [UInt8](repeating: 0, count: 16384)
        var lines: [(line: [UInt8], credentials: PeerCredentials?)] = []
        readLoop: while true {
            let count = read(fd, &buffer, buffer.count)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
                disconnect(fd)
                return lines
            }
            if count < 0 { break readLoop }
            client.input += buffer[0..<count]
            while let newline = client.input.firstIndex(of: 0x0A) {
                lines.append((Array(client.input[..<newline]), client.credentials))
                client.input.removeSubrange(...newline)
            }
            if client.input.count > ControlCodec.maxLineBytes {
                client.input = []
                client.output += ControlCodec.encode(
                    .failure(id: nil, ControlError(.tooLarge, "request longer than \(ControlCodec.maxLineBytes) bytes")))
                client.closeWhenFlushed = true
                break readLoop
            }
        }
        clients[fd] = client
        flushClient(fd)
        return lines
    }

    func respond(to fd: Int32, _ response: ControlResponse) {
        guard clients[fd] != nil else { return }
        clients[fd]!.output += ControlCodec.encode(response)
        flushClient(fd)
    }

    func subscribe(_ fd: Int32, id: Int) { clients[fd]?.subscription = id }

    var subscribers: [(fd: Int32, id: Int)] { clients.values.compactMap { c in c.subscription.map { (c.fd, $0) } } }

    /// Writes what the client can take now; drops a client that lets too much pile up.
    func flushClient(_ fd: Int32) {
        guard var client = clients[fd] else { return }
        flush(&client)
        if client.output.count > Self.maxOutput || (client.closeWhenFlushed && client.output.isEmpty) || client.fd < 0 {
            disconnect(fd)
            return
        }
        clients[fd] = client
    }

    private func flush(_ client: inout Client) {
        while !client.output.isEmpty {
            let written = client.output.withUnsafeBytes { write(client.fd, $0.baseAddress, $0.count) }
            if written <= 0 {
                if errno != EAGAIN && errno != EINTR {
                    client.output = []
                    client.closeWhenFlushed = true
                }
                return
            }
            client.output.removeFirst(written)
        }
    }

    func disconnect(_ fd: Int32) {
        guard clients.removeValue(forKey: fd) != nil else { return }
        close(fd)
    }

    /// Descriptors to poll: the listener, every client for input, and those with output pending.
    var pollDescriptors: [pollfd] {
        var result = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)]
        for client in clients.values {
            result.append(pollfd(fd: client.fd, events: Int16(POLLIN) | (client.output.isEmpty ? 0 : Int16(POLLOUT)), revents: 0))
        }
        return result
    }
}
