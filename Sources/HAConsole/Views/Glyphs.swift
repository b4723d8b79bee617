/// The symbols the console draws, in Unicode or, with `--ascii`, plain ASCII.
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
}
