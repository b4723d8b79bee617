import HAProtocol

extension PacemakerStatus {
    /// What Pacemaker itself reports that an operator must see, each with the command that
    /// clears it where there is one. Dead nodes and groups on two nodes are the console's own
    /// derivation from the snapshot, as for a pair.
    func alerts() -> [Alert] {
        var alerts: [Alert] = []
        if designatedController == nil {
            alerts.append(Alert(kind: .noQuorum, severity: .warning, message: "no designated controller: the cluster is electing one or cannot"))
        } else if !hasQuorum {
            alerts.append(
                Alert(
                    kind: .noQuorum, severity: .critical, message: "this partition has no quorum: it runs no resources",
                    evidence: ["crm_mon: with_quorum=\"false\""]))
        }
        if maintenanceMode {
            alerts.append(
                Alert(
                    kind: .maintenance, severity: .warning, message: "maintenance-mode is on: Pacemaker starts, stops and monitors nothing",
                    evidence: ["crm_attribute --type crm_config --name maintenance-mode --update false ends it"]))
        }
        for node in nodes {
            if node.unclean {
                alerts.append(
                    Alert(
                        kind: .nodeDead, severity: .critical, message: "\(node.name) is unclean: lost without a clean stop and not fenced yet",
                        evidence: ["crm_mon: unclean=\"true\""], node: node.name))
            }
            if node.standby && node.online {
                alerts.append(
                    Alert(
                        kind: .nodeStandby, severity: .info, message: "\(node.name) is in standby: it runs no resources",
                        evidence: ["crm_standby --node \(node.name) --update off brings it back"], node: node.name))
            }
            if node.maintenance {
                alerts.append(
                    Alert(
                        kind: .maintenance, severity: .warning, message: "\(node.name) is in maintenance: its resources are not managed",
                        node: node.name))
            }
        }
        for failure in failures {
            let stillRunning = resources.contains { resource in
                switch resource {
                case .primitive(let instance): instance.id == failure.resource && Self.active(instance)
                case .group(_, _, let members), .clone(_, _, _, let members): members.contains { $0.id == failure.resource && Self.active($0) }
                }
            }
            alerts.append(
                Alert(
                    kind: .resourceFailed, severity: stillRunning ? .warning : .critical,
                    message: "\(failure.resource): \(failure.task) failed on \(failure.node) (\(failure.status))",
                    evidence: [Self.describe(failure), "crm_resource --cleanup --resource \(failure.resource) clears it once fixed"],
                    node: failure.node, group: groupKey(of: failure.resource)))
        }
        // The newest fencing of each target (crm_mon lists the newest first): still running, or
        // failed with no success since, is what the daemon calls "not fenced yet"/"fencing failing".
        var seen: Set<String> = []
        for event in fenceEvents where seen.insert(event.target).inserted && event.status != "success" {
            let pending = event.status == "pending"
            alerts.append(
                Alert(
                    kind: .nodeDead, severity: pending ? .warning : .critical,
                    message: pending ? "\(event.target) is being fenced (\(event.action)) by \(event.executor)" : "fencing of \(event.target) failed",
                    evidence: [
                        "\(event.action) by \(event.executor): \(event.status)" + (event.reason.map { ": \($0)" } ?? "")
                            + (event.completed.map { " at \($0)" } ?? "")
                    ],
                    node: event.target))
        }
        for constraint in moveConstraints {
            let what = constraint.isBan ? "banned from \(constraint.node)" : "pinned to \(constraint.node)"
            alerts.append(
                Alert(
                    kind: .moveConstraint, severity: .warning,
                    message: "\(constraint.resource) is \(what) by \(constraint.id), left by a \(constraint.isBan ? "ban" : "move")",
                    evidence: ["crm_resource --clear --resource \(constraint.resource) removes it"], node: constraint.node,
                    group: groupKey(of: constraint.resource)))
        }
        return alerts
    }

    /// The snapshot group a resource belongs to: its own ID, or its group's or clone's.
    func groupKey(of resource: String) -> String? {
        for top in resources {
            switch top {
            case .primitive(let instance) where instance.id == resource: return resource
            case .group(let id, _, let members) where id == resource || members.contains(where: { $0.id == resource }): return id
            case .clone(let id, _, _, let instances) where id == resource || instances.contains(where: { $0.id == resource }): return id
            default: continue
            }
        }
        return nil
    }
}
