import HAProtocol

extension DRBDView {
    /// Nodes side by side: a heading row of node names, then one row per resource volume with
    /// a `cs ro ds sync oos` group per node. Nil when it does not fit in `width` without
    /// dropping a column, when a resource has several peers on one node, or with one node.
    static func pivotLines(_ context: RenderContext, nodes: [String], width: Int) -> [StyledLine]? {
        let state = context.state
        guard nodes.count >= 2, nodes.count <= 4 else { return nil }
        let all = resources(state, nodes: nodes)
        guard !all.isEmpty, !all.contains(where: { $0.byNode.values.contains { $0.connections.count > 1 } }) else { return nil }
        let perNode = 6
        var columns = [Table.Column(priority: 1, maxWidth: 20)]
        for _ in nodes { columns += (0..<perNode).map { _ in Table.Column(priority: 1) } }
        var table = Table(columns: columns)
        var heading: [Span] = [Span("")]
        for node in nodes {
            heading += [Span(String(context.glyphs.vertical), .role(.muted))]
            heading += [Span(node, node == state.localNode ? .role(.accent, bold: true) : .role(.header, bold: true))]
            heading += (0..<(perNode - 2)).map { _ in Span("") }
        }
        table.rows.append(heading)
        for (name, byNode) in all {
            let volumes = volumes(byNode)
            for volume in volumes {
                var row: [Span] = [Span(volumes.count > 1 ? "\(name)/\(volume)" : name, .role(.accent))]
                for node in nodes {
                    row.append(Span(String(context.glyphs.vertical), .role(.muted)))
                    guard let resource = byNode[node] else {
                        row += [Span("not on this node", .role(.muted))] + (0..<(perNode - 2)).map { _ in Span("") }
                        continue
                    }
                    let cells = DRBDCells(resource: resource, connection: resource.connections.first, volume: volume, stale: false)
                    row += [cells.connection, cells.roles, cells.disks, cells.sync, cells.outOfSync]
                }
                table.rows.append(row)
            }
        }
        guard table.naturalWidth() <= width - 1 else { return nil }
        return table.lines(width: width, ellipsis: context.glyphs.ellipsis)
    }
}
