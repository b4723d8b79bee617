import Glibc
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

    func answer(_ request: ControlRequest, fd: Int32, credentials: PeerCredentials?) -> ControlResponse {
        switch request.op {
        case .status:
            return ControlResponse(id: request.id, snapshot: snapshot())
        case .subscribe:
            control.subscribe(fd, id: request.id)
            return ControlResponse(id: request.id, event: "snapshot", snapshot: snapshot())
        case .standby, .takeover, .shutdown:
            guard let credentials, credentials.isAllowedToChange(group: control.changeGroup) else {
                return .failure(id: request.id, ControlError(.forbidden, "changes need root or the haclient group"))
            }
            guard let node = request.node else {
                return .failure(id: request.id, ControlError(.badRequest, "a change must name the node it is for (\"node\":\"\(settings.node)\")"))
            }
            guard node == settings.node else {
                return .failure(id: request.id, ControlError(.wrongNode, "this is \(settings.node); the request is for \(node)"))
            }
            guard core.communicationUp else {
                return .failure(id: request.id, ControlError(.notReady, "still waiting for the other nodes (initdead)"))
            }
            let resources = request.resources ?? .all
            let reason = request.reason.map { ", reason: \($0)" } ?? ""
            log.daemon(
                .info, "\(request.op.rawValue) \(request.op == .shutdown ? "" : "[\(resources.rawValue)] ")requested by \(credentials)\(reason)")
            switch request.op {
            case .standby:
                if core.standby != .idle { return .failure(id: request.id, ControlError(.busy, "a standby is already in progress")) }
                if !core.isStable {
                    return .failure(
                        id: request.id, ControlError(.busy, "resources are in transition on \(settings.node); try again when it is stable"))
                }
                if !core.peers.values.contains(where: \.isAlive) {
                    return .failure(id: request.id, ControlError(.notReady, "no other node is up to take the resources"))
                }
                handle(.command(.standby(resources)))
                return ControlResponse(id: request.id, message: "standby of \(resources.rawValue) resources started on \(settings.node)")
            case .takeover:
                if !core.peers.values.contains(where: \.isAlive) {
                    return .failure(id: request.id, ControlError(.notReady, "no other node is up to take resources from"))
                }
                handle(.command(.takeover(resources)))
                return ControlResponse(id: request.id, message: "takeover of \(resources.rawValue) resources asked of the peer by \(settings.node)")
            default:
                handle(.command(.shutdown))
                return ControlResponse(id: request.id, message: "\(settings.node) is releasing its resources and stopping")
            }
        }
    }

    func snapshot() -> ClusterSnapshot {
        var result = core.snapshot(
            at: SystemClock.now(), wallNow: SystemClock.wallMilliseconds(), cluster: settings.cf.cluster,
            configDigest: settings.digest.description, localLinks: Array(Set(transport.sockets.map(\.interface))).sorted())
        result.logfile = log.logPath
        result.alerts += wireErrors.alerts
        for failure in log.failures {
            result.alerts.append(
                Alert(
                    kind: .logFailed, severity: .warning,
                    message: "\(failure.lost) log line(s) lost: cannot write \(failure.path): \(failure.reason)",
                    evidence: ["the log will say how many lines were lost once it can be written again"]))
        }
        return result
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
