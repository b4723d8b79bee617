extension Screen {
    /// Draws `line` from `point`, stopping before column `limit`; returns the column after it.
    @discardableResult
    mutating func put(_ line: StyledLine, at point: Point, limit: Int) -> Int {
        var column = point.column
        for span in line where column < limit {
            column = put(span.text, at: Point(row: point.row, column: column), style: span.style, limit: limit)
        }
        return column
    }
}
