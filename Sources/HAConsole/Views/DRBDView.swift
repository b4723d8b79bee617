import HAProtocol

/// The DRBD panel: every resource on every node, from each node's own reading or its heartbeat
/// summary. Where the width allows and each node has one peer per resource, nodes stand side
/// by side (one row per volume, one column group per node); otherwise one row per resource,
/// node, peer and volume, grouped by resource so the nodes' views sit one under the other.
enum DRBDView {
    static func frame(_ context: RenderContext, width: Int) -> PanelFrame? {
        let state = context.state
        let nodes = state.nodeNames.filter { state.drbd[$0] != nil || state.drbdProblems[$0] != nil }
        guard !nodes.isEmpty else { return nil }
        var title: StyledLine = [Span("DRBD", .role(.header, bold: true))]
        let sources = nodes.map { "\($0) \(state.drbdSources[$0] ?? "-")" }.joined(separator: ", ")
        title.append(Span(" " + sources, .role(.muted)))
        var problems: [StyledLine] = []
        for node in nodes {
            if let problem = state.drbdProblems[node] {
                problems.append([Span(" "), Span(node, .role(.accent)), Span("  "), Span(problem, .role(.warning))])
            }
        }
        if let pivot = pivotLines(context, nodes: nodes, width: width) {
            return PanelFrame(panel: .drbd, title: title, lines: pivot + problems)
        }
        let table = rowTable(context, nodes: nodes, width: width)
        if table.rows.isEmpty, problems.isEmpty { problems = [[Span(" no DRBD resources", .role(.muted))]] }
        return PanelFrame(panel: .drbd, title: title, table: table, ellipsis: context.glyphs.ellipsis, trailing: problems)
    }

    /// Resource names in the order first seen across nodes, with each node's resource.
    static func resources(_ state: ConsoleState, nodes: [String]) -> [(name: String, byNode: [String: DRBDResource])] {
        var order: [String] = []
        var table: [String: [String: DRBDResource]] = [:]
        for node in nodes {
            for resource in state.drbd[node]?.resources ?? [] {
                if table[resource.name] == nil { order.append(resource.name) }
                table[resource.name, default: [:]][node] = resource
            }
        }
        return order.map { ($0, table[$0]!) }
    }

    /// The volumes a resource has on any node, sorted; `[0]` when none says.
    static func volumes(_ byNode: [String: DRBDResource]) -> [Int] {
        var volumes = Set<Int>()
        for resource in byNode.values {
            for device in resource.devices { volumes.insert(device.volume) }
            for connection in resource.connections { for peer in connection.peerDevices { volumes.insert(peer.volume) } }
        }
        return volumes.isEmpty ? [0] : volumes.sorted()
    }

    private static func rowTable(_ context: RenderContext, nodes: [String], width: Int) -> Table {
        let state = context.state
        let all = resources(state, nodes: nodes)
        let multiPeer = all.contains { $0.byNode.values.contains { $0.connections.count > 1 } }
        var table = Table(columns: [
            Table.Column(priority: 0, flexible: true, maxWidth: 20), Table.Column(priority: 0, maxWidth: 16),
            Table.Column(priority: multiPeer ? 3 : 40, maxWidth: 16), Table.Column(priority: 1), Table.Column(priority: 2),
            Table.Column(priority: 2), Table.Column(priority: 4), Table.Column(priority: 5), Table.Column(priority: 30),
        ])
        for (name, byNode) in all {
            let volumes = volumes(byNode)
            for node in nodes {
                guard let resource = byNode[node] else { continue }
                let connections: [DRBDConnection?] = resource.connections.isEmpty ? [nil] : resource.connections
                for connection in connections {
                    for volume in volumes {
                        let cells = DRBDCells(resource: resource, connection: connection, volume: volume, stale: false)
                        let label = volumes.count > 1 ? "\(name)/\(volume)" : name
                        let minor = resource.device(volume: volume)?.minor.map { "minor \($0)" } ?? ""
                        table.rows.append([
                            Span(label, .role(.accent)), Span(node, node == state.localNode ? .role(.accent, bold: true) : .plain),
                            Span(connection?.name.map { "@\($0)" } ?? "", .role(.muted)), cells.connection, cells.roles,
                            cells.disks, cells.sync, cells.outOfSync, Span(minor, .role(.muted)),
                        ])
                    }
                }
            }
        }
        // Single spaces rather than losing the sync ETA at 80 columns.
        if table.naturalWidth() > width - 1 { table.gap = 1 }
        return table
    }
}
