/// The symbols the console draws, in Unicode or, with `--ascii` or a locale that is not UTF-8,
/// plain ASCII.
///
/// Every Unicode symbol here is one column wide in glibc's `wcwidth` and none is an emoji;
/// status is never a glyph alone (a word always follows), so either set reads the same.
struct Glyphs: Sendable {
    var rule: Character
    var vertical: Character
    var corner: Character
    var topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    var online: String
    var standby: String
    var offline: String
    var unknown: String
    var critical: String
    var warning: String
    var info: String
    var follow: String
    var paused: String
    var ellipsis: String
    var scroll: String
    var barFull: Character
    var barEmpty: Character

    static let unicode = Glyphs(
        rule: "─", vertical: "│", corner: "┼", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        online: "●", standby: "○", offline: "✖", unknown: "?", critical: "▲", warning: "△", info: "i",
        follow: "▶", paused: "‖", ellipsis: "…", scroll: "↑↓", barFull: "█", barEmpty: "░")

    static let ascii = Glyphs(
        rule: "-", vertical: "|", corner: "+", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        online: "+", standby: "-", offline: "x", unknown: "?", critical: "!", warning: "!", info: "i",
        follow: ">", paused: "=", ellipsis: "~", scroll: "j/k", barFull: "#", barEmpty: ".")

    static func forOptions(_ options: RenderOptions) -> Glyphs { options.ascii ? .ascii : .unicode }

    /// Whether a locale's character set (`nl_langinfo(CODESET)`) can show the Unicode set.
    ///
    /// Only UTF-8 can: glibc says `ANSI_X3.4-1968` for the C locale, which is also what a
    /// locale it does not know (`LC_CTYPE=UTF-8` from a macOS ssh client) leaves in effect.
    static func isUnicode(codeset: String) -> Bool {
        let name = codeset.lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
