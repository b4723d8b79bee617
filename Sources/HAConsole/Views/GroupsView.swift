import HAProtocol

/// The resource-groups panel, one row per `haresources` group: its key, where it should run,
/// where it runs (two holders in the critical role), its state and since when; wider screens
/// add the rest of its resources and the last error.
enum GroupsView {
    static func frame(_ context: RenderContext, width: Int) -> PanelFrame {
        let state = context.state
        let groups = state.snapshot?.groups ?? []
        var title: StyledLine = [Span("Resource groups", .role(.header, bold: true))]
        guard !groups.isEmpty else {
            let why = state.snapshot == nil ? "no cluster data" : state.browse.scope != nil ? "none in this filter" : "no resource groups configured"
            return PanelFrame(panel: .groups, title: title, lines: [[Span(" \(why)", .role(.muted))]])
        }
        let running = groups.filter { $0.state == .running }.count
        title.append(Span(" \(running)/\(groups.count) running", .role(.muted)))
        var table = Table(columns: [
            Table.Column(priority: 0, flexible: true, maxWidth: 40), Table.Column(priority: 1),
            Table.Column(priority: 0), Table.Column(priority: 0), Table.Column(priority: 2),
            Table.Column(priority: 10), Table.Column(priority: 11, maxWidth: 48), Table.Column(priority: 12, maxWidth: 48),
        ])
        table.rows.reserveCapacity(groups.count)
        for group in groups {
            table.rows.append(row(group, context: context))
        }
        return PanelFrame(panel: .groups, title: title, table: table, ellipsis: context.glyphs.ellipsis)
    }

    private static func row(_ group: GroupSnapshot, context: RenderContext) -> [Span] {
        let state = context.state
        let stale = state.isStale
        let holders: Span
        switch group.holders.count {
        case 0: holders = Span("on -", .role(.muted))
        case 1: holders = Span("on \(group.holders[0])", group.holders[0] == group.preferredNode ? .plain : .role(.warning))
        default: holders = Span("on \(group.holders.joined(separator: "+"))", .role(.critical, bold: true))
        }
        let stateRole: ColorRole
        switch group.state {
        case .running: stateRole = .ok
        case .starting, .stopping: stateRole = .warning
        case .stopped: stateRole = .muted
        case .failed: stateRole = .critical
        }
        let since = group.since.map { "since \(state.clock.time($0))" } ?? ""
        let ago = group.since.map { "(\(state.clock.age(since: $0)) ago)" } ?? ""
        let others = group.resources.filter { $0 != group.key }.joined(separator: " ")
        return [
            Span(group.key, .role(.accent)), Span("pref \(group.preferredNode)", .role(.muted)), holders,
            Span(group.state == .failed ? "FAILED" : group.state.rawValue, .role(stale ? .muted : stateRole, bold: group.state == .failed)),
            Span(since, .role(.muted)), Span(ago, .role(.muted)), Span(others, .role(.muted)),
            Span(group.lastError ?? "", .role(.critical)),
        ]
    }
}
