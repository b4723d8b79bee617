import Glibc
import HAHost
import HAProtocol

/// A non-blocking subscription to a daemon's control socket, driven by the console's poll loop.
///
/// It connects (and reconnects, at most once a second), subscribes, and turns each pushed line
/// into a snapshot. Actions are sent on the same connection and answered in order. With a `via`
/// prefix (`ssh root@alpha`) the socket is on the far side: `hadaemon bridge` runs there behind
/// the prefix, on one end of a socket pair, and the feed talks to the other end exactly as it
/// would to the socket; until the first answer it is still connecting, and when the bridge ends
/// its last error line is the reason.
final class DaemonFeed {
    enum Connection: Equatable {
        case connecting
        case connected
        case unreachable(String)
    }

    let path: String
    /// The prefix that reaches the daemon's node; empty: the socket is here.
    let via: [String]
    /// How commands go behind `via` (made once: it prepares ssh's control directory).
    private let prefix: CommandPrefix
    private var bridge: SpawnedCommand?
    /// The far daemon's ha-log (its snapshot's `logfile`), followed behind `via` once known.
    private(set) var remoteLog: RemoteLogTail?
    /// How many lines of that log's end to show when it starts.
    let initialLogLines: Int
    private(set) var fd: Int32 = -1
    private(set) var connection: Connection = .connecting
    private var input: [UInt8] = []
    private var lastAttempt: MonotonicTime?
    private var nextID = 100
    /// Answers to requests other than the subscription, by id.
    private(set) var answers: [Int: ControlResponse] = [:]

    init(path: String, via: [String] = [], initialLogLines: Int = 0) {
        self.path = path
        self.via = via
        prefix = CommandPrefix(via)
        self.initialLogLines = initialLogLines
    }

    deinit {
        if fd >= 0 { close(fd) }
        bridge?.terminate()
    }

    /// Where the snapshots come from, for the header and `status`.
    var origin: String { via.isEmpty ? path : "hadaemon bridge via \(via.joined(separator: " "))" }

    /// Connects if not connected (rate-limited); returns true when connected.
    @discardableResult
    func ensureConnected(now: MonotonicTime) -> Bool {
        if fd >= 0 { return true }
        if let last = lastAttempt, now.milliseconds - last.milliseconds < 1000 { return false }
        lastAttempt = now
        if !via.isEmpty { return startBridge() }
        let socketFD: Int32
        do {
            socketFD = try ControlClient(path: path).connect()
        } catch {
            connection = .unreachable(error.description)
            return false
        }
        _ = fcntl(socketFD, F_SETFL, fcntl(socketFD, F_GETFL) | O_NONBLOCK)
        fd = socketFD
        connection = .connected
        input = []
        send(ControlRequest(id: 1, op: .subscribe))
        return true
    }

    /// Starts `hadaemon bridge` behind `via` on one end of a socket pair and subscribes through it.
    private func startBridge() -> Bool {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            connection = .unreachable("socketpair: \(String(cString: strerror(errno)))")
            return false
        }
        // The bridge reads $HADAEMON_SOCKET there unless told; tell it only a path given here.
        let command = prefix.command(["hadaemon", "bridge"] + (path == SourceOptions.defaultSocket ? [] : ["--socket", path]))
        let started = SpawnedCommand(command, deadline: .max, limit: 1 << 16, standardIO: pair[1])
        close(pair[1])
        if case .notStarted(let why) = started.outcome {
            close(pair[0])
            connection = .unreachable("cannot run \(via.first ?? "?"): \(why)")
            return false
        }
        bridge = started
        fd = pair[0]
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        connection = .connecting
        input = []
        send(ControlRequest(id: 1, op: .subscribe))
        return true
    }

    /// Sends a request; returns its id (answers appear in ``answers``).
    @discardableResult
    func send(_ request: ControlRequest) -> Int {
        var request = request
        if request.id != 1 {
            nextID += 1
            request.id = nextID
        }
        let bytes = ControlCodec.encode(request)
        // MSG_NOSIGNAL: a daemon that dropped this client (it stalled) must not kill the console.
        if fd < 0 || bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) != bytes.count {
            answers[request.id] = .failure(id: request.id, ControlError(.internalError, "not connected to the daemon"))
        }
        return request.id
    }

    /// Reads what arrived; returns the newest snapshot pushed, if any.
    func read() -> ClusterSnapshot? {
        guard fd >= 0 else { return nil }
        var newest: ClusterSnapshot?
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) {
                disconnect(bridgeProblem() ?? "the daemon closed the connection")
                break
            }
            if n < 0 { break }
            input += buffer[0..<n]
        }
        while let newline = input.firstIndex(of: 0x0A) {
            let line = input[..<newline]
            if let response = try? ControlCodec.decodeResponse(line) {
                if response.id == 1, let snapshot = response.snapshot {
                    newest = snapshot
                    connection = .connected
                    if !via.isEmpty, remoteLog == nil, let logfile = snapshot.logfile {
                        remoteLog = RemoteLogTail(path: logfile, prefix: prefix, lastLines: initialLogLines)
                    }
                } else if let id = response.id {
                    answers[id] = response
                }
            }
            input.removeSubrange(...newline)
        }
        return newest
    }

    func takeAnswer(_ id: Int) -> ControlResponse? { answers.removeValue(forKey: id) }

    /// New lines of the far daemon's ha-log (none for a socket here: ``ConsoleApp`` tails that).
    func pollLog() -> [String] { remoteLog?.poll() ?? [] }

    func disconnect(_ reason: String) {
        if fd >= 0 { close(fd) }
        fd = -1
        connection = .unreachable(reason)
        bridge?.terminate()
        bridge = nil
    }

    /// The bridge's last line on stderr once it has ended (`Permission denied (publickey).`,
    /// `hadaemon bridge: cannot connect to hadaemon at …`), waiting at most 0.5 s for it to end.
    private func bridgeProblem() -> String? {
        guard let bridge else { return nil }
        let deadline = SystemClock.milliseconds() + 500
        while bridge.poll(now: SystemClock.milliseconds()) == nil, SystemClock.milliseconds() < deadline { usleep(5000) }
        let last = bridge.text.split(whereSeparator: \.isNewline).last.map(String.init)
        return last.map { "\(origin): \($0)" } ?? "\(origin) ended (\(String(describing: bridge.outcome)))"
    }
}
