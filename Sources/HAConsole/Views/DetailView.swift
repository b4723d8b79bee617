import HAProtocol

/// The detail view (Enter on a row): everything the console knows about one node, group or
/// DRBD resource, then each alert that concerns it with its evidence, where each evidence line
/// was observed and when (``AlertEvidence``), and the states that make it a problem though no
/// alert says so. Esc or Backspace closes it; the arrow keys scroll it.
///
/// Lines do not depend on the screen's width (long ones are cut at the edge), so the model can
/// bound the scroll without a frame.
enum DetailView {
    /// The page for the open subject, from the whole state (a scope filter does not hide what
    /// is known about the subject itself).
    static func page(_ subject: ConsoleSubject, context: RenderContext) -> BodyPage {
        let title: StyledLine = [
            Span(subject.label.prefix(1).uppercased() + subject.label.dropFirst(), .role(.header, bold: true)),
            Span("  Esc back", .role(.muted)),
        ]
        return BodyPage(title: title, lines: lines(subject, context: context), scroll: context.state.browse.detailScroll)
    }

    /// Every line of `subject`'s detail.
    static func lines(_ subject: ConsoleSubject, context: RenderContext) -> [StyledLine] {
        var lines: [StyledLine]
        switch subject {
        case .node(let name), .links(let name): lines = nodeLines(name, context: context)
        case .group(let key): lines = groupLines(key, context: context)
        case .drbd(let name): lines = drbdLines(name, context: context)
        case .cluster: lines = []
        }
        lines.append([])
        lines += alertLines(subject, context: context)
        return lines
    }

    /// `  status      active`: a field name in a fixed column, then its value.
    static func field(_ name: String, _ value: StyledLine) -> StyledLine {
        [Span("  " + TextFit.pad(name, to: 12), .role(.muted))] + value
    }

    /// A line under a field, in the value's column.
    static func continued(_ value: StyledLine) -> StyledLine {
        [Span(String(repeating: " ", count: 14))] + value
    }

    static func heading(_ text: String) -> StyledLine {
        [Span(" " + text, .role(.header, bold: true))]
    }

    // MARK: - Alerts and evidence

    /// The alerts that concern `subject` (for a node also its links' and those naming it), each
    /// with its evidence and the evidence's feed and time, then the problems no alert states.
    static func alertLines(_ subject: ConsoleSubject, context: RenderContext) -> [StyledLine] {
        let state = context.state
        let alerts = context.alerts.filter { concerns($0, subject, state: state) }
        let observations = ProblemList(state: state, alerts: []).problem(about: subject)?.observations ?? []
        let evidence = Set(alerts.flatMap(\.evidence))
        let unstated = observations.filter { !evidence.contains($0.text) }
        guard !alerts.isEmpty || !unstated.isEmpty else {
            return [heading("Alerts"), [Span("  none concern it", .role(.muted))]]
        }
        var lines = [heading("Alerts \(alerts.count)")]
        for alert in alerts {
            let role = RenderContext.role(alert.severity)
            var line: StyledLine = [
                Span("  "), ProblemsView.severity(alert.severity, context: context), Span(" "),
                Span(alert.message, .role(role, bold: alert.severity == .critical)),
            ]
            if let since = alert.since {
                line.append(Span("  since \(state.clock.time(since)) (\(state.clock.age(since: since)) ago)", .role(.muted)))
            }
            lines.append(line)
            for item in AlertEvidence.of(alert, in: state) {
                lines.append([Span("       "), Span(item.line)])
                let when = item.when.map { ", \($0)" } ?? ""
                lines.append([Span("         from \(item.feed)\(when)", .role(.muted))])
            }
        }
        if !unstated.isEmpty {
            lines.append(heading("Not healthy (no alert)"))
            for observation in unstated {
                lines.append([
                    Span("  "), ProblemsView.severity(observation.severity, context: context), Span(" "), Span(observation.text),
                ])
                lines.append([Span("         from \(observationFeed(subject, state: state))", .role(.muted))])
            }
        }
        return lines
    }

    /// Whether `alert` is about `subject`: its own subject, or for a node, its links, the DRBD
    /// resources it has and any alert that names it.
    static func concerns(_ alert: Alert, _ subject: ConsoleSubject, state: ConsoleState) -> Bool {
        let own = ConsoleSubject(alert: alert)
        if own == subject { return true }
        if case .node(let name) = subject, case .drbd(let resource) = own {
            return state.drbd[name]?.resources.contains { $0.name == resource } ?? false
        }
        if case .node(let name) = subject { return own == .links(name) || alert.node == name }
        if case .links(let name) = subject { return own == .node(name) || alert.node == name }
        return false
    }

    /// Where a state-read problem of `subject` comes from.
    private static func observationFeed(_ subject: ConsoleSubject, state: ConsoleState) -> String {
        switch subject {
        case .drbd:
            let sources = state.nodeNames.compactMap { node in state.drbdSources[node].map { "\(node) \($0)" } }
            return "DRBD " + sources.joined(separator: ", ")
        case .cluster: return "this console's connection"
        default:
            guard let snapshot = state.snapshot else { return "no snapshot" }
            let feed = state.source.toolOrigin ?? "daemon on \(snapshot.localNode)"
            return feed + ", snapshot \(state.clock.time(snapshot.takenAt))"
        }
    }
}
