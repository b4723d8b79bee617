import HAProtocol

/// The alerts an operator must see, derived from everything the console knows, each naming its
/// cause and the evidence for it.
///
/// Sources: the snapshot (groups held twice, dead nodes, a dead link among several, late
/// heartbeats, failed groups, configuration digests that differ), every node's DRBD state side
/// by side (a split brain reported, probable or suspected, Primary on two nodes), the ha-log
/// tail (returning after partition, late heartbeats, dead nodes and links, script failures,
/// bad packets), and the daemon's own alerts. Duplicates (same kind, group and node) merge into
/// one with the higher severity and both evidence lists; the result is sorted critical first.
enum ConsoleAlerts {
    /// Every alert for `state`, most severe first.
    static func derive(from state: ConsoleState) -> [Alert] {
        // A cl_status snapshot's alerts are this derivation without the log (withClStatusAlerts):
        // derived again below, where the log can tell a clean stop from a crash.
        var found: [Alert] = if case .heartbeat = state.source { [] } else { state.snapshot?.alerts ?? [] }
        let logFacts = LogFacts(state.log)
        if var snapshot = state.snapshot {
            let agesKnown = state.source.knowsAges
            // cl_status does not tell a clean stop from a crash; Heartbeat's log does.
            for index in snapshot.nodes.indices where logFacts.cleanStops[snapshot.nodes[index].name] != nil {
                snapshot.nodes[index].stoppedCleanly = true
            }
            found += snapshotAlerts(snapshot, partitionEvidence: logFacts.partitionLines, agesKnown: agesKnown)
        }
        found += drbdAlerts(state)
        found += logAlerts(logFacts, state: state)
        return merged(found)
    }

    /// Merges duplicates and sorts by severity, then by kind (split brain first), then by the
    /// order found.
    static func merged(_ alerts: [Alert]) -> [Alert] {
        var order: [String] = []
        var byKey: [String: Alert] = [:]
        for alert in alerts {
            let key = dedupeKey(alert)
            guard var existing = byKey[key] else {
                order.append(key)
                byKey[key] = alert
                continue
            }
            if alert.severity > existing.severity {
                existing.severity = alert.severity
                existing.message = alert.message
            }
            for line in alert.evidence where !existing.evidence.contains(line) { existing.evidence.append(line) }
            existing.since = [existing.since, alert.since].compactMap { $0 }.min()
            byKey[key] = existing
        }
        let ranked = order.enumerated().map { (index: $0.offset, alert: byKey[$0.element]!) }
        return ranked.sorted { a, b in
            if a.alert.severity != b.alert.severity { return a.alert.severity > b.alert.severity }
            let (rankA, rankB) = (rank(a.alert.kind), rank(b.alert.kind))
            return rankA != rankB ? rankA < rankB : a.index < b.index
        }.map(\.alert)
    }

    private static func dedupeKey(_ alert: Alert) -> String {
        let subject = alert.group == nil && alert.node == nil ? alert.message : ""
        return "\(alert.kind.rawValue)|\(alert.group ?? "")|\(alert.node ?? "")|\(subject)"
    }

    private static func rank(_ kind: Alert.Kind) -> Int {
        switch kind {
        case .splitBrain: 0
        case .drbdSplitBrain: 1
        case .nodeDead: 2
        case .resourceFailed: 3
        case .linkDead: 4
        case .lateHeartbeat: 5
        case .configMismatch: 6
        case .badPackets: 7
        case .logFailed: 8
        case .unfencedOverride: 9
        case .noQuorum: 2
        case .moveConstraint: 6
        case .maintenance: 6
        case .nodeStandby: 9
        case .unknown: 10
        }
    }
}
