import HAProtocol

/// The fencing panel (crm_mon's "Fencing History" idea): the resets the answering node owes dead
/// peers and has not finished, then its last few finished ones, newest first (time, victim,
/// device, result, how long the device took, what a failing one said). Nil when there is
/// neither: the device alone is named quietly in the nodes panel's title
/// (``deviceSpan(_:)``), so an idle pair spends no row on it.
enum FencingView {
    static func frame(_ context: RenderContext, width: Int) -> PanelFrame? {
        let state = context.state
        guard let snapshot = state.snapshot, reported(state) else { return nil }
        let pending = snapshot.fencesInProgress ?? []
        let history = FencingText.history(snapshot)
        guard !pending.isEmpty || !history.isEmpty else { return nil }
        var title: StyledLine = [Span("Fencing", .role(.header, bold: true))]
        title.append(Span(" \(FencingText.device(snapshot).text)", .role(.muted)))
        var table = Table(columns: [
            Table.Column(priority: 0), Table.Column(priority: 0, maxWidth: 24), Table.Column(priority: 0, maxWidth: 24),
            Table.Column(priority: 0), Table.Column(priority: 0), Table.Column(priority: 5),
            // What a failing device said matters more than who ran it: cut, never dropped.
            Table.Column(priority: 0, flexible: true, maxWidth: 80),
        ])
        for record in history {
            let (word, ok) = FencingText.result(record)
            let ended = snapshot.takenAt - Int64(record.age)
            table.rows.append([
                Span(state.clock.time(ended), .role(.muted)), Span(record.victim, .role(.accent)), Span(record.device),
                Span(word, .role(ok ? .ok : .critical, bold: !ok)),
                Span("in \(DisplayFormat.duration(milliseconds: record.duration))", .role(.muted)),
                Span("by \(record.fencer)", .role(.muted)), Span(record.detail ?? "", .role(.critical)),
            ])
        }
        var frame = PanelFrame(panel: .fencing, title: title, table: table, ellipsis: context.glyphs.ellipsis)
        frame.lines = pending.map { fence in
            let failing = fence.failures > 0
            let role: ColorRole = state.isStale ? .muted : failing ? .critical : .warning
            let glyph = failing ? context.glyphs.critical : context.glyphs.warning
            return [Span(" "), Span(glyph, .role(role, bold: true)), Span(" "), Span(FencingText.inProgress(fence), .role(role, bold: failing))]
        }
        return frame
    }

    /// The device this node fences with, for the nodes panel's title; `no fencing configured`
    /// is quiet unless a peer is dead, when it is a warning. Nil where the source cannot tell.
    static func deviceSpan(_ state: ConsoleState) -> Span? {
        guard let snapshot = state.snapshot, reported(state) else { return nil }
        let (text, configured) = FencingText.device(snapshot)
        let peerDead = snapshot.nodes.contains { $0.type == .normal && $0.name != snapshot.localNode && $0.status == .dead }
        return Span("  \(text)", .role(!configured && peerDead && !state.isStale ? .warning : .muted))
    }

    /// `cl_status` tells nothing about fencing: say nothing rather than "none".
    private static func reported(_ state: ConsoleState) -> Bool {
        if case .heartbeat = state.source { return false }
        return true
    }
}
