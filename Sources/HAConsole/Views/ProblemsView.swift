import HAProtocol

/// The problems-only view (`!`, DRBDmon's problem mode): every node, link, group and DRBD
/// resource with a problem, one block each, most severe first: the severity, the subject, the
/// alert that makes it a problem (or the state that does), its first evidence, then the
/// subject's other alerts and observations. With none: `No problems: 2 nodes, 1 group, 1 DRBD
/// resource all healthy`, which is never shown while the data is stale or missing (that is a
/// problem itself, ``ProblemList``).
enum ProblemsView {
    /// The page for `context` (already scoped), the selected problem's block marked.
    static func page(_ context: RenderContext) -> BodyPage {
        let state = context.state
        let list = ProblemList(state: state, alerts: context.alerts)
        var title: StyledLine = [Span("Problems only", .role(.header, bold: true))]
        guard !list.isEmpty else {
            let line: StyledLine = [Span(" "), Span("\(context.glyphs.online) \(list.allHealthyLine)", .role(.ok, bold: true))]
            title.append(Span("  nothing is wrong; ! shows all", .role(.muted)))
            return BodyPage(title: title, lines: [line])
        }
        let critical = list.problems.contains { $0.severity == .critical }
        title = [Span("Problems \(list.problems.count)", .role(critical ? .critical : .warning, bold: true))]
        title.append(Span("  only what is wrong; ! shows all", .role(.muted)))
        var lines: [StyledLine] = []
        var selected: Range<Int>?
        let index = min(state.browse.problemIndex, list.problems.count - 1)
        for (position, problem) in list.problems.enumerated() {
            let start = lines.count
            lines += block(problem, context: context)
            if position == index { selected = start..<lines.count }
        }
        return BodyPage(title: title, lines: lines, selected: selected)
    }

    /// `▲ CRIT  DRBD r0  r0 may be in split brain …`, its first evidence, then the rest.
    static func block(_ problem: ProblemList.Problem, context: RenderContext) -> [StyledLine] {
        let role = RenderContext.role(problem.severity)
        var lines: [StyledLine] = [
            [
                Span(" "), severity(problem.severity, context: context), Span("  "), Span(problem.subject.label, .role(.accent, bold: true)),
                Span("  "),
                Span(problem.headline, .role(role, bold: problem.severity == .critical)),
            ]
        ]
        let indent = Span("        ")
        if let first = problem.alerts.first?.evidence.first { lines.append([indent, Span(first, .role(.muted))]) }
        for alert in problem.alerts.dropFirst() {
            lines.append([
                indent, severity(alert.severity, context: context), Span(" "), Span(alert.message, .role(RenderContext.role(alert.severity))),
            ])
        }
        let evidence = Set(problem.alerts.flatMap(\.evidence))
        let observations = problem.observations.filter { !evidence.contains($0.text) }
        for observation in observations.dropFirst(problem.alerts.isEmpty ? 1 : 0) {
            lines.append([indent, Span(observation.text, .role(.muted))])
        }
        return lines
    }

    /// `▲ CRIT`, `△ WARN`, `i info`.
    static func severity(_ severity: Alert.Severity, context: RenderContext) -> Span {
        let role = RenderContext.role(severity)
        switch severity {
        case .critical: return Span("\(context.glyphs.critical) CRIT", .role(role, bold: true))
        case .warning: return Span("\(context.glyphs.warning) WARN", .role(role, bold: true))
        case .info: return Span("\(context.glyphs.info) info", .role(role, bold: true))
        }
    }
}
