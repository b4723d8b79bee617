import Glibc
import HAHost
import HAProtocol

/// A non-blocking subscription to a daemon's control socket, driven by the console's poll loop.
///
/// It connects (and reconnects, at most once a second), subscribes, and turns each pushed line
/// into a snapshot. Actions are sent on the same connection and answered in order.
final class DaemonFeed {
    enum Connection: Equatable {
        case connecting
        case connected
        case unreachable(String)
    }

    let path: String
    private(set) var fd: Int32 = -1
    private(set) var connection: Connection = .connecting
    private var input: [UInt8] = []
    private var lastAttempt: MonotonicClockReading?
    private var nextID = 100
    /// Answers to requests other than the subscription, by id.
    private(set) var answers: [Int: ControlResponse] = [:]

    init(path: String) { self.path = path }

    deinit { if fd >= 0 { close(fd) } }

    /// Connects if not connected (rate-limited); returns true when connected.
    @discardableResult
    func ensureConnected(now: MonotonicClockReading) -> Bool {
        if fd >= 0 { return true }
        if let last = lastAttempt, now.milliseconds - last.milliseconds < 1000 { return false }
        lastAttempt = now
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8.prefix($0.count - 1)) + [0]) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else {
            connection = .unreachable("no daemon at \(path): \(String(cString: strerror(errno)))")
            close(socketFD)
            return false
        }
        _ = fcntl(socketFD, F_SETFL, fcntl(socketFD, F_GETFL) | O_NONBLOCK)
        fd = socketFD
        connection = .connected
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
        if fd < 0 || bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) != bytes.count {
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
                disconnect("the daemon closed the connection")
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
                } else if let id = response.id {
                    answers[id] = response
                }
            }
            input.removeSubrange(...newline)
        }
        return newest
    }

    func takeAnswer(_ id: Int) -> ControlResponse? { answers.removeValue(forKey: id) }

    func disconnect(_ reason: String) {
        if fd >= 0 { close(fd) }
        fd = -1
        connection = .unreachable(reason)
    }
}

/// A monotonic clock reading in milliseconds (the console's only clock type).
struct MonotonicClockReading: Sendable, Comparable {
    var milliseconds: Int64

    static func now() -> MonotonicClockReading { MonotonicClockReading(milliseconds: monotonicMilliseconds()) }

    static func < (a: Self, b: Self) -> Bool { a.milliseconds < b.milliseconds }
}
