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
/// its last error line is the reason. The node's ha-log is followed here (``LogTail``) or behind
/// `via` (``RemoteLogTail``, once the snapshot names it), and its DRBD state is read on a thread
/// of its own (``DRBDReader``).
final class DaemonFeed {
    let path: String
    /// The prefix that reaches the daemon's node; empty: the socket is here.
    let via: [String]
    /// How commands go behind `via` (made once: it prepares ssh's control directory).
    let prefix: CommandPrefix
    var bridge: SpawnedCommand?
    /// A bridge whose connection ended, waited for (at most until this instant) for its last words.
    var closingBridgeUntil: Int64?
    /// The far daemon's ha-log (its snapshot's `logfile`), followed behind `via` once known.
    private(set) var remoteLog: RemoteLogTail?
    /// This node's ha-log, when the socket is here and a log was given.
    private let localLog: LogTail?
    private let localLogPath: String?
    private var logPathReported = false
    /// The log's problem as last reported (``FeedInput/logProblem(_:)``).
    private var reportedLogProblem: String?
    /// How many lines of that log's end to show when it starts.
    let initialLogLines: Int
    private let drbdReader: DRBDReader?
    var fd: Int32 = -1
    var connection: FeedConnection = .connecting
    private var reportedConnection: FeedConnection?
    /// Bytes of an answer line not complete yet; ``scanned`` of them hold no newline.
    var input: [UInt8] = [] {
        didSet { if input.isEmpty { scanned = 0 } }
    }
    private var scanned = 0
    /// Longest answer line taken from a daemon (a snapshot of 64 nodes and 256 groups is about
    /// 200 KB); a longer one ends the connection instead of growing the console's memory.
    static let maxLineBytes = 16 << 20
    /// Bytes read per poll at most, so a flood cannot hold a frame: the rest waits for the next.
    static let readBudget = 1 << 20
    private var lastAttempt: MonotonicTime?
    /// Answers to requests other than the subscription, in the order they arrived.
    private var answers: [ControlResponse] = []

    init(path: String, via: [String] = [], log: String? = nil, drbd: DRBDSource = .none, initialLogLines: Int = 0) {
        self.path = path
        self.via = via
        prefix = CommandPrefix(via)
        self.initialLogLines = initialLogLines
        localLogPath = via.isEmpty ? log : nil
        localLog = localLogPath.map(LogTail.init(path:))
        drbdReader = drbd == .none ? nil : DRBDReader(source: drbd)
    }

    deinit {
        if fd >= 0 { close(fd) }
        bridge?.terminate()
    }

    /// Where the snapshots come from, for the header and `status`.
    var origin: String { via.isEmpty ? path : "hadaemon bridge via \(via.joined(separator: " "))" }

    /// Connects if not connected (rate-limited); returns true when connected, or while a bridge
    /// that ended is still being asked why.
    @discardableResult
    func ensureConnected(now: MonotonicTime) -> Bool {
        if fd >= 0 || closingBridgeUntil != nil { return true }
        if let last = lastAttempt, now.milliseconds - last.milliseconds < 1000 { return false }
        lastAttempt = now
        if !via.isEmpty { return startBridge() }
        let socketFD: Int32
        do {
            // Non-blocking from the start: a hung daemon with a full queue must not freeze the screen.
            socketFD = try ControlClient(path: path).connect(nonBlocking: true)
        } catch {
            connection = .unreachable(error.description)
            return false
        }
        fd = socketFD
        connection = .connected
        input = []
        send(ControlRequest(id: 1, op: .subscribe))
        return true
    }

    /// Sends a request under its own id (1 is the subscription's).
    func send(_ request: ControlRequest) {
        let bytes = ControlCodec.encode(request)
        // MSG_NOSIGNAL: a daemon that dropped this client (it stalled) must not kill the console.
        if fd < 0 || bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) != bytes.count {
            answers.append(.failure(id: request.id, ControlError(.internalError, "not connected to the daemon")))
        }
    }

    /// Reads what arrived; returns the newest snapshot pushed, if any. Never waits.
    func read() -> ClusterSnapshot? {
        finishClosingBridge(now: SystemClock.milliseconds())
        guard fd >= 0 else { return nil }
        var newest: ClusterSnapshot?
        var buffer = [UInt8](repeating: 0, count: 65536)
        var budget = Self.readBudget
        while budget > 0 {
            let n = Glibc.read(fd, &buffer, min(buffer.count, budget))
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) {
                connectionEnded()
                break
            }
            if n < 0 { break }
            input += buffer[0..<n]
            budget -= n
        }
        while let newline = input[scanned...].firstIndex(of: 0x0A) {
            let line = input[..<newline]
            if let response = try? ControlCodec.decodeResponse(line) {
                if response.id == 1, let snapshot = response.snapshot {
                    newest = snapshot
                    connection = .connected
                    if !via.isEmpty, remoteLog == nil, let logfile = snapshot.logfile {
                        remoteLog = RemoteLogTail(path: logfile, prefix: prefix, lastLines: initialLogLines)
                    }
                } else if response.id != 1 {
                    answers.append(response)
                }
            }
            input.removeSubrange(...newline)
            scanned = 0
        }
        scanned = input.count
        if input.count > Self.maxLineBytes {
            input = []
            disconnect("the daemon sent a line longer than \(Self.maxLineBytes) bytes")
        }
        return newest
    }

    func disconnect(_ reason: String) {
        if fd >= 0 { close(fd) }
        fd = -1
        connection = .unreachable(reason)
        closingBridgeUntil = nil
        bridge?.terminate()
        bridge = nil
    }
}

extension DaemonFeed: ClusterFeed {
    var watchedDescriptors: [Int32] {
        [fd, remoteLog?.fd ?? -1, drbdReader?.fd ?? -1].filter { $0 >= 0 }
    }

    func poll(now: MonotonicTime) -> [FeedInput] {
        var inputs: [FeedInput] = []
        ensureConnected(now: now)
        if let snapshot = read() { inputs.append(.snapshot(snapshot)) }
        if connection != reportedConnection {
            reportedConnection = connection
            inputs.append(.connection(connection))
        }
        inputs += answers.map(FeedInput.answer)
        answers = []
        let lines: [String]
        if let localLog {
            lines = logPathReported ? localLog.poll() : localLog.start(lastLines: initialLogLines)
        } else {
            lines = remoteLog?.poll() ?? []
        }
        let logPath = localLogPath ?? remoteLog?.path
        if !lines.isEmpty || (!logPathReported && logPath != nil) {
            logPathReported = true
            inputs.append(.log(path: logPath, lines: lines))
        }
        if let localLog, localLog.problem != reportedLogProblem {
            reportedLogProblem = localLog.problem
            inputs.append(.logProblem(localLog.problem))
        }
        if let reading = drbdReader?.poll(now: now.milliseconds) { inputs.append(.drbd(reading)) }
        return inputs
    }
}
