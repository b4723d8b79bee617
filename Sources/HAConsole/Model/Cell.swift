/// One column of one row of a ``Screen``.
///
/// A wide character (CJK, emoji) occupies two cells: the first holds the grapheme with width 2,
/// the second is its continuation, with empty text and width 0. The terminal layer draws the
/// leading cell and skips continuations.
struct Cell: Sendable, Hashable {
    /// One grapheme, or "" for the right half of a wide character.
    var text: String
    /// Columns the grapheme takes: 1 or 2, or 0 for a continuation.
    var width: Int
    var style: CellStyle

    /// A space in the default style.
    static let blank = Cell(text: " ", width: 1, style: .plain)

    /// True for the right half of a wide character.
    var isContinuation: Bool { width == 0 }
}
