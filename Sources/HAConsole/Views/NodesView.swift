import HAProtocol

/// The nodes panel, one row per node as the answering daemon sees it: status glyph and word,
/// name, when last heard, each heartbeat link, generation, and what it holds (`transition`
/// while not settled, as `cl_status rscstatus` says); wider screens add dead time and digest. Stale data is drawn muted with `?`: never a green dot for a state nobody vouches for.
enum NodesView {
    static func frame(_ context: RenderContext, width: Int) -> PanelFrame {
        let state = context.state
        let nodes = state.snapshot?.nodes ?? []
        var title: StyledLine = [Span("Nodes", .role(.header, bold: true))]
        guard !nodes.isEmpty else {
            let why = state.snapshot == nil ? "no cluster data" : state.browse.scope != nil ? "none in this filter" : "no nodes configured"
            return PanelFrame(panel: .nodes, title: title, lines: [[Span(" \(why)", .role(.muted))]])
        }
        let active = nodes.filter { $0.type == .normal && $0.status == .active }.count
        let normal = nodes.filter { $0.type == .normal }.count
        title.append(Span(" \(active)/\(normal) active", .role(.muted)))
        if let fencing = FencingView.deviceSpan(state) { title.append(fencing) }
        let linkCount = nodes.map(\.links.count).max() ?? 0
        var columns: [Table.Column] = [
            Table.Column(priority: 0), Table.Column(priority: 0, flexible: true, maxWidth: 24), Table.Column(priority: 1),
        ]
        columns += (0..<linkCount).map { Table.Column(priority: 2 + $0) }
        columns += [
            Table.Column(priority: 10), Table.Column(priority: 11), Table.Column(priority: 30), Table.Column(priority: 31),
        ]
        var table = Table(columns: columns)
        table.rows.reserveCapacity(nodes.count)
        for node in nodes {
            table.rows.append(row(node, linkCount: linkCount, context: context))
        }
        return PanelFrame(panel: .nodes, title: title, table: table, ellipsis: context.glyphs.ellipsis)
    }

    private static func row(_ node: NodeSnapshot, linkCount: Int, context: RenderContext) -> [Span] {
        let state = context.state
        let isLocal = node.name == state.localNode
        var cells: [Span] = [status(node, context: context)]
        cells.append(Span(node.name, isLocal ? .role(.accent, bold: true) : .plain))
        if isLocal {
            cells.append(Span("local", .role(.muted)))
        } else {
            // cl_status tells no ages: say so rather than "never heard".
            let unknown = state.source.knowsAges ? "never heard" : "age n/a"
            cells.append(Span(node.lastHeardAge.map { "heard \(DisplayFormat.duration(milliseconds: $0))" } ?? unknown, .role(.muted)))
        }
        for index in 0..<linkCount {
            guard index < node.links.count else {
                cells.append(Span(""))
                continue
            }
            let link = node.links[index]
            let up = link.status == .up
            let role: ColorRole = state.isStale ? .muted : up ? .ok : .critical
            cells.append(Span("\(link.interface) \(up ? "up" : "DEAD")", .role(role, bold: !up)))
        }
        cells.append(Span(node.generation.map { "gen \($0)" } ?? "", .role(.muted)))
        // `cl_status rscstatus` words: what it holds, or `transition` while not settled.
        if node.stable == false {
            cells.append(Span("holds \(node.holds?.rawValue ?? "?") (transition)", .role(.warning)))
        } else if node.holds == .local, let groups = context.state.snapshot?.groups, !groups.contains(where: { $0.holders.contains(node.name) }) {
            // `local` on a node that holds no group (the demo's bravo, preferred for none): it
            // holds nothing, and two nodes both reading `holds local` looked like a split brain.
            cells.append(Span("holds nothing (local)"))
        } else {
            cells.append(Span(node.holds.map { "holds \($0.rawValue)" } ?? ""))
        }
        cells.append(Span(node.advertisedDeadtime.map { "deadtime \(DisplayFormat.duration(milliseconds: $0))" } ?? "", .role(.muted)))
        cells.append(Span(node.configDigest ?? "", .role(.muted)))
        return cells
    }

    /// `● active`, `○ up`, `✖ DEAD`, `? active` when stale.
    private static func status(_ node: NodeSnapshot, context: RenderContext) -> Span {
        let glyphs = context.glyphs
        if context.state.isStale { return Span("\(glyphs.unknown) \(node.status.rawValue)", .role(.muted)) }
        switch node.status {
        case .active: return Span("\(glyphs.online) active", .role(.ok))
        case .ping: return Span("\(glyphs.online) ping", .role(.ok))
        case .up, .`init`: return Span("\(glyphs.standby) \(node.status.rawValue)", .role(.warning))
        case .stopping: return Span("\(glyphs.standby) stopping", .role(.warning))
        case .dead: return Span("\(glyphs.offline) DEAD", .role(.critical, bold: true))
        }
    }
}
