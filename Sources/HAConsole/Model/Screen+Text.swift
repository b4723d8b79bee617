extension Screen {
    /// Each row's text, trailing blanks trimmed: what a `capture-pane` of the terminal shows.
    var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// ``lines`` joined with newlines.
    var text: String { lines.joined(separator: "\n") }

    /// Each row's text with styled runs marked `⟦tag:text⟧` (see ``CellStyle/tag``), trailing
    /// plain blanks trimmed: lets a test assert text and styles in one literal.
    var styledLines: [String] {
        (0..<height).map { row in
            var line = ""
            var run = ""
            var runStyle = CellStyle.plain
            func flush() {
                guard !run.isEmpty else { return }
                line += runStyle == .plain ? run : "⟦\(runStyle.tag):\(run)⟧"
                run = ""
            }
            for column in 0..<width {
                let cell = cells[row * width + column]
                if cell.isContinuation { continue }
                if cell.style != runStyle {
                    flush()
                    runStyle = cell.style
                }
                run += cell.text
            }
            if runStyle == .plain { while run.last == " " { run.removeLast() } }
            flush()
            return line
        }
    }

    /// ``styledLines`` joined with newlines.
    var styledText: String { styledLines.joined(separator: "\n") }

    /// The style of the first cell of row `row` whose text begins `needle`, if any (for tests).
    func style(of needle: String, onRow row: Int) -> CellStyle? {
        guard row >= 0, row < height else { return nil }
        let rowCells = Array(cells[(row * width)..<(row * width + width)])
        let texts = rowCells.map(\.text)
        let wanted = needle.map(String.init)
        guard let first = wanted.first else { return nil }
        for start in texts.indices where texts[start] == first {
            var index = start
            var matched = 0
            while matched < wanted.count, index < texts.count {
                if rowCells[index].isContinuation {
                    index += 1
                    continue
                }
                guard texts[index] == wanted[matched] else { break }
                matched += 1
                index += 1
            }
            if matched == wanted.count { return rowCells[start].style }
        }
        return nil
    }

    /// Every colour role used anywhere on the grid.
    var rolesInUse: Set<ColorRole> { Set(cells.map(\.style.role)) }
}
