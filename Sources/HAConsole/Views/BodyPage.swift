/// A page that takes the whole body between header and footer (the problems list, a detail
/// view): a title rule, then lines scrolled so the selected ones are on screen, the selected
/// first line marked with `>` and reversed, and a last row saying how many lines are hidden.
struct BodyPage: Sendable {
    var title: StyledLine
    var lines: [StyledLine]
    /// The lines of the selected row (a problem's block); nil when nothing is selected.
    var selected: Range<Int>?
    /// Lines scrolled past when nothing is selected (a detail view).
    var scroll = 0

    /// Draws into `rows` rows from `top`, the screen's full width.
    func draw(into screen: inout Screen, top: Int, rows: Int, context: RenderContext) {
        guard rows > 0 else { return }
        let width = screen.width
        let glyphs = context.glyphs
        screen.fill(row: top, column: 0, count: width, with: glyphs.rule, style: .role(.muted))
        screen.put([Span("\(glyphs.rule) ", .role(.muted))] + title + [Span(" ", .role(.muted))], at: Screen.Point(row: top, column: 0), limit: width)
        let room = rows - 1
        guard room > 0 else { return }
        let shown = lines.count > room ? room - 1 : room
        var offset = min(max(0, scroll), max(0, lines.count - shown))
        if let selected {
            if selected.lowerBound < offset { offset = selected.lowerBound }
            if selected.upperBound > offset + shown { offset = max(0, min(selected.lowerBound, selected.upperBound - shown)) }
        }
        let end = min(lines.count, offset + max(0, shown))
        for index in offset..<max(offset, end) {
            let point = Screen.Point(row: top + 1 + index - offset, column: 0)
            guard let selected, index == selected.lowerBound else {
                screen.put(lines[index], at: point, limit: width)
                continue
            }
            screen.put(PanelFrame.marked(lines[index]), at: point, limit: width)
            screen.put(">", at: point, style: PanelFrame.selectedStyle)
        }
        let below = lines.count - end
        if below > 0 {
            let more = " \(glyphs.ellipsis) \(below) more" + (offset > 0 ? ", \(offset) above" : "") + " (\(glyphs.scroll))"
            screen.put(more, at: Screen.Point(row: top + room, column: 0), style: .role(.muted), limit: width)
        }
    }
}
