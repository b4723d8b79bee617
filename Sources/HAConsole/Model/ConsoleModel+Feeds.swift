import HAProtocol

extension ConsoleModel {
    /// What feed `index` delivered, applied to the view state and the SOP run together.
    mutating func receive(_ input: FeedInput, from index: Int) -> [ConsoleEffect] {
        switch input {
        case .snapshot(let snapshot): return receive(snapshot, from: index)
        case .connection(let connection):
            feedConnections[index] = connection
            guard index == 0 else { return [] }
            switch connection {
            case .connected: state.connectionChanged(to: .connected)
            case .connecting: state.connectionChanged(to: .connecting)
            case .unreachable(let why): state.connectionChanged(to: .disconnected(reason: why))
            }
            return [.redraw]
        case .answer(var answer):
            guard let id = answer.id, let pending = pendingRequests[id], pending.feed == index else { return [] }
            pendingRequests[id] = nil
            answer.id = pending.requestID
            return feedSession(.response(answer))
        case .log(let path, let lines):
            if index == 0, state.logPath == nil { state.logPath = path }
            guard !lines.isEmpty else { return [.redraw] }
            let entries = lines.map(HALogEntry.init(parsing:))
            if index == 0 {
                state.history.logNode = feedNodes[0] ?? state.history.logNode
                state.appendLog(entries)
            } else if let node = feedNodes[index] {
                state.recordPeerLog(entries, node: node)
            }
            guard let node = feedNodes[index] else { return [.redraw] }
            return feedSession(.log(node: node, entries: entries)) + [.redraw]
        case .drbd(let reading):
            return receive(reading, from: index)
        case .logProblem(let problem):
            guard index == 0 else { return [] }
            state.logProblem = problem
            return [.redraw]
        }
    }

    private mutating func receive(_ snapshot: ClusterSnapshot, from index: Int) -> [ConsoleEffect] {
        // cl_status tells no alerts; the snapshot carries those a daemon would have put in it.
        let snapshot = index < feedKinds.count && feedKinds[index] == .heartbeat ? ConsoleAlerts.withClStatusAlerts(snapshot) : snapshot
        feedNodes[index] = snapshot.localNode
        if let host = state.hostNode, !snapshot.nodes.contains(where: { $0.name == host }) {
            // A reading taken before the daemon answered was filed under this host's name.
            state.forgetDRBD(of: host)
        }
        if index == 0 || feedConnections[0] != .connected {
            state.receive(snapshot: snapshot, at: state.clock.now)
            refreshManualFenceHint()
        }
        return feedSession(.snapshot(snapshot)) + [.redraw]
    }

    /// A DRBD reading is filed under the node its feed answers for. Until the feed says which
    /// node that is, a reading could be filed under the wrong name: only the followed node's,
    /// while its daemon is unreachable, is filed under this host's name.
    private mutating func receive(_ reading: DRBDReading, from index: Int) -> [ConsoleEffect] {
        if feedNodes[index] == nil {
            guard index == 0, case .unreachable = feedConnections[0] else { return [] }
        }
        let node = feedNodes[index] ?? state.hostNode ?? "local"
        guard let status = reading.status else {
            if let problem = reading.problem, index == 0 { state.localDRBDFailed(problem) }
            return [.redraw]
        }
        state.receiveDRBD(status, of: node, source: reading.source, problem: reading.problem)
        return feedSession(.drbd(node: node, status: status)) + [.redraw]
    }
}
