import Glibc
import HAHost
import HAProtocol

/// The control socket: newline-delimited JSON over a Unix stream socket (docs/control-api.md).
///
/// Non-blocking and driven by the daemon's poll loop, one bounded turn per iteration
/// (``turn(ready:at:answer:)``), so no client can hold the node longer than a slice of a
/// keepalive: requests are read and answered a few at a time per client and within a time
/// budget per turn, the rest waits for the next turn (``hasPendingWork`` asks the loop not to
/// sleep meanwhile). Clients are admitted by ``ClientAdmission`` (a reserve for root), idle ones
/// closed after ``Limits/idleTimeout``, and what each is owed is a ``ClientOutbox`` (bounded,
/// snapshots coalesced, stalled readers dropped), with a bound on all of them together.
final class ControlServer {
    /// Every bound of the socket in one place (documented in docs/control-api.md).
    struct Limits: Sendable {
        var admission = ClientAdmission.Limits()
        var outbox = ClientOutbox.Limits()
        /// What all clients together may have waiting to be written.
        var maxTotalOutput = 16 << 20
        /// A client that is not subscribed and sent no complete request for this long is closed.
        var idleTimeout: Duration = .seconds(10)
        /// Bytes read from one client per turn (in reads of 16 KiB).
        var readPerTurn = 64 * 1024
        /// Bytes looked at for newlines per client per turn.
        var scanPerTurn = 64 * 1024
        /// Requests answered per client per turn: few, so that when many clients pipeline
        /// requests a newcomer waits for one short round, not for each of them to be served.
        var requestsPerTurn = 2
        /// Time the control socket may take in one turn of the loop, all clients together.
        var turnBudget: Duration = .milliseconds(10)
        /// Connections accepted per turn.
        var acceptsPerTurn = 64
    }

    /// One connected client.
    final class Client {
        let fd: Int32
        let credentials: PeerCredentials?
        var framer = RequestFramer(maxLineBytes: ControlCodec.maxLineBytes)
        var outbox: ClientOutbox
        /// The id of its `subscribe` request, when it subscribed.
        var subscription: Int?
        /// When it connected or last sent a complete request.
        var lastRequestAt: MonotonicTime
        /// It closed its side (or broke the protocol): answer what it sent, then close.
        var inputClosed = false

        init(fd: Int32, credentials: PeerCredentials?, outbox: ClientOutbox.Limits, at now: MonotonicTime) {
            self.fd = fd
            self.credentials = credentials
            self.outbox = ClientOutbox(limits: outbox)
            lastRequestAt = now
        }

        var isRoot: Bool { credentials?.uid == 0 }

        /// Requests it sent may wait in the framer: answer them in a later turn.
        var hasPendingWork: Bool { framer.hasUnscanned && !outbox.isFull }

        /// Nothing going on: not subscribed, no request waiting or being answered.
        var isIdle: Bool { subscription == nil && !framer.hasUnscanned && outbox.isEmpty }

        /// Whether to poll for more input: not while its requests or answers pile up.
        var wantsInput: Bool { !inputClosed && framer.buffered <= ControlCodec.maxLineBytes && !outbox.isFull }
    }

    let path: String
    let listenFD: Int32
    let limits: Limits
    var clients: [Int32: Client] = [:]
    /// The group whose members may change things, when it exists.
    let changeGroup: UInt32?
    /// The last client served in a turn that ran out of budget; the next turn starts after it.
    var cursor: Int32 = -1
    /// One read buffer for all clients.
    var scratch = [UInt8](repeating: 0, count: 16384)

    init(path: String, groupName: String = "haclient", limits: Limits = Limits()) throws {
        self.path = path
        self.limits = limits
        changeGroup = PeerCredentials.groupID(named: groupName)
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !directory.isEmpty { mkdir(directory, 0o755) }
        if Self.isInUse(path) { throw DaemonError("control socket \(path) is in use: is another hadaemon running?") }
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonError("cannot create the control socket: \(String(cString: strerror(errno)))") }
        guard var address = UnixSocket.address(path) else {
            close(fd)
            throw DaemonError("cannot listen on \(path): the path is longer than a Unix socket address holds")
        }
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

    /// True when something accepts connections on `path` (a live daemon); a stale file is not.
    static func isInUse(_ path: String) -> Bool {
        guard let fd = try? UnixSocket.connect(path) else { return false }
        close(fd)
        return true
    }

    /// Some client has requests buffered that a turn did not reach: the loop must not sleep.
    var hasPendingWork: Bool { clients.values.contains { $0.hasPendingWork } }

    var subscribers: [(fd: Int32, id: Int)] { clients.values.compactMap { c in c.subscription.map { (c.fd, $0) } } }

    func subscribe(_ fd: Int32, id: Int) { clients[fd]?.subscription = id }

    func disconnect(_ fd: Int32) {
        guard clients.removeValue(forKey: fd) != nil else { return }
        close(fd)
    }

    /// Descriptors to poll: the listener, each client for input while it may send more, and for
    /// output while it is owed some.
    var pollDescriptors: [pollfd] {
        var result = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)]
        for client in clients.values {
            let events = (client.wantsInput ? Int16(POLLIN) : 0) | (client.outbox.isEmpty ? 0 : Int16(POLLOUT))
            result.append(pollfd(fd: client.fd, events: events, revents: 0))
        }
        return result
    }
}
