/// Which colour and emphasis each ``ColorRole`` gets on a terminal with `colors` colours.
///
/// Every foreground must read on a dark and on a light background alike, with the background
/// left as the terminal's own (`use_default_colors`): so no white (muted used to be white and
/// vanished on light themes), no plain yellow where a deeper one exists, and ``ColorRole/normal``
/// keeps the default foreground. With 256 colours the roles get mid tones (muted a grey, 244);
/// with 8 or 16 they get the basic colours, muted the default colour dimmed. Fewer than 8
/// colours gets no palette: the screen is drawn in monochrome (bold, reverse, underline).
struct TerminalPalette: Sendable, Equatable {
    /// A role's look: `color` is a curses colour number (-1 the terminal's default).
    struct Ink: Sendable, Hashable {
        var color: Int16
        var bold = false
        var dim = false
    }

    /// Roles without an entry keep the terminal's default foreground and no extra emphasis.
    var inks: [ColorRole: Ink]

    /// The palette for a terminal reporting `colors` colours, or nil for monochrome.
    static func choose(colors: Int) -> TerminalPalette? {
        if colors >= 256 {
            return TerminalPalette(inks: [
                .header: Ink(color: 31),  // #0087af, a steel blue
                .accent: Ink(color: 32),  // #0087d7
                .ok: Ink(color: 28),  // #008700, a green that reads on white as well
                .warning: Ink(color: 172),  // #d78700, an amber instead of yellow
                .critical: Ink(color: 160, bold: true),  // #d70000
                .muted: Ink(color: 244),  // #808080, half-way between black and white
            ])
        }
        guard colors >= 8 else { return nil }
        return TerminalPalette(inks: [
            .header: Ink(color: 6),  // cyan
            .accent: Ink(color: 4),  // blue
            .ok: Ink(color: 2),  // green
            .warning: Ink(color: 3, bold: true),  // yellow, bold so it holds on light backgrounds
            .critical: Ink(color: 1, bold: true),  // red
            .muted: Ink(color: -1, dim: true),
        ])
    }
}
