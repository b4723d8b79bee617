extension ConsoleView {
    /// The context the panels draw from: the scope filter applied to the state and the alerts
    /// (derived from the whole state first). The header and footer keep the whole context.
    static func scopedContext(_ full: RenderContext) -> RenderContext {
        guard full.state.browse.scope != nil else { return full }
        var context = full
        context.state = full.state.scoped()
        context.alerts = full.state.scopedAlerts(full.alerts)
        return context
    }

    /// Draws the open detail view, else the problems list, over the `body` rows under the
    /// header; false when neither is open (the panels are drawn then).
    static func drawBrowse(_ full: RenderContext, scoped: RenderContext, into screen: inout Screen, body: Int) -> Bool {
        if full.state.showTimeline {
            TimelinePanel.draw(into: &screen, top: 1, rows: body, context: full)
            return true
        }
        if let subject = full.state.browse.detail {
            DetailView.page(subject, context: full).draw(into: &screen, top: 1, rows: body, context: full)
            return true
        }
        guard full.state.browse.problemsOnly else { return false }
        ProblemsView.page(scoped).draw(into: &screen, top: 1, rows: body, context: scoped)
        return true
    }
}
