import HAProtocol

/// The pure decision core of one node: membership, liveness, resource negotiation, standby and
/// split-brain handling (spec §4), as a state machine.
///
/// It takes an event at an instant and returns effects; it never sleeps, reads a clock, touches
/// a socket or runs a process. ``nextDeadline`` tells the shell when to deliver the next `.tick`.
/// Messages and texts follow Heartbeat 3.0.6 so that a mixed cluster and its operators' greps work.
///
/// It is a module of its own (`HADaemonCore`): its state is internal to it, so the shell can read
/// the configuration and the deadline, ask for a snapshot, and change nothing but by an event.
public struct NodeStateMachine: Sendable {
    enum ResourceState: Equatable, Sendable {
        /// Before communication is up.
        case initial
        /// Sent `starting`, waiting for the peer's `resource`.
        case starting
        /// The peer started at the same time.
        case bothStarting
        /// Got the peer's holdings; waiting for it to settle or for the negotiation delay.
        case received(since: MonotonicTime)
        case stable
        case shuttingDown
    }

    /// The three-phase standby exchange (spec §4.6.5), seen from this node.
    enum Standby: Equatable, Sendable {
        case idle
        /// We asked to give `hold` away; waiting for `other` until `deadline`.
        case asking(hold: ResourceClass, deadline: MonotonicTime)
        /// We are releasing `hold` for `peer`.
        case releasing(hold: ResourceClass, peer: String)
        /// Released; waiting for the peer's `done`.
        case released(hold: ResourceClass, peer: String)
        /// `peer` gives us its `hold`; waiting for its `done`.
        case accepting(hold: ResourceClass, peer: String)
        /// Acquiring the peer's `hold` after its `done`.
        case acquiring(hold: ResourceClass, peer: String)
    }

    /// Where one group stands on this node.
    enum GroupState: Equatable, Sendable {
        case stopped, starting, running, stopping
        /// A stop failed: the group may still be running here. It counts as held by this node
        /// and is never handed to a peer until a later stop succeeds (the operator decides).
        case failed(String)
    }

    public internal(set) var config: NodeCoreConfig
    var startedAt: MonotonicTime
    var now: MonotonicTime
    var ownStatus: NodeStatus = .up
    var communicationUp = false
    /// Communication is up, but the resource negotiation waits for every live peer to be
    /// `active`: Heartbeat drops resource messages until its own comm-up, which its status
    /// `active` announces.
    var negotiationPending = false
    var peers: [String: PeerState] = [:]
    var resourceState: ResourceState = .initial
    var standby: Standby = .idle
    /// Heartbeat's `i_hold`: the classes this node is responsible for.
    var holds: ResourceClass = .none
    var groupStates: [String: GroupState] = [:]
    /// When each group entered its state (for the snapshot).
    var groupSince: [String: MonotonicTime] = [:]
    /// The last failure of each group, kept until it next starts cleanly (for the snapshot).
    var lastErrors: [String: String] = [:]
    /// A clean stop found a group that failed to stop: the node stays up, holding it, until a
    /// new stop request finds every group stopped.
    var shutdownHalted = false
    /// A group failed to stop and a peer can reset this node: it sends nothing more, so the peer
    /// declares it dead and resets it before taking the group over (see +FailedStop).
    var awaitingResetBy: String?
    /// Group actions not yet handed to the shell; one runs at a time, like Heartbeat's scripts.
    var pendingActions: [(key: String, action: GroupAction)] = []
    var runningAction: (key: String, action: GroupAction)?
    /// When the running action was handed to the shell.
    var runningActionSince: MonotonicTime?
    /// What to do when the queued actions are done.
    var afterActions: [Completion] = []
    var shutdownRequested = false
    /// We took a dead or stopped peer's groups: give them back when it returns (auto_failback on).
    /// A standby or takeover the operator asked for is not undone (observed §4).
    var needsFailback = false
    /// A peer's `hb_takeover` that arrived while our resources were in flux: honoured once they
    /// settle, until the deadline (Heartbeat would drop it).
    var deferredStandby: (hold: ControlRequest.Resources, until: MonotonicTime)?
    var exited = false
    var nextStatusAt: MonotonicTime
    var nextSeq: UInt64 = 1
    /// Recently sent sequenced messages, for retransmission requests.
    var history: [(seq: UInt64, message: HAMessage)] = []
    /// When each sequence number was last resent or refused, so a replayed request is not obeyed twice.
    var retransmittedAt: [UInt64: MonotonicTime] = [:]
    /// Every refused packet by cause, for the snapshot and a log line once per cause.
    var droppedPackets = DroppedPackets()
    /// Nodes that returned after a partition whose holdings we still have to reconcile.
    var healing: Set<String> = []
    /// Recent alerts raised by the core (split brain, failed resources).
    var alerts: [String: Alert] = [:]
    var extraStatusFields: [(String, String)]
    /// Ping nodes (spec §1.3 `ping`): `init` until the first reply, `ping` while answering,
    /// `dead` after deadping. Like Heartbeat without ipfail, they inform; they move nothing.
    var pingStatus: [String: (status: NodeStatus, lastReply: MonotonicTime?)] = [:]
    /// The exact groups each peer said it holds (from `hd_held`, or Heartbeat's class).
    var peerHeldKeys: [String: Set<String>] = [:]
    /// Dead peers this node must reset before it takes their groups (spec §4.6.3).
    var fences: [String: PendingFence] = [:]
    /// The last device runs, oldest first, for the snapshot.
    var fenceHistory: [FinishedFence] = []
    /// The outdate-peer request this node waits on (one at a time: dopd's reply names no resource).
    var outdate: PendingOutdate?
    /// `drbdadm outdate` runs for peers' requests now going.
    var outdatesRunning = 0
    /// ipfail's work, when a respawn line names it (``checkIPFail(into:)``).
    var ipfail = IPFailState()

