import Glibc
import HAHost
import HAProtocol

extension DaemonFeed {
    /// How long a bridge whose connection ended may take to exit and say why, polled each frame.
    static let bridgeGrace: Int64 = 500

    /// Starts `hadaemon bridge` behind `via` on one end of a socket pair and subscribes through it.
    func startBridge() -> Bool {
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

    /// The connection ended: a socket here is unreachable at once; a bridge is given
    /// ``bridgeGrace`` to exit so that its last line on stderr (`Permission denied (publickey).`,
    /// `hadaemon bridge: cannot connect to hadaemon at …`) can be the reason. The wait is polled
    /// by ``read()``, never slept through.
    func connectionEnded() {
        if fd >= 0 { close(fd) }
        fd = -1
        guard bridge != nil else {
            disconnect("the daemon closed the connection")
            return
        }
        closingBridgeUntil = SystemClock.milliseconds() + Self.bridgeGrace
        finishClosingBridge(now: SystemClock.milliseconds())
    }

    /// Once the ended bridge has exited, or its grace is over: unreachable, with its last words.
    func finishClosingBridge(now: Int64) {
        guard let until = closingBridgeUntil, let bridge else { return }
        guard bridge.poll(now: now) != nil || now >= until else { return }
        let last = bridge.text.split(whereSeparator: \.isNewline).last.map(String.init)
        disconnect(last.map { "\(origin): \($0)" } ?? "\(origin) ended (\(String(describing: bridge.outcome)))")
    }
}
