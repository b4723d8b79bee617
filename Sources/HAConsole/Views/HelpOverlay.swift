/// The `?` help: a box over the middle of the screen listing every key and the status symbols.
enum HelpOverlay {
    static func draw(into screen: inout Screen, context: RenderContext) {
        let glyphs = context.glyphs
        var rows: [StyledLine] = []
        for (key, text) in keys(context) {
            rows.append([Span(TextFit.pad(key, to: 12), .role(.accent, bold: true)), Span(text)])
        }
        rows.append([])
        rows.append([
            Span("\(glyphs.online) active  ", .role(.ok)), Span("\(glyphs.standby) up/standby  ", .role(.warning)),
            Span("\(glyphs.offline) DEAD  ", .role(.critical)), Span("\(glyphs.unknown) stale", .role(.muted)),
        ])
        rows.append([Span("\(glyphs.critical) CRIT  ", .role(.critical)), Span("\(glyphs.warning) WARN", .role(.warning))])
        let innerWidth = min(screen.width - 4, max(44, rows.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0))
        let boxHeight = min(screen.height - 2, rows.count + 2)
        guard innerWidth > 4, boxHeight > 2 else { return }
        let left = (screen.width - innerWidth - 4) / 2
        let top = max(1, (screen.height - boxHeight) / 2)
        let border = CellStyle.role(.accent)
        let rule = String(repeating: glyphs.rule, count: innerWidth + 2)
        screen.put("\(glyphs.topLeft)\(rule)\(glyphs.topRight)", at: Screen.Point(row: top, column: left), style: border)
        screen.put(" Help ", at: Screen.Point(row: top, column: left + 2), style: .role(.header, bold: true))
        for index in 0..<(boxHeight - 2) {
            let row = top + 1 + index
            screen.put(String(glyphs.vertical), at: Screen.Point(row: row, column: left), style: border)
            screen.fill(row: row, column: left + 1, count: innerWidth + 2)
            screen.put(rows[index], at: Screen.Point(row: row, column: left + 2), limit: left + 2 + innerWidth)
            screen.put(String(glyphs.vertical), at: Screen.Point(row: row, column: left + innerWidth + 3), style: border)
        }
        screen.put(
            "\(glyphs.bottomLeft)\(rule)\(glyphs.bottomRight)", at: Screen.Point(row: top + boxHeight - 1, column: left), style: border)
    }

    private static func keys(_ context: RenderContext) -> [(String, String)] {
        var keys = [
            ("q  Ctrl-C", "quit"), ("?  F1", "this help (Esc closes)"), ("Tab", "next panel (Shift-Tab back)"),
            ("\(context.glyphs.scroll)  PgUp PgDn", "scroll; in nodes, groups, DRBD: select a row"),
            ("Enter", "detail of the selected row (Esc back)"), ("!", "problems only (again: all)"),
            ("o", "only one node or group (Tab names)"), ("t", "timeline: events, failovers, heartbeats"),
            ("Home  End", "oldest line / newest, following again"), ("f", "follow or pause the log"),
            ("/", "filter the log (Enter applies)"), ("s  n  N", "search the log; next / previous match"),
            ("Esc", "clear node/group, search, then filter"), ("R  F5  ^L", "refresh and repaint the screen"),
        ]
        if !context.options.readOnly {
            keys += context.state.actionHints.map { ($0.key, $0.label) }
        } else {
            keys.append(("", "read-only: actions are hidden"))
        }
        return keys
    }
}
