import Glibc
import HAHost
import HAProtocol

/// The interactive console: feeds in, state updated, one frame out when something changed.
///
/// Single-threaded: the loop waits up to 100 ms for a key, then drains the daemon feeds, the log
/// tail and (once a second) the DRBD source, feeds any SOP run, and redraws only when the state
/// changed or a second passed (ages). Only changed cells reach the terminal.
final class ConsoleApp {
    /// One node the console can see: its daemon (or its Heartbeat), and optionally its log and
    /// DRBD state.
    struct NodeSources {
        enum Kind {
            /// A hadaemon node: its socket here, or on the far side of `via` (through `hadaemon bridge`).
            case daemon(socket: String, via: [String])
            /// A node running Heartbeat itself, reached through the `via` prefix (empty: here).
            case heartbeat(via: [String], drbdCommand: String?)
        }

        var kind: Kind
        var log: String?
        var drbd: DRBDSource

        init(socket: String, log: String?, drbd: DRBDSource, via: [String] = []) {
            kind = .daemon(socket: socket, via: via)
            self.log = log
            self.drbd = drbd
        }

        /// A Heartbeat node: its ha-log is ha.cf's `logfile` unless `log` says otherwise, and its
        /// DRBD state comes with each `cl_status` probe.
        init(heartbeatVia via: [String], drbdCommand: String?, log: String?) {
            kind = .heartbeat(via: via, drbdCommand: drbdCommand)
            self.log = log
            drbd = .none
        }
    }

    let options: RenderOptions
    let sources: [NodeSources]
    let sopDirectory: String
    let auditPath: String
    var state: ConsoleState
    var feeds: [any ClusterFeed]
    var tails: [String: LogTail] = [:]
    /// Which node each feed answers for, once it said so.
    var feedNodes: [Int: String] = [:]
    var session: SOPSession?
    var picker: [String]?
    var pickerIndex = 0
    var lastDRBDRead: Int64 = 0
    var lastFrame: Int64 = 0
    var dirty = true
    /// Sent actions by the id their feed gave them: the feed's index and the run's own request id.
    var pendingRequests: [Int: (feed: Int, requestID: Int)] = [:]
    /// A procedure file to open as soon as the first snapshot arrives (`haconsole sop run`).
    var autostart: String?

    init(sources: [NodeSources], options: RenderOptions, sopDirectory: String, auditPath: String) {
        self.sources = sources
        self.options = options
        self.sopDirectory = sopDirectory
        self.auditPath = auditPath
        let claims = HeartbeatClaims()
        let feeds = sources.enumerated().map { index, source -> any ClusterFeed in
            switch source.kind {
            case .daemon(let socket, let via): DaemonFeed(path: socket, via: via, initialLogLines: index == 0 ? 500 : 0)
            case .heartbeat(let via, let drbdCommand):
                HeartbeatFeed(via: via, drbdCommand: drbdCommand, claims: claims, log: source.log, initialLogLines: index == 0 ? 500 : 0)
            }
        }
        let source: ConsoleState.Source =
            switch sources[0].kind {
            case .daemon(let socket, let via): .daemon(socket: (feeds[0] as? DaemonFeed)?.origin ?? socket, via: via.first)
            case .heartbeat: .heartbeat(origin: (feeds[0] as? HeartbeatFeed)?.origin ?? "cl_status")
            }
        self.feeds = feeds
        state = ConsoleState(source: source, hostNode: SOPOperatorIdentity.currentHost())
        if case .daemon = sources[0].kind { state.logPath = sources[0].log }
        if options.readOnly { state.actionHints = [] }
    }

    /// Runs until the operator quits; the terminal is restored on every way out.
    func run() throws {
        let terminal = try CursesTerminal(color: options.color)
        defer { terminal.restore() }
        // Heartbeat feeds follow their own logs (ha.cf's logfile, possibly behind `via`).
        for (index, source) in sources.enumerated() {
            guard case .daemon = source.kind, let path = source.log, tails[path] == nil else { continue }
            let tail = LogTail(path: path)
            tails[path] = tail
            let lines = tail.start(lastLines: index == 0 ? 500 : 0)
            if index == 0 { state.appendLog(lines.map(HALogEntry.init(parsing:))) }
        }
        while !terminal.quitRequested {
            let now = SystemClock.now().milliseconds
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
            guard let key = terminal.readKey(timeout: 100, watching: feeds.flatMap(\.watchedDescriptors)) else { continue }
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
            feed.ensureConnected(now: MonotonicTime.milliseconds(now))
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
            for (id, pending) in pendingRequests where pending.feed == index {
                if var answer = feed.takeAnswer(id) {
                    pendingRequests[id] = nil
                    answer.id = pending.requestID  // the feed numbers its own requests
                    session?.feed(.response(answer), at: now, into: self)
                    dirty = true
                }
            }
        }
        for (index, source) in sources.enumerated() {
            let lines: [String]
            if let heartbeat = feeds[index] as? HeartbeatFeed {
                lines = heartbeat.pollLog()
                if index == 0, state.logPath == nil { state.logPath = heartbeat.logPath }
            } else if let daemon = feeds[index] as? DaemonFeed, !daemon.via.isEmpty {
                lines = daemon.pollLog()
                if index == 0, state.logPath == nil { state.logPath = daemon.remoteLog?.path }
            } else if let path = source.log, let tail = tails[path] {
                lines = tail.poll()
            } else {
                continue
            }
            guard !lines.isEmpty else { continue }
            let entries = lines.map(HALogEntry.init(parsing:))
            if index == 0 { state.appendLog(entries) }
            if let node = feedNodes[index] { session?.feed(.log(node: node, entries: entries), at: now, into: self) }
            dirty = true
        }
        if now - lastDRBDRead >= 1000 {
            lastDRBDRead = now
            for (index, feed) in feeds.enumerated() {
                guard let heartbeat = feed as? HeartbeatFeed, let node = feedNodes[index], let (status, source) = heartbeat.drbd else { continue }
                state.drbd[node] = status
                state.drbdSources[node] = source
                state.drbdProblems[node] = nil
                session?.feed(.drbd(node: node, status: status), at: now, into: self)
            }
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
        pendingRequests[sent] = (index, request.id)
        return nil
    }

    func tickSession(now: Int64) {
        guard session != nil else { return }
        session?.feed(.tick, at: now, into: self)
    }

    func wallMilliseconds() -> Int64 { SystemClock.wallMilliseconds() }

    func utcOffset() -> Int {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return parts.tm_gmtoff
    }
}
