import HAProtocol

extension ConsoleAlerts {
    /// DRBD alerts from every node's view of each resource, compared across nodes.
    ///
    /// Each node's resource is assessed against its peers' (``DRBDSplitBrainLevel``): a peer is
    /// the node a DRBD 9 connection names, or in a pair the other node. Primary on two nodes is
    /// flagged from the nodes' own roles, so it shows even while each side sees its peer as
    /// Unknown (before DRBD notices anything); it is critical in both forms, since a Heartbeat
    /// pair runs single-primary.
    static func drbdAlerts(_ state: ConsoleState) -> [Alert] {
        var byName: [String: [(node: String, resource: DRBDResource)]] = [:]
        var names: [String] = []
        for node in state.nodeNames {
            guard let status = state.drbd[node] else { continue }
            for resource in status.resources {
                if byName[resource.name] == nil { names.append(resource.name) }
                byName[resource.name, default: []].append((node, resource))
            }
        }
        var alerts: [Alert] = []
        for name in names {
            let views = byName[name]!
            if let alert = alert(for: name, views: views) { alerts.append(alert) }
        }
        return alerts
    }

    private static func alert(for name: String, views: [(node: String, resource: DRBDResource)]) -> Alert? {
        var level = DRBDSplitBrainLevel.none
        let nodes = Set(views.map(\.node))
        for view in views {
            let peerNames = view.resource.connections.compactMap(\.name).filter { nodes.contains($0) && $0 != view.node }
            var peers = views.filter { peerNames.contains($0.node) }
            if peers.isEmpty, views.count == 2 { peers = views.filter { $0.node != view.node } }
            if peers.isEmpty {
                level = max(level, DRBDSplitBrainLevel.assess(local: view.resource, peer: nil))
            }
            for peer in peers { level = max(level, DRBDSplitBrainLevel.assess(local: view.resource, peer: peer.resource)) }
        }
        let primaries = views.filter { $0.resource.role == .primary }.map(\.node)
        let selfDual = views.first { $0.resource.isDualPrimary }
        let evidence = views.map { stateLine(node: $0.node, resource: $0.resource) }
        switch level {
        case .confirmed:
            return Alert(
                kind: .drbdSplitBrain, severity: .critical, message: "DRBD reported a split brain on \(name)",
                evidence: evidence, group: "drbd:\(name)")
        case .probable:
            return Alert(
                kind: .drbdSplitBrain, severity: .critical,
                message: "\(name) is Primary on \(both(primaries)) while disconnected: the data is diverging",
                evidence: evidence, group: "drbd:\(name)")
        default:
            break
        }
        if primaries.count > 1 || selfDual != nil {
            let who = primaries.count > 1 ? both(primaries) : "\(selfDual!.node) and its peer"
            return Alert(
                kind: .drbdSplitBrain, severity: .critical, message: "\(name) is Primary on \(who) (Primary/Primary)",
                evidence: evidence, group: "drbd:\(name)")
        }
        if level == .suspect {
            return Alert(
                kind: .drbdSplitBrain, severity: .warning,
                message: "\(name) may be in split brain (StandAlone, peer Unknown; or disconnected by hand)",
                evidence: evidence, group: "drbd:\(name)")
        }
        return nil
    }

    private static func both(_ nodes: [String]) -> String {
        nodes.count == 2 ? "both \(nodes[0]) and \(nodes[1])" : nodes.joined(separator: ", ")
    }

    /// `alpha: r0 StandAlone Primary/Unknown UpToDate/DUnknown oos 135M`: one node's view of a
    /// resource in `/proc/drbd` words, first connection and volume.
    static func stateLine(node: String, resource: DRBDResource) -> String {
        let connection = resource.connections.first
        let device = resource.devices.first
        let peerDevice = connection?.peerDevices.first
        var words = [
            "\(node): \(resource.name)", connection?.state.spelling ?? "no-peer",
            "\(resource.role.spelling)/\(connection?.peerRole.spelling ?? "-")",
            "\(device?.disk.spelling ?? "-")/\(peerDevice?.peerDisk.spelling ?? "-")",
        ]
        if let replication = peerDevice?.replication, replication != .established, replication != .off {
            words.append(replication.spelling)
        }
        if let oos = resource.devices.compactMap({ resource.outOfSyncKiB(volume: $0.volume) }).max(), oos > 0 {
            words.append("oos \(DisplayFormat.size(kiB: oos))")
        }
        if resource.isSplitBrainReported { words.append("split-brain reported") }
        return words.joined(separator: " ")
    }
}
