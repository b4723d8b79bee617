import HAProtocol

extension StatusReport {
    /// `status`'s exit: 1 when the daemon cannot be reached, 2 when `alerts` has a critical one
    /// (the screen's `CRIT` lines), else 0.
    func exitCode(alerts: [Alert]) -> Int32 {
        guard daemon.reachable else { return 1 }
        return alerts.contains { $0.severity == .critical } ? 2 : 0
    }

    var exitCode: Int32 { exitCode(alerts: alerts) }

    var text: String { text(alerts: alerts) }

    /// The text report: the cluster as the answering node sees it, then every alert in the
    /// screen's order (`CRITICAL: …`, `WARNING: …`, `INFO: …`), this node's DRBD and the log.
    func text(alerts: [Alert]) -> String {
        var out: [String] = []
        if let snapshot {
            if daemon.socket.hasPrefix("crm_mon") {
                out.append("Pacemaker (\(daemon.socket)) on \(snapshot.localNode)")
            } else {
                let who = daemon.socket.hasPrefix("cl_status") ? "Heartbeat (\(daemon.socket))" : "hadaemon"
                out.append("\(who) on \(snapshot.localNode): cluster \(snapshot.cluster), auto_failback \(snapshot.autoFailback.rawValue)")
            }
            for node in snapshot.nodes {
                let links = node.links.map { "\($0.interface) \($0.status.rawValue)" }.joined(separator: ", ")
                out.append(
                    "  node \(node.name): \(node.status.rawValue)\(node.holds.map { ", holds \($0.rawValue)" } ?? "")\(links.isEmpty ? "" : " [\(links)]")"
                )
            }
            for group in snapshot.groups {
                out.append(
                    "  group \(group.key): \(group.state.rawValue) on \(group.holders.isEmpty ? "nobody" : group.holders.joined(separator: " and ")) (home \(group.preferredNode.isEmpty ? "none" : group.preferredNode))"
                )
            }
            out += Self.fencingLines(snapshot, fromHeartbeat: daemon.socket.hasPrefix("cl_status"))
        } else {
            let who =
                daemon.socket.hasPrefix("cl_status")
                ? "Heartbeat: no answer from \(daemon.socket)"
                : daemon.socket.hasPrefix("crm_mon") ? "Pacemaker: no answer from \(daemon.socket)" : "hadaemon: not reachable at \(daemon.socket)"
            out.append("\(who)\(daemon.error.map { ": \($0)" } ?? "")")
        }
        for alert in alerts { out.append("  \(alert.severity.rawValue.uppercased()): \(alert.message)") }
        if let local = drbd.local {
            for resource in local.resources {
                let peers = resource.connections.map { "\($0.name ?? "peer") \($0.state.spelling) \($0.peerRole.spelling)" }.joined(separator: ", ")
                let disks = resource.devices.map { $0.disk.spelling }.joined(separator: "/")
                out.append("  drbd \(resource.name): \(resource.role.spelling), disk \(disks)\(peers.isEmpty ? "" : ", \(peers)")")
            }
        } else {
            out.append("  drbd: \(drbd.error ?? "none (\(drbd.source))")")
        }
        if let error = log.error { out.append("  log: \(error)") }
        out += log.lines.map { "  | \($0)" }
        return out.joined(separator: "\n")
    }
}
