/// The last row: the filter, search or node/group name being typed, else a transient message,
/// else the key hints (`q quit  ? help  ! problems  t timeline …`), dropped from the end when the
/// row is short. The problems list and the detail view have their own hints (their keys only).
/// The SOP layer's action keys are hidden in read-only mode, which says so instead.
enum FooterView {
    static func draw(into screen: inout Screen, row: Int, context: RenderContext) {
        let state = context.state
        let width = screen.width
        let start = Screen.Point(row: row, column: 0)
        switch state.inputMode {
        case .filter, .search, .scope:
            let label =
                switch state.inputMode {
                case .filter: " filter: "
                case .search: " search: "
                default: " node or group: "
                }
            let line: StyledLine = [
                Span(label, .role(.accent, bold: true)), Span(state.draft), Span(" ", .role(.normal, reverse: true)),
                Span((state.inputMode == .scope ? "   Tab next name" : "") + "   Enter apply  Esc cancel", .role(.muted)),
            ]
            screen.put(line, at: start, limit: width)
            return
        case .normal: break
        }
        if let message = state.message {
            screen.put(" " + message.text, at: start, style: .role(RenderContext.role(message.severity), bold: true), limit: width)
            return
        }
        var line: StyledLine = []
        var used = 0
        let badge = Span(" read-only ", .role(.warning, reverse: true))
        let room = width - (context.options.readOnly ? badge.width + 1 : 0)
        for hint in hints(context) {
            let piece: StyledLine = [Span(" "), Span(hint.key, .role(.accent, bold: true)), Span(" \(hint.label) ")]
            let pieceWidth = piece.reduce(0) { $0 + $1.width }
            if used + pieceWidth > room { break }
            line += piece
            used += pieceWidth
        }
        if context.options.readOnly, badge.width <= width {
            screen.put(badge.text, at: Screen.Point(row: row, column: width - badge.width), style: badge.style)
        }
        screen.put(line, at: start, limit: width)
    }

    /// The hints in the order they matter: leaving and help first, then the SOP actions, the
    /// problems and the timeline (what happened: on an 80-column screen they must show), then
    /// the log and navigation keys.
    static func hints(_ context: RenderContext) -> [KeyHint] {
        var hints = [KeyHint(key: "q", label: "quit"), KeyHint(key: "?", label: "help")]
        if !context.options.readOnly { hints += context.state.actionHints }
        if let browsing = browseHints(context) { return hints + browsing }
        if let open = openHint(context) { hints.append(open) }
        hints += [KeyHint.problems, KeyHint.timeline]
        hints += [
            KeyHint(key: "/", label: "filter"), KeyHint(key: "f", label: "follow"),
            KeyHint(key: "Tab", label: "panel"), KeyHint(key: "s", label: "search"), KeyHint(key: "n/N", label: "match"),
            KeyHint(key: context.glyphs.scroll, label: openHint(context) == nil ? "scroll" : "select"), KeyHint(key: "Esc", label: "clear"),
        ]
        hints.append(KeyHint.scope)
        return hints
    }
}
