/// Terminal column widths of characters, agreeing with glibc's `wcwidth` (which ncursesw uses).
///
/// Measured from Unicode scalar properties, not Foundation: East Asian Wide and Fullwidth
/// characters and emoji with emoji presentation take 2 columns, combining marks and format
/// characters 0, controls 0 (the ``Screen`` replaces them), everything else 1. A grapheme takes
/// the width of its first scalar: a text-style symbol followed by VS16 stays 1, as in `wcwidth`.
enum DisplayWidth {
    /// Columns `text` takes when drawn.
    static func of(_ text: some StringProtocol) -> Int {
        // Printable ASCII, by far the common case, is one column a byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Columns one grapheme takes: 0, 1 or 2.
    static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        // Marks and joiners after the first scalar add nothing, as `wcwidth` gives them 0.
        guard let first = character.unicodeScalars.first else { return 0 }
        return of(first)
    }

    /// Columns one scalar takes on its own.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || value == 0x200B { return 0 }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks from Unicode's EastAsianWidth.txt.
    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        for range in wideRanges {
            if value < range.lowerBound { return false }
            if value <= range.upperBound { return true }
        }
        return false
    }

    /// Sorted, so the search above stops at the first range past the value.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1B000...0x1B2FF,
        0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
