/// An in-memory grid of cells that views draw into and the terminal layer copies out.
///
/// Every write is clipped to the grid: nothing is ever written outside `width` x `height`, a
/// wide character that would not fit before the right edge (or a caller's limit) becomes a
/// space instead of half a glyph, and writing over half of a wide character blanks the other
/// half. Control characters become `?` (a tab a space), so no escape sequence from a log line
/// reaches the terminal. With ``RenderOptions/color`` off, styles lose their colour role (see
/// ``CellStyle/monochrome``); with ``RenderOptions/ascii`` on, every non-ASCII grapheme is
/// written as one `?` per column.
struct Screen: Sendable, Hashable {
    /// A position: row 0 is the top, column 0 the left edge.
    struct Point: Sendable, Hashable {
        var row: Int
        var column: Int

        init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    let width: Int
    let height: Int
    let options: RenderOptions
    /// Row-major: the cell at (row, column) is `cells[row * width + column]`.
    private(set) var cells: [Cell]

    /// A blank grid; negative sizes count as 0.
    init(width: Int, height: Int, options: RenderOptions = RenderOptions()) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.options = options
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at a position inside the grid.
    subscript(row: Int, column: Int) -> Cell {
        precondition(contains(row: row, column: column), "(\(row), \(column)) is outside \(width)x\(height)")
        return cells[row * width + column]
    }

    /// True when the position is inside the grid.
    func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < height && column >= 0 && column < width
    }

    /// Writes `text` from `point` in `style`, clipped to the grid and to `limit` (a column the
    /// text must stop before); returns the column after the text as if nothing were clipped.
    @discardableResult
    mutating func put(_ text: some StringProtocol, at point: Point, style: CellStyle = .plain, limit: Int? = nil) -> Int {
        let end = min(width, limit ?? width)
        let drawn = options.color ? style : style.monochrome
        var column = point.column
        let rowVisible = point.row >= 0 && point.row < height
        for character in text {
            var grapheme = String(character)
            var columns = DisplayWidth.of(character)
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
                grapheme = character == "\t" ? " " : "?"
                columns = 1
            }
            if columns == 0 { continue }
            guard rowVisible, column < end else {
                column += columns
                continue
            }
            if options.ascii, !character.isASCII { grapheme = String(repeating: "?", count: columns) }
            if column < 0 || column + columns > end {
                // Never half a glyph: show the visible part of a clipped character as blanks.
                let (low, high) = (max(column, 0), min(column + columns, end))
                if low < high {
                    for blank in low..<high { set(point.row, blank, Cell(text: " ", width: 1, style: drawn)) }
                }
            } else if columns == 2, !options.ascii {
                set(point.row, column, Cell(text: grapheme, width: 2, style: drawn))
                set(point.row, column + 1, Cell(text: "", width: 0, style: drawn))
            } else {
                for (offset, scalar) in grapheme.enumerated() {
                    set(point.row, column + offset, Cell(text: columns == 1 ? grapheme : String(scalar), width: 1, style: drawn))
                }
            }
            column += columns
        }
        return column
    }

    /// Writes `cell` at a position, first blanking the other half of any wide character it
    /// overlaps. The position must be inside the grid.
    private mutating func set(_ row: Int, _ column: Int, _ cell: Cell) {
        let index = row * width + column
        let old = cells[index]
        if old.width == 0, column > 0, cell.width != 0 {
            cells[index - 1] = Cell(text: " ", width: 1, style: cells[index - 1].style)
        }
        if old.width == 2, column + 1 < width, cell.width != 2 {
            cells[index + 1] = Cell(text: " ", width: 1, style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Fills `count` columns of `row` from `column` with `character` (one column wide) in `style`.
    mutating func fill(row: Int, column: Int, count: Int, with character: Character = " ", style: CellStyle = .plain) {
        guard count > 0 else { return }
        put(String(repeating: character, count: count), at: Point(row: row, column: column), style: style, limit: column + count)
    }

    /// Blanks every cell from `column` to the right edge on `row`.
    mutating func clear(row: Int, from column: Int = 0) {
        fill(row: row, column: column, count: width - column)
    }
}
