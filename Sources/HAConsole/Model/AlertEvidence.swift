import HAProtocol

/// One evidence line of an alert with the feed that observed it and when: what the detail view
/// shows under each alert, so an operator can judge the alert by its source.
///
/// Found by deriving each part of ``ConsoleAlerts/derive(from:)`` on its own (the daemon's own
/// alerts, the snapshot, DRBD, the log) and giving each line to the first part whose alert
/// (same kind, node and group) holds it; a line none holds is looked for in the kept log.
struct AlertEvidence: Sendable, Hashable {
    /// The observation itself, as the alert carries it.
    var line: String
    /// `daemon on alpha`, `cl_status on this host`, `DRBD bravo via heartbeat`, `ha-log /var/log/ha-log`.
    var feed: String
    /// `snapshot 03:10:10`; nil when the line carries its own time (a log line) or none is known.
    var when: String?

    /// The evidence of `alert`, one of the alerts derived from `state`, with where each line
    /// came from.
    static func of(_ alert: Alert, in state: ConsoleState) -> [AlertEvidence] {
        let parts = sources(state)
        let key = matchKey(alert)
        return alert.evidence.map { line in
            for part in parts {
                for found in part.alerts where matchKey(found) == key && found.evidence.contains(line) {
                    return AlertEvidence(line: line, feed: part.feed(line), when: part.when(line))
                }
            }
            let inLog = (0..<state.log.count).contains { state.log[$0].text == line }
            return AlertEvidence(line: line, feed: inLog ? logFeed(state) : "derived by this console", when: nil)
        }
    }

    /// One part of the derivation: its alerts, and the feed and time of a line it holds.
    private struct Part {
        var alerts: [Alert]
        var feed: (String) -> String
        var when: (String) -> String?
    }

    private static func sources(_ state: ConsoleState) -> [Part] {
        var parts: [Part] = []
        if let snapshot = state.snapshot {
            let taken = "snapshot \(state.clock.time(snapshot.takenAt))"
            let feed: String
            switch state.source {
            case .daemon(_, let via): feed = "daemon on \(snapshot.localNode)" + (via.map { " via \($0)" } ?? "")
            case .heartbeat(let origin), .pacemaker(let origin): feed = origin
            case .none: feed = "snapshot"
            }
            if case .daemon = state.source {
                parts.append(Part(alerts: snapshot.alerts, feed: { _ in feed + " (its own alert)" }, when: { _ in taken }))
            }
            if case .pacemaker = state.source {
                parts.append(Part(alerts: snapshot.alerts, feed: { _ in feed + " (Pacemaker's own state)" }, when: { _ in taken }))
            }
            var marked = snapshot
            let facts = LogFacts(state.log)
            for index in marked.nodes.indices where facts.cleanStops[marked.nodes[index].name] != nil {
                marked.nodes[index].stoppedCleanly = true
            }
            let agesKnown = state.source.knowsAges
            parts.append(
                Part(
                    alerts: ConsoleAlerts.snapshotAlerts(marked, partitionEvidence: [], agesKnown: agesKnown), feed: { _ in feed },
                    when: { _ in taken }))
        }
        parts.append(
            Part(
                alerts: ConsoleAlerts.drbdAlerts(state),
                feed: { line in
                    let node = String(line.prefix { $0 != ":" })
                    return "DRBD \(node) via \(state.drbdSources[node] ?? "?")"
                },
                when: { line in
                    let node = String(line.prefix { $0 != ":" })
                    guard state.drbdSources[node] == ConsoleState.summarySource, let at = state.snapshotReceivedAt else { return "read here" }
                    return "summary in snapshot \(state.clock.time(at))"
                }))
        parts.append(Part(alerts: ConsoleAlerts.logAlerts(LogFacts(state.log), state: state), feed: { _ in logFeed(state) }, when: { _ in nil }))
        return parts
    }

    private static func logFeed(_ state: ConsoleState) -> String {
        "ha-log" + (state.logPath.map { " \($0)" } ?? "")
    }

    /// What ``ConsoleAlerts/merged(_:)`` merges on: kind, group, node, and the message when
    /// the alert names neither.
    private static func matchKey(_ alert: Alert) -> String {
        let subject = alert.group == nil && alert.node == nil ? alert.message : ""
        return "\(alert.kind.rawValue)|\(alert.group ?? "")|\(alert.node ?? "")|\(subject)"
    }
}
