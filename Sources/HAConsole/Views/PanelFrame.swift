/// Draws one panel: a title rule (`─ Nodes 2 ────`, reversed when the panel has focus) and
/// then its lines, scrolled by an offset, with a last row saying how many more there are when
/// they do not all fit.
struct PanelFrame: Sendable {
    var panel: ConsoleState.Panel
    var title: StyledLine
    /// Lines drawn above the table's rows.
    var lines: [StyledLine]
    /// Rows drawn after `lines`, formatted only for the part on screen (a 256-group table
    /// costs 256 formatted lines otherwise, at every frame).
    var table: Table?
    /// Lines drawn after the table's rows.
    var trailing: [StyledLine] = []
    var ellipsis = "…"
    /// The selected row's lines (``PanelFrame/selecting(_:)``): kept on screen, the first marked.
    var selected: Range<Int>?

    init(panel: ConsoleState.Panel, title: StyledLine, lines: [StyledLine]) {
        self.panel = panel
        self.title = title
        self.lines = lines
    }

    init(panel: ConsoleState.Panel, title: StyledLine, table: Table, ellipsis: String, trailing: [StyledLine] = []) {
        self.init(panel: panel, title: title, lines: [])
        self.table = table
        self.ellipsis = ellipsis
        self.trailing = trailing
    }

    /// Lines of content: the lines, the table's rows and the trailing lines.
    var lineCount: Int { lines.count + (table?.rows.count ?? 0) + trailing.count }

    /// Rows the panel wants: its title and every line.
    var wantedRows: Int { 1 + lineCount }

    /// The content lines in `range` (of `lineCount`), the table's formatted for `width`.
    func contentLines(_ range: Range<Int>, width: Int) -> [StyledLine] {
        guard let table else { return Array(lines[range.clamped(to: 0..<lines.count)]) }
        let tableStart = lines.count
        let trailingStart = tableStart + table.rows.count
        var result = Array(lines[range.clamped(to: 0..<tableStart)])
        let tableRange = range.clamped(to: tableStart..<trailingStart)
        if !tableRange.isEmpty {
            let shifted = (tableRange.lowerBound - tableStart)..<(tableRange.upperBound - tableStart)
            result += table.lines(width: width, ellipsis: ellipsis, rows: shifted)
        }
        let trailingRange = range.clamped(to: trailingStart..<(trailingStart + trailing.count))
        result += trailingRange.map { trailing[$0 - trailingStart] }
        return result
    }

    /// Draws into `rows` rows from `top`, between `left` and `left + width`.
    func draw(into screen: inout Screen, top: Int, rows: Int, left: Int, width: Int, context: RenderContext) {
        guard rows > 0, width > 0 else { return }
        let glyphs = context.glyphs
        let focused = context.state.focus == panel
        screen.fill(row: top, column: left, count: width, with: glyphs.rule, style: .role(.muted))
        var titleLine: StyledLine = [Span("\(glyphs.rule) ", .role(.muted))]
        for span in title {
            var style = span.style
            if focused { style.reverse = true }
            titleLine.append(Span(span.text, style))
        }
        titleLine.append(Span(" ", .role(.muted)))
        screen.put(titleLine, at: Screen.Point(row: top, column: left), limit: left + width)
        let room = rows - 1
        guard room > 0 else { return }
        let count = lineCount
        let maxOffset = max(0, count - room)
        let offset = selected.map { Self.offset(showing: $0, count: count, room: room) } ?? min(context.state.panelScroll[panel] ?? 0, maxOffset)
        let hiddenBelow = count - offset - room
        let shown = hiddenBelow > 0 ? room - 1 : room
        let visible = contentLines(offset..<min(count, offset + max(0, shown)), width: width)
        for (index, line) in visible.enumerated() {
            let isSelected = offset + index == selected?.lowerBound
            screen.put(isSelected ? Self.marked(line) : line, at: Screen.Point(row: top + 1 + index, column: left), limit: left + width)
            if isSelected { screen.put(">", at: Screen.Point(row: top + 1 + index, column: left), style: Self.selectedStyle) }
        }
        if hiddenBelow > 0 {
            let more = " \(glyphs.ellipsis) \(hiddenBelow + 1) more" + (offset > 0 ? ", \(offset) above" : "") + " (Tab, \(glyphs.scroll))"
            screen.put(more, at: Screen.Point(row: top + room, column: left), style: .role(.muted), limit: left + width)
        } else if offset > 0 {
            let above = " \(glyphs.ellipsis) \(offset) above"
            let row = top + 1 + shown
            if shown < room { screen.put(above, at: Screen.Point(row: row, column: left), style: .role(.muted), limit: left + width) }
        }
    }
}
