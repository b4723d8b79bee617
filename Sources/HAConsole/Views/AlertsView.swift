import HAProtocol

/// The alerts panel: each alert's cause on one row (severity glyph and word, message, in its
/// severity's role) and its first evidence line under it, critical first. When rows are
/// short, ``compactLines`` gives one row per alert.
enum AlertsView {
    static func frame(_ context: RenderContext, compact: Bool) -> PanelFrame? {
        guard !context.alerts.isEmpty else { return nil }
        let critical = context.alerts.contains { $0.severity == .critical }
        let title: StyledLine = [Span("Alerts \(context.alerts.count)", .role(critical ? .critical : .warning, bold: true))]
        var lines: [StyledLine] = []
        for alert in context.alerts {
            let role = RenderContext.role(alert.severity)
            let glyph: String
            let word: String
            switch alert.severity {
            case .critical: (glyph, word) = (context.glyphs.critical, "CRIT")
            case .warning: (glyph, word) = (context.glyphs.warning, "WARN")
            case .info: (glyph, word) = (context.glyphs.info, "info")
            }
            lines.append([
                Span(" "), Span("\(glyph) \(word)", .role(role, bold: true)), Span(" "),
                Span(alert.message, .role(role, bold: alert.severity == .critical)),
            ])
            if !compact, let evidence = alert.evidence.first {
                lines.append([Span("        "), Span(evidence, .role(.muted))])
            }
        }
        return PanelFrame(panel: .alerts, title: title, lines: lines)
    }

    /// Rows the panel wants with evidence, and without.
    static func rows(_ context: RenderContext) -> (full: Int, compact: Int) {
        guard !context.alerts.isEmpty else { return (0, 0) }
        let evidence = context.alerts.filter { !$0.evidence.isEmpty }.count
        return (1 + context.alerts.count + evidence, 1 + context.alerts.count)
    }
}
