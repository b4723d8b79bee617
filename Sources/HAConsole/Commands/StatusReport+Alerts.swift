import HAProtocol

extension StatusReport {
    /// What the screen would hold had it read what this report read: the snapshot, this node's
    /// DRBD state and the log tail, from the same kind of source.
    var consoleState: ConsoleState {
        let source: ConsoleState.Source =
            daemon.socket.hasPrefix("cl_status")
            ? .heartbeat(origin: daemon.socket)
            : daemon.socket.hasPrefix("crm_mon") ? .pacemaker(origin: daemon.socket) : .daemon(socket: daemon.socket)
        var state = ConsoleState(source: source, hostNode: hostNode)
        if !daemon.reachable { state.connectionChanged(to: .disconnected(reason: daemon.error ?? "not reachable")) }
        if let snapshot { state.receive(snapshot: snapshot, at: snapshot.takenAt) }
        if let local = drbd.local, let node = state.localNode { state.receiveDRBD(local, of: node, source: drbd.source) }
        state.appendLog((logTail ?? log.lines).map(HALogEntry.init(parsing:)))
        return state
    }

    /// The alerts the screen shows for the same facts, most severe first: ``ConsoleAlerts``'s
    /// one derivation, which `status` prints and exits by, and `check` reduces to one line.
    var alerts: [Alert] { ConsoleAlerts.derive(from: consoleState) }

    /// The monitoring verdict on what this report read (see ``MonitoringCheck``).
    var check: MonitoringCheck { check(alerts: alerts) }

    func check(alerts: [Alert]) -> MonitoringCheck {
        guard daemon.reachable, snapshot != nil else {
            let who =
                daemon.socket.hasPrefix("cl_status") ? "Heartbeat: no answer from \(daemon.socket)" : "hadaemon not reachable at \(daemon.socket)"
            return .unknown(who + (daemon.error.map { ": \($0)" } ?? ""))
        }
        return MonitoringCheck.assess(consoleState, alerts: alerts)
    }
}