    enum Completion: Equatable, Sendable {
        case announce(info: String?)
        case logLine(HALogLevel, String)
        case standbyReleased(hold: ResourceClass, peer: String)
        case standbyAcquired(hold: ResourceClass, peer: String)
        case takeoverDone(from: String)
        case shutdownReleased
        /// Send `message`, which gives group `key` to a peer, unless the group failed to stop.
        case handOver(key: String, HAMessage)
    }

    public init(config: NodeCoreConfig, at now: MonotonicTime) {
        self.config = config
        startedAt = now
        self.now = now
        nextStatusAt = now
        extraStatusFields = config.statusExtras
        for (index, name) in config.peers.enumerated() {
            peers[name] = PeerState(name: name, ackResidue: UInt64((index * 7 + config.me.utf8.count) % 10))
        }
        for group in config.groups { groupStates[group.key] = .stopped }
        for ping in config.pingNodes { pingStatus[ping.name] = (.`init`, nil) }
    }

    /// Applies one event at `now` and returns what the shell must do, in order.
    public mutating func handle(_ event: NodeEvent, at now: MonotonicTime) -> [NodeEffect] {
        self.now = max(self.now, now)
        var effects: [NodeEffect] = []
        guard !exited else {
            if case .control(let request, _) = event {
                effects.append(.answer(.failure(id: request.id, ControlError(.notReady, "\(config.me) has stopped"))))
            }
            return effects
        }
        switch event {
        case .received(let message, let link): receive(message, link: link, into: &effects)
        case .undecodable(let error, let source, let link):
            // Only counted: what cannot be read proves nothing, so no deadline is looked at.
            dropUndecodable(error, source: source, link: link, into: &effects)
            return effects
        case .tick: break
        case .pingReply(let address): pingReplied(from: address, into: &effects)
        case .localDRBD(let summary):
            // Carried in every status message (Heartbeat ignores the field); a change goes out at
            // once, so the peer sees "Primary on both" before DRBD itself does.
            let current = extraStatusFields.first { $0.0 == "hd_drbd" }?.1
            if current != summary {
                extraStatusFields.removeAll { $0.0 == "hd_drbd" }
                if let summary { extraStatusFields.append(("hd_drbd", summary)) }
                sendStatus(into: &effects)
            }
        case .command(let command): perform(command, into: &effects)
        case .control(let request, let requester): answer(request, from: requester, into: &effects)
        case .reload(let new): reload(new, into: &effects)
        case .groupActionFinished(let key, let action, let succeeded, let detail):
            finished(key: key, action: action, succeeded: succeeded, detail: detail, into: &effects)
        case .fenceFinished(let node, let result, let detail): fenceFinished(node, result: result, detail: detail, into: &effects)
        case .outdateFinished(let resource, let requester, let status):
            outdateFinished(resource, for: requester, exitStatus: status, into: &effects)
        }
        checkDeadlines(into: &effects)
        checkOutdate(into: &effects)
        return effects
    }

