/// A run of text in one style: what views build lines from before they reach the grid.
struct Span: Sendable, Hashable {
    var text: String
    var style: CellStyle

    init(_ text: String, _ style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    /// Columns the text takes.
    var width: Int { DisplayWidth.of(text) }
}

/// One row of a panel, left to right.
typealias StyledLine = [Span]
