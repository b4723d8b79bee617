import HAProtocol

extension ConsoleAlerts {
    /// Alerts the log proves. Late heartbeats always count (no snapshot keeps their history);
    /// dead nodes and links, partitions, failures and bad packets only when no daemon reports
    /// the cluster's state itself (a Heartbeat node, or no source), since the daemon's snapshot
    /// and alerts say the same with fresher facts.
    static func logAlerts(_ facts: LogFacts, state: ConsoleState) -> [Alert] {
        var alerts: [Alert] = []
        for (node, late) in facts.late.items {
            let times = late.count == 1 ? "1 late heartbeat" : "\(late.count) late heartbeats"
            alerts.append(
                Alert(
                    kind: .lateHeartbeat, severity: late.beyondDeadtime ? .critical : .warning,
                    message: "\(times) from \(node), worst \(late.worstMilliseconds) ms"
                        + (late.beyondDeadtime ? " (beyond deadtime)" : ""),
                    evidence: [late.lastLine], node: node))
        }
        if case .daemon = state.source, state.snapshot != nil { return alerts }
        let doubled = state.snapshot?.groups.contains { $0.holders.count > 1 } ?? true
        for (node, line) in facts.partitions.items {
            alerts.append(
                Alert(
                    kind: .splitBrain, severity: doubled ? .critical : .warning,
                    message: doubled
                        ? "\(node) returned after a partition: both sides ran alone (split brain)"
                        : "\(node) returned after a partition (split brain healed; check the data)",
                    evidence: [line], node: node))
        }
        for (node, line) in facts.deadNodes.items where state.snapshot?.node(node) == nil {
            if let stop = facts.cleanStops[node] {
                alerts.append(
                    Alert(
                        kind: .nodeDead, severity: .info, message: "\(node) stopped cleanly (shutdown requested)", evidence: [stop, line], node: node)
                )
                continue
            }
            alerts.append(Alert(kind: .nodeDead, severity: .critical, message: "\(node) is dead", evidence: [line], node: node))
        }
        for (_, (node, interface, line)) in facts.deadLinks.items where facts.deadNodes[node] == nil && state.snapshot?.node(node) == nil {
            alerts.append(
                Alert(kind: .linkDead, severity: .warning, message: "link \(interface) to \(node) is dead", evidence: [line], node: node))
        }
        if let stop = facts.failures.last(where: \.stop) {
            alerts.append(
                Alert(
                    kind: .resourceFailed, severity: .critical, message: "a resource failed to stop: reboot required",
                    evidence: [stop.line]))
        } else if !facts.failures.isEmpty {
            alerts.append(
                Alert(
                    kind: .resourceFailed, severity: .warning, message: "a resource script failed",
                    evidence: facts.failures.suffix(3).reversed().map(\.line)))
        }
        if facts.badPackets.count > 0 {
            alerts.append(
                Alert(
                    kind: .badPackets, severity: .warning,
                    message: "\(facts.badPackets.count) packet(s) failed authentication or replay checks",
                    evidence: [facts.badPackets.lastLine]))
        }
        return alerts
    }
}
