import HAProtocol

extension ConsoleState {
    /// Takes a new snapshot from the source, received at wall clock `now` (ms).
    ///
    /// Every peer's DRBD summary is decoded into ``drbd`` (source `heartbeat`); the local node's
    /// entry is left alone when it was read locally, which is fresher than its own summary.
    mutating func receive(snapshot: ClusterSnapshot, at now: Int64) {
        self.snapshot = snapshot
        snapshotReceivedAt = now
        connection = .connected
        history.heartbeatAges.record(snapshot)
        for node in snapshot.nodes {
            // A dead node's last summary is history, not state: keep only what was read directly.
            if node.status == .dead, drbdSources[node.name] == Self.summarySource {
                drbd[node.name] = nil
                drbdSources[node.name] = nil
            }
            guard let summary = node.drbd, node.status != .dead else { continue }
            if node.name == snapshot.localNode, let source = drbdSources[node.name], source != Self.summarySource { continue }
            do {
                let status = try DRBDSummary.decode(summary)
                drbd[node.name] = status
                history.observeDRBD(status, of: node.name, at: now)
                drbdSources[node.name] = Self.summarySource
                drbdProblems[node.name] = nil
            } catch {
                drbdProblems[node.name] = "unreadable DRBD summary: \(error.message)"
            }
        }
    }

    /// The source name of DRBD states decoded from heartbeat summaries.
    static let summarySource = "heartbeat"

    /// Records a new connection state; a lost connection keeps the last snapshot (shown stale).
    mutating func connectionChanged(to connection: Connection) {
        self.connection = connection
    }

    /// Takes a node's DRBD status as read there from `source` (`/proc/drbd`, `drbdsetup status`).
    mutating func receiveDRBD(_ status: DRBDStatus, of node: String, source: String, problem: String? = nil) {
        drbd[node] = status
        history.observeDRBD(status, of: node, at: clock.now)
        drbdSources[node] = source
        drbdProblems[node] = problem
    }

    /// Drops everything known about a node's DRBD state.
    mutating func forgetDRBD(of node: String) {
        drbd[node] = nil
        drbdSources[node] = nil
        drbdProblems[node] = nil
    }

    /// Records that this node's DRBD state could not be read (no module, a hung `drbdsetup`).
    mutating func localDRBDFailed(_ problem: String) {
        guard let node = localNode else { return }
        drbdProblems[node] = problem
    }

    /// Appends log lines. While paused the visible lines stay where they are: the scroll offset
    /// grows by the new lines the filter lets through.
    mutating func appendLog(_ entries: some Sequence<HALogEntry>) {
        let term = filter.lowercased()
        for entry in entries {
            log.append(entry)
            if !follow, log[log.count - 1].contains(folded: term) { logScroll += 1 }
        }
    }

    /// Shows a message on the status line for `seconds` (nil keeps it until replaced).
    mutating func post(_ text: String, severity: Alert.Severity = .info, now: Int64, seconds: Int? = 5) {
        message = Message(text: text, severity: severity, expiresAt: seconds.map { now + Int64($0) * 1000 })
    }

    /// Removes the status message once its time is up.
    mutating func expireMessage(now: Int64) {
        if let expiry = message?.expiresAt, now >= expiry { message = nil }
    }
}
