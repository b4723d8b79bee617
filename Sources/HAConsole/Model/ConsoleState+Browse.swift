import HAProtocol

/// The keys of ``ConsoleBrowse``: `!` problems only, `o` a node or group filter, a row
/// selected with the arrow keys (or `j`/`k`) in the nodes, groups and DRBD panels or the
/// problems list, Enter to open its detail, Esc or Backspace to close it.
///
/// Each key means one thing on each screen: in the detail view the arrows scroll it, in the
/// problems list they move the selection, in a selectable panel they move its selection, and
/// elsewhere (the log, alerts, fencing) they scroll as before. Keys that act on panels the
/// current screen does not show are swallowed rather than changing something unseen.
extension ConsoleState {
    /// Applies `key` to the browse state; nil when the key is not browse's (the panels' keys,
    /// ``handle(_:pageSize:)``, take it then). `enterFree` is false while an SOP run takes Enter.
    mutating func browseKey(_ key: ConsoleKey, pageSize: Int, enterFree: Bool = true) -> ConsoleEffect? {
        if inputMode == .scope {
            guard key == .tab || key == .backTab else { return nil }
            cycleScopeDraft(forward: key == .tab)
            return .redraw
        }
        guard inputMode == .normal, !showHelp else { return nil }
        switch key {
        case .character("!"):
            showTimeline = false
            browse.problemsOnly.toggle()
            browse.detail = nil
            browse.problemIndex = 0
            return .redraw
        case .character("o"):
            showTimeline = false
            inputMode = .scope
            draft = ""
            return .redraw
        default: break
        }
        if key == .character("t") || showTimeline { return timelineKey(key, pageSize: pageSize) }
        if browse.detail != nil { return detailKey(key, pageSize: pageSize) }
        if browse.problemsOnly { return problemsKey(key, pageSize: pageSize, enterFree: enterFree) }
        if key == .escape, browse.scope != nil {
            clearScope()
            return .redraw
        }
        guard ConsoleBrowse.selectablePanels.contains(focus) else { return nil }
        let subjects = selectableSubjects(focus)
        if key == .enter, enterFree {
            let index = min(browse.selection[focus] ?? 0, subjects.count - 1)
            guard index >= 0 else { return .redraw }
            open(subjects[index])
            return .redraw
        }
        guard let moved = move(browse.selection[focus] ?? 0, by: key, count: subjects.count, pageSize: pageSize) else { return nil }
        browse.selection[focus] = moved
        return .redraw
    }

    /// The subjects a selectable panel lists, in its row order, as the scope shows them.
    func selectableSubjects(_ panel: Panel) -> [ConsoleSubject] {
        let shown = scoped()
        switch panel {
        case .nodes: return shown.snapshot?.nodes.map { .node($0.name) } ?? []
        case .groups: return shown.snapshot?.groups.map { .group($0.key) } ?? []
        case .drbd:
            let nodes = shown.nodeNames.filter { shown.drbd[$0] != nil }
            return DRBDView.resources(shown, nodes: nodes).map { .drbd($0.name) }
        default: return []
        }
    }

    /// The problems the problems view lists now (scoped).
    var problemList: ProblemList {
        ProblemList(state: scoped(), alerts: scopedAlerts(ConsoleAlerts.derive(from: self)))
    }

    /// Sets the typed scope on Enter: empty clears it, a name that matches no node or group (or
    /// several) leaves it as it was and says so.
    mutating func commitScope() {
        let text = String(String(draft.drop { $0 == " " }.reversed()).drop { $0 == " " }.reversed())
        guard !text.isEmpty else {
            clearScope()
            return
        }
        guard let subject = scope(named: text) else {
            message = Message(text: "no single node or group matches \"\(text)\"", severity: .warning, expiresAt: clock.now + 3000)
            return
        }
        browse.scope = subject
        browse.selection = [:]
        browse.problemIndex = 0
    }

    private mutating func clearScope() {
        browse.scope = nil
        browse.selection = [:]
        browse.problemIndex = 0
    }

    private mutating func open(_ subject: ConsoleSubject) {
        browse.detail = subject
        browse.detailScroll = 0
    }

    private mutating func detailKey(_ key: ConsoleKey, pageSize: Int) -> ConsoleEffect? {
        switch key {
        case .escape, .backspace:
            browse.detail = nil
            return .redraw
        case .character("q"), .control, .character("?"), .function, .character("R"), .character("p"), .character("F"), .character("S"):
            return nil
        default:
            guard let subject = browse.detail else { return nil }
            let count = DetailView.lines(subject, context: RenderContext(state: self, options: RenderOptions())).count
            // The body shows at least about two page sizes (a third of the screen each): scrolling
            // stops once the last line is on screen, not when it reaches the top.
            let visible = max(1, 2 * pageSize - 3)
            if let moved = move(browse.detailScroll, by: key, count: count, pageSize: pageSize) {
                browse.detailScroll = min(moved, max(0, count - visible))
            }
            return .redraw
        }
    }

    private mutating func problemsKey(_ key: ConsoleKey, pageSize: Int, enterFree: Bool) -> ConsoleEffect? {
        switch key {
        case .escape:
            if browse.scope != nil { clearScope() } else { browse.problemsOnly = false }
            return .redraw
        case .enter where enterFree:
            let problems = problemList.problems
            guard browse.problemIndex < problems.count, let subject = problems[browse.problemIndex].subject.detailSubject else {
                return .redraw
            }
            open(subject)
            return .redraw
        case .character("q"), .control, .character("?"), .function, .character("R"), .character("p"), .character("F"), .character("S"):
            return nil
        default:
            let count = problemList.problems.count
            if let moved = move(browse.problemIndex, by: key, count: count, pageSize: pageSize) { browse.problemIndex = moved }
            return .redraw
        }
    }

    /// The index `key` moves `index` to among `count` rows; nil when the key does not move.
    private func move(_ index: Int, by key: ConsoleKey, count: Int, pageSize: Int) -> Int? {
        let last = max(0, count - 1)
        let index = min(index, last)
        switch key {
        case .up, .character("k"): return max(0, index - 1)
        case .down, .character("j"): return min(last, index + 1)
        case .pageUp, .character("<"): return max(0, index - max(1, pageSize))
        case .pageDown, .character(">"), .character(" "): return min(last, index + max(1, pageSize))
        case .home, .character("g"): return 0
        case .end, .character("G"): return last
        default: return nil
        }
    }

    /// Tab while typing a scope: the next node or group name after the one typed.
    private mutating func cycleScopeDraft(forward: Bool) {
        let names = scopeCandidates.map { subject -> String in
            switch subject {
            case .node(let name), .group(let name): name
            default: ""
            }
        }
        guard !names.isEmpty else { return }
        let current = names.firstIndex(of: draft)
        let next: Int
        if let current {
            next = (current + (forward ? 1 : names.count - 1)) % names.count
        } else {
            next = forward ? 0 : names.count - 1
        }
        draft = names[next]
    }
}