    /// The earliest instant at which a `.tick` has work to do.
    public var nextDeadline: MonotonicTime {
        var deadline = nextStatusAt
        for peer in peers.values {
            if let heard = peer.lastHeard, peer.isAlive {
                deadline = min(deadline, heard + deadInterval(for: peer) + .microseconds(1))
            } else if !communicationUp, peer.lastHeard == nil, peer.status != .dead {
                deadline = min(deadline, startedAt + config.initdead + .microseconds(1))
            }
            for gap in peer.missing.values { deadline = min(deadline, gap.nextAsk) }
            if peer.restartClaim != nil, let heard = peer.lastHeard { deadline = min(deadline, heard + config.keepalive + config.keepalive) }
            for (interface, heard) in peer.linkHeard where peer.linkUp[interface] == true {
                deadline = min(deadline, heard + deadInterval(for: peer) + .microseconds(1))
            }
        }
        for (_, ping) in pingStatus where ping.status != .dead {
            // Just past the limit: the check declares a ping node dead only when silence exceeds it.
            let limit = ping.lastReply == nil ? max(config.deadping, config.initdead) : config.deadping
            deadline = min(deadline, (ping.lastReply ?? startedAt) + limit + .microseconds(1))
        }
        if case .received(let since) = resourceState { deadline = min(deadline, since + config.negotiationDelay) }
        if case .asking(_, let until) = standby { deadline = min(deadline, until) }
        for fence in fences.values { if let due = fence.dueAt { deadline = min(deadline, due) } }
        if let giveup = ipfail.pending { deadline = min(deadline, giveup.due) }
        if let deferred = deferredStandby { deadline = min(deadline, isStable ? now : deferred.until) }
        if let due = outdate?.dueAt { deadline = min(deadline, due) }
        return deadline
    }

    /// The uuid `node` sent last (Heartbeat's `destuuid` for a message addressed to it).
    public func uuid(of node: String) -> [UInt8]? { peers[node]?.uuid }

    /// Peers' dead interval: initdead until communication is up, then what each advertises.
    func deadInterval(for peer: PeerState) -> Duration {
        communicationUp ? (peer.advertisedDeadtime ?? config.deadtime) : max(config.initdead, peer.advertisedDeadtime ?? .zero)
    }

    // MARK: - Sending

    mutating func send(_ message: HAMessage, into effects: inout [NodeEffect]) {
        guard awaitingResetBy == nil else { return }
        if message.isUnsequenced {
            effects.append(.send(message, seq: nil))
            return
        }
        let seq = nextSeq
        nextSeq += 1
        history.append((seq, message))
        if history.count > 500 { history.removeFirst(history.count - 500) }
        effects.append(.send(message, seq: seq))
    }

    mutating func sendStatus(into effects: inout [NodeEffect]) {
        var message = HAMessage.status(ownStatus.rawValue, deadTimeMilliseconds: UInt64(config.deadtime.milliseconds))
        for (name, value) in extraStatusFields { message[name] = value }
        send(message, into: &effects)
    }

    mutating func setOwnStatus(_ status: NodeStatus, into effects: inout [NodeEffect]) {
        guard ownStatus != status else { return }
        ownStatus = status
        effects.append(.log(.info, "Local status now set to: '\(status.rawValue)'"))
        sendStatus(into: &effects)
        nextStatusAt = now + config.keepalive
    }

    mutating func raise(_ alert: Alert, key: String) {
        if alerts[key] == nil { alerts[key] = alert }
    }

    mutating func clearAlert(_ key: String) { alerts[key] = nil }
}
