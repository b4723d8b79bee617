import HAProtocol

/// The interactive console's whole state, view and SOP run together, and the one function that
/// changes it: ``apply(_:)`` takes an input (a key, something a feed delivered, the clock, the
/// result of an effect) and returns the effects for the shell (``ConsoleApp``) to carry out.
///
/// Pure: no I/O, no clock reading; time arrives as ``ConsoleInput/clock(now:display:wallTime:)``.
/// Feeds are numbered as the shell holds them; feed 0 is the node the screen follows.
struct ConsoleModel: Sendable {
    /// What a feed reads: a daemon puts its own alerts in its snapshots, `cl_status` does not.
    enum FeedKind: Sendable, Equatable {
        case daemon
        case heartbeat
        /// `crm_mon`: its snapshots carry Pacemaker's own alerts.
        case pacemaker
    }

    /// Who runs the console, for the SOP audit trail (`SOPOperatorIdentity`, read by the shell).
    struct Operator: Sendable, Equatable {
        var user: String
        var host: String
        /// The console's process id, recorded so that a later console can tell this one is gone.
        var pid: Int32? = nil
    }

    /// The procedure picker (`p`): the files offered and the one marked.
    struct Picker: Sendable, Equatable {
        var paths: [String]
        var index = 0
    }

    var state: ConsoleState
    var session: SOPSession?
    var picker: Picker?
    let feedKinds: [FeedKind]
    let readOnly: Bool
    let sopDirectory: String
    let identity: Operator
    /// A procedure file to open as soon as the first snapshot arrives (`haconsole sop run`).
    var autostart: String?
    /// Whether the shell has a ``NodeLauncher`` (the demo): `S` and SOP action `start` use it.
    let canStartNodes: Bool
    /// `--dry-run`: every SOP run is a rehearsal (``SOPRunStart/dryRun``).
    var dryRun = false
    /// A run the audit trail shows unfinished, found by the shell at start: offered once there
    /// is cluster data, then kept in ``pendingResume`` while its procedure is read.
    var resumeOffer: SOPInterruptedRun?
    var pendingResume: SOPInterruptedRun?

    /// Which node each feed answers for, once it said so.
    var feedNodes: [Int: String] = [:]
    /// Each feed's link as it last reported it.
    var feedConnections: [Int: FeedConnection] = [:]
    /// Sent actions by the id they went out under: the feed and the run's own request id.
    var pendingRequests: [Int: (feed: Int, requestID: Int)] = [:]
    private var nextRequestID = 100

    /// Monotonic milliseconds at the last clock input (the SOP run's deadlines).
    private(set) var now: Int64 = 0
    /// Wall clock as ISO-8601 UTC at the last clock input (audit records).
    private(set) var wallTime = ""

    init(
        state: ConsoleState, feedKinds: [FeedKind], readOnly: Bool, sopDirectory: String, identity: Operator, canStartNodes: Bool = false
    ) {
        self.state = state
        self.feedKinds = feedKinds
        self.readOnly = readOnly
        self.sopDirectory = sopDirectory
        self.identity = identity
        self.canStartNodes = canStartNodes && !readOnly
        if readOnly { self.state.actionHints = [] }
        if self.canStartNodes { self.state.actionHints.append(Self.startNodeHint) }
    }

    /// Applies one input to the whole state; returns what the shell must do.
    mutating func apply(_ input: ConsoleInput) -> [ConsoleEffect] {
        switch input {
        case .clock(let now, let display, let wallTime):
            self.now = now
            self.wallTime = wallTime
            state.clock = display
            return []
        case .tick:
            return tick()
        case .feed(let index, let input):
            return receive(input, from: index)
        case .key(let key, let pageSize):
            return handle(key, pageSize: pageSize)
        case .procedureList(let result):
            return showPicker(result)
        case .procedureText(let path, let result):
            return startProcedure(path, result)
        case .nodeStart(let requestID, let outcome):
            return nodeStarted(requestID: requestID, outcome)
        case .approval(let given):
            return feedSession(.approval(given))
        case .auditFailed(let path, let why):
            session?.notice = "audit trail \(path) not writable: \(why)"
            return [.redraw]
        }
    }

    /// Once per loop: the autostart, the SOP run's deadlines, the status message's expiry.
    private mutating func tick() -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = []
        if let path = autostart, state.snapshot != nil {
            autostart = nil
            effects.append(.readProcedure(path))
        }
        effects += offerResume()
        if session != nil { effects += feedSession(.tick) }
        refreshGoNoGo()
        state.expireMessage(now: state.clock.now)
        return effects
    }

    // MARK: - SOP run

    /// Applies an event to the SOP run and turns its effects into the shell's: an action goes to
    /// the feed of the node it names, or is refused at once when no connected feed answers for it.
    mutating func feedSession(_ event: SOPRun.Event) -> [ConsoleEffect] {
        guard var current = session else { return [] }
        switch event {
        case .start, .resume, .approval, .proceed, .confirm, .decline, .skip, .abort: current.notice = nil
        default: break
        }
        var events = [event]
        var effects: [ConsoleEffect] = []
        while !events.isEmpty {
            for effect in current.run.handle(events.removeFirst(), at: now, wallTime: wallTime) {
                switch effect {
                case .send(let request):
                    guard let index = feed(for: request) else {
                        let node = request.node ?? "that node"
                        events.append(
                            .response(
                                .failure(
                                    id: request.id,
                                    ControlError(
                                        .wrongNode, "\(request.node ?? "?")'s daemon cannot be reached from this console; do it on \(node) by hand")
                                )))
                        continue
                    }
                    nextRequestID += 1
                    pendingRequests[nextRequestID] = (index, request.id)
                    var sent = request
                    sent.id = nextRequestID  // the run's ids may repeat across runs and feeds
                    effects.append(.send(feed: index, sent))
                case .start(let node, let requestID):
                    nextRequestID += 1
                    pendingRequests[nextRequestID] = (-1, requestID)
                    effects.append(.startNode(node, requestID: nextRequestID))
                case .audit(let record):
                    state.history.recordAudit(record)
                    effects.append(.audit(record))
                case .refused(let why): current.notice = why
                }
            }
        }
        // Started only once the run has: a start refused for want of data leaves Esc closing it.
        if current.run.state != .notStarted { current.started = true }
        session = current
        return effects + [.redraw]
    }

    /// The run's opening: who runs it, on which host, and the node a `choose:` named.
    func runStart(chosen: String?) -> SOPRunStart {
        SOPRunStart(
            user: identity.user, host: identity.host, chosen: chosen?.isEmpty == true ? nil : chosen, canStartNodes: canStartNodes,
            dryRun: dryRun, pid: identity.pid)
    }
}
