import Glibc
import HAHost
import HAProtocol

/// The interactive console's shell: it waits, reads, applies, carries out effects and draws.
///
/// One thread: the loop waits up to one frame (100 ms) for a key or a feed's descriptor, asks
/// every feed what arrived (``ClusterFeed/poll(now:)``, which never blocks: DRBD is read on a
/// thread of its own, commands run as child processes), applies each input and the key to the
/// ``ConsoleModel``, carries out the effects it returns (send a request, append an audit record,
/// read the SOP directory) and redraws when something changed or a second passed (ages). Only
/// changed cells reach the terminal.
final class ConsoleApp {
    /// One node the console can see: its daemon (or its Heartbeat), and optionally its log and
    /// DRBD state.
    struct NodeSources {
        enum Kind {
            /// A hadaemon node: its socket here, or on the far side of `via` (through `hadaemon bridge`).
            case daemon(socket: String, via: [String])
            /// A node running Heartbeat itself, reached through the `via` prefix (empty: here).
            case heartbeat(via: [String], drbdCommand: String?)
            /// A node of a Pacemaker cluster, read through `crm_mon` behind `via` (empty: here).
            case pacemaker(via: [String], drbdCommand: String?)
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

        /// A Pacemaker node: its log is Pacemaker's unless `log` says otherwise, and its DRBD
        /// state comes with each `crm_mon` probe.
        init(pacemakerVia via: [String], drbdCommand: String?, log: String?) {
            kind = .pacemaker(via: via, drbdCommand: drbdCommand)
            self.log = log
            drbd = .none
        }
    }

    /// As asked; ``run()`` settles them for the terminal (its locale and colours).
    private(set) var options: RenderOptions
    let auditPath: String
    let feeds: [any ClusterFeed]
    /// Starts a stopped node again where the console launched the nodes (the demo).
    let launcher: (any NodeLauncher)?
    var model: ConsoleModel
    private var lastFrame: Int64 = 0
    private var dirty = true
    private var quit = false
    /// `^L`, `R` or F5 asked for the whole screen to be written again.
    private var repaint = false
    /// Reads the trail for a second operator's approval while a two-person step waits.
    private var approvals = SOPApprovalWatcher()

    /// A procedure file to open as soon as the first snapshot arrives (`haconsole sop run`).
    var autostart: String? {
        get { model.autostart }
        set { model.autostart = newValue }
    }

    /// `--dry-run`: SOP runs rehearse and act on nothing (``ConsoleModel/dryRun``).
    var dryRun: Bool {
        get { model.dryRun }
        set { model.dryRun = newValue }
    }

    init(sources: [NodeSources], options: RenderOptions, sopDirectory: String, auditPath: String, launcher: (any NodeLauncher)? = nil) {
        self.options = options
        self.auditPath = auditPath
        self.launcher = launcher
        let claims = HeartbeatClaims()
        feeds = sources.enumerated().map { index, source -> any ClusterFeed in
            let initialLines = index == 0 ? 500 : 0
            return switch source.kind {
            case .daemon(let socket, let via):
                DaemonFeed(path: socket, via: via, log: source.log, drbd: source.drbd, initialLogLines: initialLines)
            case .heartbeat(let via, let drbdCommand):
                HeartbeatFeed(via: via, drbdCommand: drbdCommand, claims: claims, log: source.log, initialLogLines: initialLines)
            case .pacemaker(let via, let drbdCommand):
                PacemakerFeed(via: via, drbdCommand: drbdCommand, log: source.log, initialLogLines: initialLines)
            }
        }
        let source: ConsoleState.Source =
            switch sources[0].kind {
            case .daemon(_, let via): .daemon(socket: feeds[0].origin, via: via.first)
            case .heartbeat: .heartbeat(origin: feeds[0].origin)
            case .pacemaker: .pacemaker(origin: feeds[0].origin)
            }
        let host = SOPOperatorIdentity.currentHost()
        var state = ConsoleState(source: source, hostNode: host)
        if case .daemon = sources[0].kind { state.logPath = sources[0].log }
        if sources[0].drbd != .none { state.drbdChoice = sources[0].drbd.label }
        model = ConsoleModel(
            state: state,
            feedKinds: sources.map {
                switch $0.kind {
                case .daemon: .daemon
                case .heartbeat: .heartbeat
                case .pacemaker: .pacemaker
                }
            },
            readOnly: options.readOnly, sopDirectory: sopDirectory,
            identity: .init(user: SOPOperatorIdentity.currentUser(), host: host, pid: getpid()), canStartNodes: launcher != nil)
    }

    /// Runs until the operator quits; the terminal is restored on every way out.
    func run() throws {
        let terminal = try CursesTerminal(color: options.color)
        defer { terminal.restore() }
        options = options.resolved(codeset: terminal.codeset, terminalColors: terminal.palette != nil)
        if !options.readOnly && !model.dryRun && model.autostart == nil {
            model.resumeOffer = SOPResumeOffer.find(auditPath: auditPath, host: model.identity.host, now: Int64(SystemClock.wallSeconds()))
        }
        while !terminal.quitRequested && !quit {
            let now = SystemClock.now()
            apply(
                .clock(
                    now: now.milliseconds, display: DisplayClock(now: SystemClock.wallMilliseconds(), utcOffsetSeconds: utcOffset()),
                    wallTime: isoNow()))
            for (index, feed) in feeds.enumerated() {
                for input in feed.poll(now: now) { apply(.feed(index, input)) }
            }
            if let token = model.session?.run.pendingApproval?.token {
                for given in approvals.approvals(in: auditPath, token: token) { apply(.approval(given)) }
            } else {
                approvals.reset()
            }
            apply(.tick)
            if repaint {
                terminal.invalidate()
                repaint = false
            }
            if dirty || now.milliseconds - lastFrame >= 1000 {
                let size = terminal.size
                terminal.draw(ConsoleModelView.render(model, width: size.width, height: size.height, options: options))
                lastFrame = now.milliseconds
                dirty = false
            }
            guard !quit, let event = terminal.readKey(timeout: 100, watching: feeds.flatMap(\.watchedDescriptors)) else { continue }
            dirty = true
            switch event {
            case .resize: terminal.invalidate()
            case .key(let key): apply(.key(key, pageSize: max(1, terminal.size.height / 3)))
            }
        }
    }

    /// Applies an input to the model and carries out what it asks, feeding results back in.
    private func apply(_ input: ConsoleInput) {
        for effect in model.apply(input) {
            switch effect {
            case .send(let index, let request): feeds[index].send(request)
            case .audit(let record):
                do {
                    try SOPAuditWriter(path: auditPath).append([record])
                } catch {
                    apply(.auditFailed(path: auditPath, "\(error)"))
                }
            case .listProcedures:
                let directory = model.sopDirectory
                apply(.procedureList(Result { () throws(SOPFileError) in try SOPFiles.procedures(in: directory) }))
            case .readProcedure(let path):
                apply(.procedureText(path: path, Result { () throws(SOPFileError) in try SOPFiles.read(path) }))
            case .redraw: dirty = true
            case .refresh:
                dirty = true
                repaint = true
            case .startNode(let node, let requestID):
                apply(.nodeStart(requestID: requestID, launcher?.start(node) ?? .refused("this console cannot start nodes")))
            case .quit: quit = true
            }
        }
    }

    func utcOffset() -> Int {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return parts.tm_gmtoff
    }
}

/// The wall clock as ISO-8601 UTC, for audit records.
func isoNow() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    func pad(_ value: Int32, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return
        "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
}
