import Glibc
import HAHost
import HAProtocol

/// State change to screen: the console on `haconsole demo` (two hadaemon nodes on loopback),
/// the demo's group moved back and forth by standby requests on the holder's control socket.
///
/// The change starts when a second subscriber on alpha's socket (the daemon the console
/// follows) receives the first snapshot with the group on its new node; it ends when a capture
/// of the pane first shows the group row on that node. Request to screen is also given: it adds
/// the daemons' own work (stop, hand-over, start).
struct ConsoleChangeBench {
    /// One move's figures.
    struct Move: Codable, Sendable {
        var to: String
        var changeToScreenMS: Double
        var requestToScreenMS: Double
        var pollIntervalMS: Double
    }

    static let group = "demo-service"

    let console: String
    let port: Int
    let pollMS: Double

    /// Runs `moves` moves (alternating alpha → bravo → alpha …); stops everything it started.
    func run(moves: Int, log: (String) -> Void) throws -> [Move] {
        let tmux = try BenchTmux(width: 100, height: 32)
        try tmux.respawn("TERM=xterm-256color exec \(console) demo --port \(port)")
        var demoPID: pid_t?
        var daemons: [pid_t] = []
        defer {
            tmux.quit(demoPID)
            tmux.close(killing: demoPID)
            for pid in daemons where kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        guard tmux.waitFor(timeoutMS: 20_000, pollMS: 50, { Self.showsGroup(on: "alpha", running: true, $0) }) != nil else {
            throw ConsoleBenchError("the demo never showed \(Self.group) running on alpha:\n\(tmux.capture())")
        }
        demoPID = tmux.panePID()
        let sockets = try Self.daemonSockets(demo: demoPID)
        daemons = sockets.map(\.pid)
        guard let alpha = sockets.first(where: { $0.node == "alpha" }) else { throw ConsoleBenchError("no alpha daemon under the demo") }
        let subscriber = try SnapshotSubscriber(socket: alpha.socket, group: Self.group)
        defer { subscriber.stop() }
        var holder = "alpha"
        var results: [Move] = []
        for index in 0..<moves {
            let target = holder == "alpha" ? "bravo" : "alpha"
            // Settled, then a random phase against the console's 100 ms loop.
            usleep(useconds_t(1_000_000 + Int.random(in: 0..<100_000)))
            guard let socket = sockets.first(where: { $0.node == holder })?.socket else { break }
            let requested = BenchClock.nowMS()
            let answer = try ControlClient(path: socket).send(
                ControlRequest(id: 10 + index, op: .standby, node: holder, resources: .all, reason: "habench console"))
            if let error = answer.error { throw ConsoleBenchError("standby on \(holder) refused: \(error.message)") }
            guard let seen = tmux.waitFor(timeoutMS: 15_000, pollMS: pollMS, { Self.showsGroup(on: target, running: false, $0) }) else {
                throw ConsoleBenchError("the screen never showed \(Self.group) on \(target):\n\(tmux.capture())")
            }
            guard let changed = subscriber.firstArrival(holders: [target], afterMS: requested) else {
                throw ConsoleBenchError("the subscriber never saw \(Self.group) held by \(target) alone")
            }
            let move = Move(
                to: target, changeToScreenMS: seen.atMS - changed.atMS, requestToScreenMS: seen.atMS - requested,
                pollIntervalMS: seen.meanIntervalMS)
            log("  move \(index + 1)/\(moves) to \(target): change → screen \(Int(move.changeToScreenMS.rounded())) ms")
            results.append(move)
            guard tmux.waitFor(timeoutMS: 15_000, pollMS: 50, { Self.showsGroup(on: target, running: true, $0) }) != nil else {
                throw ConsoleBenchError("\(Self.group) never ran on \(target)")
            }
            holder = target
        }
        return results
    }

    /// The group row (`demo-service  pref alpha  on bravo  running`) names `node` as its holder.
    static func showsGroup(on node: String, running: Bool, _ screen: String) -> Bool {
        screen.contains("\(group)  pref alpha  on \(node)" + (running ? "  running" : ""))
    }

    /// The demo's daemons, from its children's command lines (`--node N … --socket S`).
    static func daemonSockets(demo: pid_t?) throws -> [(node: String, socket: String, pid: pid_t)] {
        guard let demo else { throw ConsoleBenchError("no demo process in the pane") }
        return ProcFile.children(of: demo).compactMap { pid in
            let arguments = ProcFile.arguments(of: pid)
            func value(_ option: String) -> String? {
                arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            }
            guard let node = value("--node"), let socket = value("--socket") else { return nil }
            return (node, socket, pid)
        }
    }
}
