import Testing

@testable import HAConsole

@Suite struct ScreenTests {
    @Test("text is written where asked and clipped at the right edge")
    func clipsAtRightEdge() {
        var screen = Screen(width: 6, height: 2)
        let next = screen.put("abcdefgh", at: Screen.Point(row: 1, column: 2))
        #expect(next == 10)
        #expect(screen.lines == ["", "  abcd"])
    }

    @Test("nothing is written outside the grid, whatever the position")
    func neverWritesOutside() {
        var screen = Screen(width: 4, height: 2)
        screen.put("xx", at: Screen.Point(row: -1, column: 0))
        screen.put("xx", at: Screen.Point(row: 2, column: 0))
        screen.put("abcdef", at: Screen.Point(row: 0, column: -2))
        #expect(screen.lines == ["cdef", ""])
        #expect(screen.cells.count == 8)
    }

    @Test("a wide character takes two cells, the second a continuation")
    func wideCharacterTakesTwoCells() {
        var screen = Screen(width: 6, height: 1)
        let next = screen.put("a中b", at: Screen.Point(row: 0, column: 0))
        #expect(next == 4)
        #expect(screen[0, 1] == Cell(text: "中", width: 2, style: .plain))
        #expect(screen[0, 2].isContinuation)
        #expect(screen[0, 3].text == "b")
        #expect(screen.lines == ["a中b"])
    }

    @Test("a wide character that does not fit before the edge becomes a blank, never half a glyph")
    func wideCharacterAtEdge() {
        var screen = Screen(width: 4, height: 1)
        screen.put("abc😀", at: Screen.Point(row: 0, column: 0))
        #expect(screen.lines == ["abc"])
        #expect(screen[0, 3] == Cell(text: " ", width: 1, style: .plain))
        var limited = Screen(width: 8, height: 1)
        limited.put("a中", at: Screen.Point(row: 0, column: 0), limit: 2)
        #expect(limited.lines == ["a"])
    }

    @Test("overwriting half of a wide character blanks its other half")
    func overwritingHalfBlanksTheOther() {
        var screen = Screen(width: 6, height: 1)
        screen.put("中文", at: Screen.Point(row: 0, column: 0))
        screen.put("x", at: Screen.Point(row: 0, column: 1))
        #expect(screen.lines == [" x文"])
        screen.put("y", at: Screen.Point(row: 0, column: 2))
        #expect(screen.lines == [" xy"])
        #expect(!screen[0, 3].isContinuation)
    }

    @Test("control characters never reach the terminal: a tab is a space, others are ?")
    func controlsAreReplaced() {
        var screen = Screen(width: 12, height: 1)
        screen.put("a\tb\u{1B}[31mc\u{7F}", at: Screen.Point(row: 0, column: 0))
        #expect(screen.lines == ["a b?[31mc?"])
    }

    @Test("combining marks stay with their base character in one cell")
    func combiningMarks() {
        var screen = Screen(width: 4, height: 1)
        let next = screen.put("e\u{301}x", at: Screen.Point(row: 0, column: 0))
        #expect(next == 2)
        #expect(screen[0, 0].text == "e\u{301}")
    }

    @Test("ASCII mode writes every non-ASCII grapheme as one ? per column")
    func asciiModeReplacesNonASCII() {
        var screen = Screen(width: 8, height: 1, options: RenderOptions(ascii: true))
        screen.put("a中●b", at: Screen.Point(row: 0, column: 0))
        #expect(screen.lines == ["a???b"])
        #expect(screen.cells.allSatisfy { $0.text.allSatisfy(\.isASCII) })
    }

    @Test("without colour the grid holds no role: critical is bold reverse, warning bold")
    func monochromeStyles() {
        var screen = Screen(width: 8, height: 1, options: RenderOptions(color: false))
        screen.put("ab", at: Screen.Point(row: 0, column: 0), style: .role(.critical))
        screen.put("cd", at: Screen.Point(row: 0, column: 2), style: .role(.warning))
        screen.put("ef", at: Screen.Point(row: 0, column: 4), style: .role(.ok))
        #expect(screen.rolesInUse == [.normal])
        #expect(screen.styledText == "⟦bold+reverse:ab⟧⟦bold:cd⟧ef")
    }

    @Test("styled text marks runs of one style and trims trailing plain blanks")
    func styledText() {
        var screen = Screen(width: 10, height: 1)
        screen.put("ok", at: Screen.Point(row: 0, column: 1), style: .role(.ok, bold: true))
        #expect(screen.styledText == " ⟦ok+bold:ok⟧")
        #expect(screen.style(of: "ok", onRow: 0) == .role(.ok, bold: true))
    }

    @Test("an empty or negative size is an empty grid")
    func emptyGrid() {
        var screen = Screen(width: -3, height: 0)
        screen.put("x", at: Screen.Point(row: 0, column: 0))
        #expect(screen.lines.isEmpty)
        #expect(screen.cells.isEmpty)
    }
}

@Suite struct DisplayWidthTests {
    @Test(
        "widths agree with wcwidth",
        arguments: [
            ("a", 1), ("中", 2), ("한", 2), ("😀", 2), ("●", 1), ("✔", 1), ("─", 1), ("é", 1), ("ｱ", 1), ("Ａ", 2),
            ("\u{301}", 0), ("\u{200D}", 0), ("\u{1B}", 0),
        ])
    func widths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test("a string's width is the sum of its graphemes'")
    func stringWidth() {
        #expect(DisplayWidth.of("alpha-東京🚀") == 12)
    }
}
