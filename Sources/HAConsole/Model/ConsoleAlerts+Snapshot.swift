import HAProtocol

extension ConsoleAlerts {
    /// A `cl_status` snapshot with the alerts a daemon would have put in its own: what an SOP
    /// condition and `haconsole status` read off a Heartbeat node.
    static func withClStatusAlerts(_ snapshot: ClusterSnapshot) -> ClusterSnapshot {
        var snapshot = snapshot
        snapshot.alerts = snapshotAlerts(snapshot, partitionEvidence: [], agesKnown: false)
        return snapshot
    }

    /// Alerts read off one snapshot: what the answering node sees now. `agesKnown` is false for
    /// a snapshot built from `cl_status`, which tells no last-heard ages.
    static func snapshotAlerts(_ snapshot: ClusterSnapshot, partitionEvidence: [String], agesKnown: Bool = true) -> [Alert] {
        var alerts: [Alert] = []
        for group in snapshot.groups where group.holders.count > 1 {
            alerts.append(
                Alert(
                    kind: .splitBrain, severity: .critical,
                    message: "\(group.holders.joined(separator: " and ")) both hold \(group.key)",
                    evidence: group.holders.map { "\($0) reports it holds \(group.key) (\(group.state.rawValue))" } + partitionEvidence,
                    group: group.key, since: group.since))
        }
        if alerts.isEmpty, let overlap = holdingOverlap(snapshot) { alerts.append(overlap) }
        for group in snapshot.groups where group.state == .failed {
            let node = group.holders.first ?? snapshot.localNode
            alerts.append(
                Alert(
                    kind: .resourceFailed, severity: .critical, message: "group \(group.key) failed on \(node)",
                    evidence: [group.lastError ?? "state failed, no error recorded"], node: node, group: group.key,
                    since: group.since))
        }
        for node in snapshot.nodes where node.name != snapshot.localNode {
            let unheard = agesKnown ? "never heard" : "cl_status on \(snapshot.localNode) says \(node.status.rawValue)"
            var found = nodeAlerts(node, timers: snapshot.timers, unheard: unheard)
            // The daemon's own word on a dead peer ("not fenced yet", "fencing … is failing")
            // says more than "is dead": it must survive the merge that raises the severity.
            if let daemon = snapshot.alerts.first(where: { $0.kind == .nodeDead && $0.node == node.name }) {
                for index in found.indices where found[index].kind == .nodeDead && found[index].severity != .info {
                    found[index].message = daemon.message
                }
            }
            alerts += found
        }
        alerts += configAlerts(snapshot)
        return alerts
    }

    /// Two active nodes whose `rsc_hold` classes overlap (both `all`, or `local` on one and
    /// `foreign` on the other): a split brain seen from either side, before groups are compared.
    private static func holdingOverlap(_ snapshot: ClusterSnapshot) -> Alert? {
        let members = snapshot.nodes.filter { $0.type == .normal && $0.status != .dead }
        guard members.count == 2, let a = members[0].holds, let b = members[1].holds else { return nil }
        let covers: (ResourceClass) -> (local: Bool, foreign: Bool) = {
            ($0 == .local || $0 == .all, $0 == .foreign || $0 == .all)
        }
        let (ca, cb) = (covers(a), covers(b))
        guard (ca.local && cb.foreign) || (ca.foreign && cb.local) else { return nil }
        return Alert(
            kind: .splitBrain, severity: .critical,
            message: "\(members[0].name) and \(members[1].name) both hold resources meant for one node",
            evidence: ["\(members[0].name) holds \(a.rawValue), \(members[1].name) holds \(b.rawValue)"])
    }

    private static func nodeAlerts(_ node: NodeSnapshot, timers: ClusterSnapshot.Timers, unheard: String) -> [Alert] {
        let heard = node.lastHeardAge.map { "last heard \(DisplayFormat.duration(milliseconds: $0)) ago" } ?? unheard
        let linkWords = node.links.map { "\($0.interface) \($0.status.rawValue)" }.joined(separator: ", ")
        if node.stoppedCleanly == true, node.status == .dead || node.status == .stopping {
            // A stop someone asked for (Heartbeat's `shutdone`): a notice, not a crash.
            return [
                Alert(
                    kind: .nodeDead, severity: .info,
                    message: node.status == .dead
                        ? "\(node.name) stopped cleanly (shutdown requested)" : "\(node.name) is stopping (shutdown requested)",
                    evidence: [heard + (linkWords.isEmpty ? "" : "; links \(linkWords)")], node: node.name)
            ]
        }
        if node.status == .dead {
            let isPing = node.type == .ping
            return [
                Alert(
                    kind: .nodeDead, severity: isPing ? .warning : .critical,
                    message: isPing ? "ping node \(node.name) does not answer" : "\(node.name) is dead",
                    evidence: [heard + (linkWords.isEmpty ? "" : "; links \(linkWords)")], node: node.name)
            ]
        }
        guard node.type == .normal, node.status == .active || node.status == .up else { return [] }
        var alerts: [Alert] = []
        let dead = node.links.filter { $0.status == .dead }
        if !dead.isEmpty {
            let up = node.links.count - dead.count
            let names = dead.map(\.interface).joined(separator: ", ")
            alerts.append(
                Alert(
                    kind: .linkDead, severity: up == 0 ? .critical : .warning,
                    message: up == 0
                        ? "no link to \(node.name) is up"
                        : "link \(names) to \(node.name) is dead (\(up) of \(node.links.count) up)",
                    evidence: dead.map { link in
                        "\(node.name):\(link.interface) dead, "
                            + (link.lastHeardAge.map { "last heard \(DisplayFormat.duration(milliseconds: $0)) ago" } ?? "never heard")
                    }, node: node.name))
        }
        if let age = node.lastHeardAge, age > timers.warntime {
            alerts.append(
                Alert(
                    kind: .lateHeartbeat, severity: .warning, message: "heartbeat from \(node.name) is late",
                    evidence: ["\(heard) (warntime \(DisplayFormat.duration(milliseconds: timers.warntime)))"], node: node.name))
        }
        return alerts
    }

    /// Every node whose advertised digest differs from the answering node's, naming the files.
    private static func configAlerts(_ snapshot: ClusterSnapshot) -> [Alert] {
        let localText = snapshot.configDigest ?? snapshot.node(snapshot.localNode)?.configDigest
        guard let localText, let local = ConfigDigest(localText) else { return [] }
        var alerts: [Alert] = []
        for node in snapshot.nodes where node.name != snapshot.localNode && node.type == .normal {
            guard let text = node.configDigest, let theirs = ConfigDigest(text) else { continue }
            let files = theirs.differences(from: local)
            guard !files.isEmpty else { continue }
            alerts.append(
                Alert(
                    kind: .configMismatch, severity: files.contains("haresources") ? .critical : .warning,
                    message: "\(node.name) runs another \(files.joined(separator: ", ")) than \(snapshot.localNode)",
                    evidence: ["\(snapshot.localNode): \(local)", "\(node.name): \(theirs)"], node: node.name))
        }
        return alerts
    }
}
