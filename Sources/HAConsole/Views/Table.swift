/// Columns that fit the room they get: each column has a priority, and the lowest-priority
/// columns are dropped until the rest fit; the one flexible column is cut (with an ellipsis)
/// when even the essential ones do not. Widths are measured over all rows, so rows line up.
struct Table: Sendable {
    struct Column: Sendable {
        /// 0 is essential (never dropped); higher numbers are dropped first.
        var priority: Int
        var alignRight = false
        /// Cut with an ellipsis instead of dropped when room runs out (at most one per table).
        var flexible = false
        /// A cap on the measured width, so one long value cannot crowd the rest out.
        var maxWidth = Int.max

        init(priority: Int, alignRight: Bool = false, flexible: Bool = false, maxWidth: Int = Int.max) {
            self.priority = priority
            self.alignRight = alignRight
            self.flexible = flexible
            self.maxWidth = maxWidth
        }
    }

    var columns: [Column]
    /// Each row has one span per column (an empty text for nothing).
    var rows: [[Span]] = []
    /// Columns between cells.
    var gap = 2

    init(columns: [Column]) { self.columns = columns }

    /// Each column's width over all rows (0 for a column with nothing in it), capped.
    func measuredWidths() -> [Int] {
        var measured = columns.map { _ in 0 }
        for row in rows {
            for (index, span) in row.enumerated() where index < columns.count {
                measured[index] = max(measured[index], span.width)
            }
        }
        for index in columns.indices { measured[index] = min(measured[index], columns[index].maxWidth) }
        return measured
    }

    /// Columns the table takes with every non-empty column at its measured width.
    func naturalWidth() -> Int {
        let widths = measuredWidths().filter { $0 > 0 }
        return widths.reduce(0, +) + gap * max(0, widths.count - 1)
    }

    /// The widths of the columns kept for `width` columns of room (nil: dropped or empty).
    func widths(for width: Int) -> [Int?] {
        var measured = measuredWidths()
        var kept = columns.indices.filter { measured[$0] > 0 }
        func total() -> Int { kept.reduce(0) { $0 + measured[$1] } + gap * max(0, kept.count - 1) }
        let droppable = kept.filter { columns[$0].priority > 0 }.sorted { columns[$0].priority > columns[$1].priority }
        for index in droppable where total() > width {
            kept.removeAll { $0 == index }
        }
        if total() > width, let flexible = kept.first(where: { columns[$0].flexible }) {
            measured[flexible] = max(1, measured[flexible] - (total() - width))
        }
        return columns.indices.map { kept.contains($0) ? measured[$0] : nil }
    }

    /// The rows as lines for `width` columns of room, each starting with `indent` spaces.
    func lines(width: Int, indent: Int = 1, ellipsis: String) -> [StyledLine] {
        lines(width: width, indent: indent, ellipsis: ellipsis, rows: 0..<rows.count)
    }

    /// Only the rows in `range` as lines, aligned as if all were drawn.
    func lines(width: Int, indent: Int = 1, ellipsis: String, rows range: Range<Int>) -> [StyledLine] {
        let room = width - indent
        let kept = widths(for: room)
        let last = kept.lastIndex { $0 != nil }
        return rows[range.clamped(to: 0..<rows.count)].map { row in
            var line: StyledLine = [Span(String(repeating: " ", count: indent))]
            var first = true
            for (index, columnWidth) in kept.enumerated() {
                guard let columnWidth, index < row.count else { continue }
                if !first { line.append(Span(String(repeating: " ", count: gap))) }
                first = false
                let text = TextFit.truncate(row[index].text, to: columnWidth, ellipsis: ellipsis)
                // Padding stays plain, so a styled word does not drag its colour into the gap.
                let padding = String(repeating: " ", count: max(0, columnWidth - DisplayWidth.of(text)))
                if columns[index].alignRight { line.append(Span(padding)) }
                line.append(Span(text, row[index].style))
                if !columns[index].alignRight, index != last { line.append(Span(padding)) }
            }
            return line
        }
    }
}
