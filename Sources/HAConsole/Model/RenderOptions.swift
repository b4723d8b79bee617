/// How the operator asked the screen to look, from flags and the environment.
struct RenderOptions: Sendable, Hashable {
    /// Which symbols the operator asked for: `--ascii`, `--unicode`, or neither (the locale says).
    enum Charset: Sendable, Hashable {
        case automatic, ascii, unicode
    }

    /// False with `NO_COLOR` (set and non-empty), `--no-color`, or a terminal without colours:
    /// no colour roles reach the grid, emphasis is bold, reverse and underline
    /// (``CellStyle/monochrome``).
    var color = true
    /// True with `--ascii` or a non-UTF-8 locale: only ASCII reaches the grid (lines `-|+`,
    /// glyphs `+ - x !`, any other character as `?`).
    var ascii = false
    /// True with `--read-only`: every action that changes the cluster is hidden.
    var readOnly = false
    /// The flag behind ``ascii``; ``resolved(codeset:terminalColors:)`` settles `automatic`.
    var charset = Charset.automatic

    init(color: Bool = true, ascii: Bool = false, readOnly: Bool = false) {
        self.color = color
        self.ascii = ascii
        self.readOnly = readOnly
        charset = ascii ? .ascii : .automatic
    }

    init(color: Bool = true, charset: Charset, readOnly: Bool = false) {
        self.init(color: color, ascii: charset == .ascii, readOnly: readOnly)
        self.charset = charset
    }

    /// The options as this terminal can show them: ASCII when the locale's `codeset` (from
    /// `nl_langinfo(CODESET)` after `setlocale`) is not UTF-8 and no flag forces a choice, and
    /// monochrome when the terminal has no colours (vt100, a serial console).
    func resolved(codeset: String, terminalColors: Bool) -> RenderOptions {
        var copy = self
        copy.ascii =
            switch charset {
            case .ascii: true
            case .unicode: false
            case .automatic: !Glyphs.isUnicode(codeset: codeset)
            }
        copy.color = color && terminalColors
        return copy
    }
}
