import Glibc
import HAHost
import HAProtocol

/// The interactive console: feeds in, state updated, one frame out when something changed.
///
/// Single-threaded: the loop waits up to 100 ms for a key, then drains the daemon feeds, the log
/// tail and (once a second) the DRBD source, feeds any SOP run, and redraws only when the state
/// changed or a second passed (ages). Only changed cells reach the terminal.
final class ConsoleApp {
    /// One node the console can see: its daemon, and optionally its log and DRBD state.
    struct NodeSources {
        var socket: String
        var log: String?
        var drbd: DRBDSource
    }

    let options: RenderOptions
    let sources: [NodeSources]
    let sopDirectory: String
    let auditPath: String
    var state: ConsoleState
    var feeds: [DaemonFeed]
    var tails: [String: LogTail] = [:]
    /// Which node each feed answers for, once it said so.
    var feedNodes: [Int: String] = [:]
    var session: SOPSession?
    var picker: [String]?
    var pickerIndex = 0
    var lastDRBDRead: Int64 = 0
    var lastFrame: Int64 = 0
    var dirty = true
    var pendingRequests: [Int: Int] = [:]  // request id → feed index
    /// A procedure file to open as soon as the first snapshot arrives (`haconsole sop run`).
    var autostart: String?

    init(sources: [NodeSources], options: RenderOptions, sopDirectory: String, auditPath: String) {
        self.sources = sources
        self.options = options
        self.sopDirectory = sopDirectory
        self.auditPath = auditPath
        state = ConsoleState(source: .daemon(socket: sources[0].socket), hostNode: SOPOperatorIdentity.currentHost())
        state.logPath = sources[0].log
        if options.readOnly { state.actionHints = [] }
        feeds = sources.map { DaemonFeed(path: $0.socket) }
    }

    /// Runs until the operator quits; the terminal is restored on every way out.
    func run() throws {
        let terminal = try CursesTerminal(color: options.color)
        defer { terminal.restore() }
        if let path = sources[0].log {
            let tail = LogTail(path: path)
            tails[path] = tail
            state.appendLog(tail.start(lastLines: 500).map(HALogEntry.init(parsing:)))
        }
        for source in sources.dropFirst() { if let path = source.log { tails[path] = LogTail(path: path); _ = tails[path]!.start(lastLines: 0) } }
        while !terminal.quitRequested {
            let now = MonotonicClockReading.now().milliseconds
            state.clock = DisplayClock(now: wallMilliseconds(), utcOffsetSeconds: utcOffset())
            pollFeeds(now: now)
            if let path = autostart, state.snapshot != nil {
                autostart = nil
                startProcedure(at: path)
            }
            tickSession(now: now)
            state.expireMessage(now: state.clock.now)
            if dirty || now - lastFrame >= 1000 {
                let size = terminal.size
                var screen = ConsoleView.render(state, width: size.width, height: size.height, options: options)
                if let session { SOPView.draw(session, into: &screen, options: options) }
                if let picker { drawPicker(picker, into: &screen) }
                terminal.draw(screen)
                lastFrame = now
                dirty = false
            }
            guard let key = terminal.readKey(timeout: 100, watching: feeds.map(\.fd).filter { $0 >= 0 }) else { continue }
            dirty = true
            if key == .resize {
                terminal.invalidate()
                continue
            }
            if handle(key, pageSize: max(1, terminal.size.height / 3)) { return }
        }
    }

    // MARK: - Feeds

    func pollFeeds(now: Int64) {
        for (index, feed) in feeds.enumerated() {
            let before = feed.connection
            feed.ensureConnected(now: MonotonicClockReading(milliseconds: now))
            if let snapshot = feed.read() {
                feedNodes[index] = snapshot.localNode
                if let host = state.hostNode, !snapshot.nodes.contains(where: { $0.name == host }) {
                    // A reading taken before the daemon answered was filed under this host's name.
                    state.drbd[host] = nil
                    state.drbdSources[host] = nil
                    state.drbdProblems[host] = nil
                }
                if index == 0 || !(feeds[0].connection == .connected) { state.receive(snapshot: snapshot, at: state.clock.now) }
                session?.feed(.snapshot(snapshot), at: now, into: self)
                dirty = true
            }
            if index == 0, feed.connection != before || state.connection == .connecting {
                switch feed.connection {
                case .connected: state.connectionChanged(to: .connected)
                case .connecting: state.connectionChanged(to: .connecting)
                case .unreachable(let why): state.connectionChanged(to: .disconnected(reason: why))
                }
                dirty = true
            }
            for (id, feedIndex) in pendingRequests where feedIndex == index {
                if let answer = feed.takeAnswer(id) {
                    pendingRequests[id] = nil
                    session?.feed(.response(answer), at: now, into: self)
                    dirty = true
                }
            }
        }
        for (index, source) in sources.enumerated() {
            guard let path = source.log, let tail = tails[path] else { continue }
            let lines = tail.poll()
            guard !lines.isEmpty else { continue }
            let entries = lines.map(HALogEntry.init(parsing:))
            if index == 0 { state.appendLog(entries) }
            if let node = feedNodes[index] { session?.feed(.log(node: node, entries: entries), at: now, into: self) }
            dirty = true
        }
        if now - lastDRBDRead >= 1000 {
            lastDRBDRead = now
            for (index, source) in sources.enumerated() where source.drbd != .none {
                // Until its daemon says which node it is, a reading could be filed under the wrong name.
                // Only a node whose daemon is unreachable is filed under this host's name.
                if feedNodes[index] == nil {
                    guard index == 0, case .unreachable = feeds[index].connection else { continue }
                }
                let (status, problem) = source.drbd.read()
                let node = feedNodes[index] ?? state.hostNode ?? "local"
                if let status {
                    // Filed under the node it belongs to, whichever daemon the screen follows now.
                    state.drbd[node] = status
                    state.drbdSources[node] = source.drbd.description
                    state.drbdProblems[node] = problem
                    session?.feed(.drbd(node: node, status: status), at: now, into: self)
                } else if let problem, index == 0 {
                    state.localDRBDFailed(problem)
                }
            }
            dirty = true
        }
    }

    /// Routes an SOP action to the daemon of the node it names.
    func send(_ request: ControlRequest) -> ControlResponse? {
        guard let index = feedNodes.first(where: { $0.value == request.node })?.key, feeds[index].connection == .connected else {
            return .failure(
                id: request.id,
                ControlError(
                    .wrongNode, "\(request.node ?? "?")'s daemon cannot be reached from this console; do it on \(request.node ?? "that node") by hand"
                ))
        }
        let sent = feeds[index].send(request)
        pendingRequests[sent] = index
        return nil
    }

    func tickSession(now: Int64) {
        guard session != nil else { return }
        session?.feed(.tick, at: now, into: self)
    }

    func wallMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    func utcOffset() -> Int {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return parts.tm_gmtoff
    }
}
