import Glibc
import HADaemonCore
import HAHost
import HAProtocol

extension DaemonLoop {
    /// One turn of the control socket per loop iteration (`entries`: its part of the poll set):
    /// accept newcomers, write, read and answer within a budget of a tenth of a keepalive (at
    /// most 10 ms), and close idle or stalled clients. What the budget did not reach waits for
    /// the next turn; `control.hasPendingWork` keeps the loop from sleeping meanwhile.
    func serveControl(_ entries: ArraySlice<pollfd>) {
        let now = SystemClock.now()
        var ready: [Int32: Int16] = [:]
        for entry in entries where entry.revents != 0 && entry.fd != control.listenFD { ready[entry.fd] = entry.revents }
        let budget = min(control.limits.turnBudget, core.config.keepalive / 10)
        control.turn(ready: ready, until: now + budget) { fd, line, credentials in
            switch ControlCodec.decodeRequest(line) {
            case .failure(let refusal): refusal.response
            case .success(let request): answer(request, fd: fd, credentials: credentials)
            }
        }
        // Accepted after the turn: admitting may close an idle client, and a new client given its
        // descriptor number must not inherit the events poll reported for the old one.
        if entries.contains(where: { $0.fd == control.listenFD && $0.revents != 0 }) { control.acceptClients(at: SystemClock.now()) }
        control.sweep(at: SystemClock.now())
    }

    /// Serves a read from the snapshot; hands a change to the core, which decides and answers.
    func answer(_ request: ControlRequest, fd: Int32, credentials: PeerCredentials?) -> ControlResponse {
        switch request.op {
        case .status:
            return ControlResponse(id: request.id, snapshot: snapshot())
        case .subscribe:
            control.subscribe(fd, id: request.id)
            return ControlResponse(id: request.id, event: "snapshot", snapshot: snapshot())
        case .standby, .takeover, .shutdown, .outdatePeer, .confirmFence, .unstandby, .move:
            let requester = ControlRequester(
                name: credentials.map { "\($0)" } ?? "an unknown peer",
                mayChange: credentials?.isAllowedToChange(group: control.changeGroup) == true)
            return handle(.control(request, from: requester))
                ?? .failure(id: request.id, ControlError(.internalError, "the request was not answered"))
        }
    }

    /// The snapshot the control socket serves: the core's, with what only the shell knows (the
    /// clocks, the links it listens on, the log files, the respawned programs). Every alert in it comes from the core.
    func snapshot() -> ClusterSnapshot {
        var snapshot = core.snapshot(
            at: SystemClock.now(), wallNow: SystemClock.wallMilliseconds(), cluster: cf.cluster, configDigest: settings.digest.description,
            localLinks: Array(Set(transport.sockets.map(\.interface))).sorted(), logfile: log.logPath,
            logLosses: log.failures.map { LogLoss(path: $0.path, lost: $0.lost, reason: $0.reason) })
        snapshot.children = children.snapshot
        return snapshot
    }

    /// Sends subscribers a snapshot when something other than ages changed (at most every 50 ms),
    /// and at least once a second so ages stay fresh.
    func pushSubscriptions(force: Bool = false) {
        let subscribers = control.subscribers
        guard !subscribers.isEmpty else { return }
        let now = SystemClock.now()
        guard force || now - lastPush >= .milliseconds(50) else { return }
        let current = snapshot()
        var stripped = current
        stripped.takenAt = 0
        stripped.nodes = stripped.nodes.map { node in
            var copy = node
            copy.lastHeardAge = nil
            copy.links = copy.links.map { LinkSnapshot(interface: $0.interface, status: $0.status) }
            return copy
        }
        let signature = ControlCodec.encode(ControlResponse(id: nil, snapshot: stripped))
        guard force || signature != lastPushedSignature || now - lastPush >= .seconds(1) else { return }
        lastPush = now
        lastPushedSignature = signature
        // Encoded once per subscription id (consoles all use the same few), not once per client.
        var events: [Int: [UInt8]] = [:]
        for (fd, id) in subscribers {
            if events[id] == nil { events[id] = ControlCodec.encode(ControlResponse(id: id, event: "snapshot", snapshot: current)) }
            control.publish(to: fd, events[id]!)
        }
        control.enforceTotalOutput()
    }
}
