import HAProtocol

// The six checks. Each returns one item whose evidence names the value seen and where it was
// read, so an operator (and the audit trail) can tell a real no-go from a stale reading.
extension GoNoGo {
    static func nodes(_ state: ConsoleState, _ snapshot: ClusterSnapshot, from: String) -> Item {
        var red: [String] = []
        var seen: [String] = []
        if state.isStale {
            let age = state.dataAge.map { "\(DisplayFormat.duration(milliseconds: $0)) old" } ?? "no data"
            red.append("cluster data is stale (\(age), \(connectionText(state.connection)))")
        }
        let members = snapshot.nodes.filter { $0.type == .normal }
        for node in members {
            let text = "\(node.name) \(node.status.rawValue)"
            if node.status == .active { seen.append(text) } else { red.append(text) }
            if node.stable == false { red.append("\(node.name)'s resources are in transition") }
        }
        if members.count < 2 { red.append("\(members.count) node(s) in the cluster; a failover needs a peer") }
        for group in snapshot.groups {
            let holders = group.holders.isEmpty ? "nobody" : group.holders.joined(separator: " and ")
            let text = "\(group.key) held by \(holders), \(group.state.rawValue)"
            // A failed group is the resources check's; here: one holder, and not mid-move.
            let settled = group.holders.count == 1 && group.state != .starting && group.state != .stopping
            if settled { seen.append(text) } else { red.append(text) }
        }
        for alert in snapshot.alerts where alert.kind == .splitBrain { red.append("split_brain alert: \(alert.message)") }
        return Item(check: .nodes, go: red.isEmpty, evidence: (red.isEmpty ? seen : red), source: from)
    }

    static func config(_ snapshot: ClusterSnapshot, from: String) -> Item {
        let alerts = snapshot.alerts.filter { $0.kind == .configMismatch }
        var digests: [(node: String, digest: String)] = snapshot.nodes.compactMap { node in
            let digest = node.name == snapshot.localNode ? snapshot.configDigest ?? node.configDigest : node.configDigest
            return digest.map { (node.name, String($0.prefix(8))) }
        }
        if digests.isEmpty, let own = snapshot.configDigest { digests = [(snapshot.localNode, String(own.prefix(8)))] }
        let differ = Set(digests.map(\.digest)).count > 1
        let listed = digests.map { "\($0.node) \($0.digest)" }.joined(separator: ", ")
        if !alerts.isEmpty || differ {
            let evidence = alerts.map { "config_mismatch alert: \($0.message)" } + (differ ? ["digests differ: \(listed)"] : [])
            return Item(check: .config, go: false, evidence: evidence, source: from)
        }
        let seen = digests.count > 1 ? "same digest on all: \(listed)" : "no config_mismatch alert (digests: \(listed.isEmpty ? "none" : listed))"
        return Item(check: .config, go: true, evidence: [seen], source: from)
    }

    static func links(_ snapshot: ClusterSnapshot, from: String) -> Item {
        var red: [String] = []
        var seen: [String] = []
        for node in snapshot.nodes where node.type == .normal {
            if node.links.isEmpty, node.name != snapshot.localNode { red.append("no link heard from \(node.name)") }
            for link in node.links {
                let text = "\(node.name) \(link.interface) \(link.status.rawValue)"
                if link.status == .up { seen.append(text) } else { red.append(text) }
            }
        }
        for alert in snapshot.alerts where alert.kind == .linkDead { red.append("link_dead alert: \(alert.message)") }
        return Item(check: .links, go: red.isEmpty, evidence: (red.isEmpty ? (seen.isEmpty ? ["no links listed"] : seen) : red), source: from)
    }

    /// Every node's DRBD as the console holds it: this node's read here, a peer's from the
    /// summary in its heartbeats (``ConsoleState/drbdSources`` says which).
    static func drbd(_ state: ConsoleState) -> Item {
        var red: [String] = []
        var seen: [String] = []
        for node in state.nodeNames {
            guard let status = state.drbd[node] else { continue }
            let source = state.drbdSources[node].map { " (\($0))" } ?? ""
            for resource in status.resources {
                let problems = drbdProblems(resource)
                if problems.isEmpty {
                    seen.append("\(node) \(resource.name) \(resource.role.spelling) UpToDate\(source)")
                } else {
                    red.append("\(node) \(resource.name): \(problems.joined(separator: ", "))\(source)")
                }
            }
        }
        if red.isEmpty, seen.isEmpty { seen.append("no DRBD resource seen") }
        return Item(check: .drbd, go: red.isEmpty, evidence: red.isEmpty ? seen : red)
    }

    /// What is wrong with one resource for a failover: a disk that is not UpToDate on either
    /// side, a connection down, a resync or verify running, data out of sync, a split brain.
    static func drbdProblems(_ resource: DRBDResource) -> [String] {
        var problems: [String] = []
        if resource.isSplitBrainReported { problems.append("split brain reported") }
        // A resync first: it is what makes a disk Inconsistent, and what the operator waits for.
        for connection in resource.connections {
            for device in connection.peerDevices where device.replication.isResyncing {
                let done = device.sync?.percentDone.map { " \(DisplayFormat.percent($0)) done" } ?? ""
                problems.append("\(device.replication.spelling) with \(connection.name ?? "peer")\(done)")
            }
        }
        for device in resource.devices where device.disk != .upToDate && !(device.disk == .diskless && device.isClient == true) {
            problems.append("disk \(device.disk.spelling)")
        }
        for connection in resource.connections {
            let peer = connection.name ?? "peer"
            if connection.state != .connected { problems.append("connection to \(peer) \(connection.state.spelling)") }
            for device in connection.peerDevices {
                if device.peerDisk != .upToDate, !(device.peerDisk == .diskless && device.peerIsClient == true), connection.state == .connected {
                    problems.append("\(peer)'s disk \(device.peerDisk.spelling)")
                }
                if let outOfSync = device.outOfSyncKiB, outOfSync > 0 {
                    problems.append("\(DisplayFormat.size(kiB: outOfSync)) out of sync with \(peer)")
                }
            }
        }
        return problems
    }

    static func resources(_ snapshot: ClusterSnapshot, from: String) -> Item {
        var red: [String] = []
        for group in snapshot.groups where group.state == .failed {
            let holder = group.holders.first.map { " on \($0)" } ?? ""
            red.append("\(group.key) failed\(holder)\(group.lastError.map { ": \($0)" } ?? "")")
        }
        for alert in snapshot.alerts where alert.kind == .resourceFailed { red.append("resource_failed alert: \(alert.message)") }
        let seen = snapshot.groups.isEmpty ? "no resource groups" : "\(snapshot.groups.count) group(s), none failed"
        return Item(check: .resources, go: red.isEmpty, evidence: (red.isEmpty ? [seen] : red), source: from)
    }

    /// The followed node's device, in the words of the fencing panel (``FencingText``).
    static func fencing(_ state: ConsoleState, _ snapshot: ClusterSnapshot, from: String) -> Item {
        if case .heartbeat = state.source {
            return Item(check: .fencing, go: false, evidence: ["cl_status does not say whether a STONITH device is configured"], source: from)
        }
        var red: [String] = []
        let (device, configured) = FencingText.device(snapshot)
        if !configured { red.append(device) }
        for alert in snapshot.alerts where alert.kind == .unfencedOverride { red.append("unfenced_override alert: \(alert.message)") }
        return Item(check: .fencing, go: red.isEmpty, evidence: (red.isEmpty ? [device] : red), source: from)
    }
}
