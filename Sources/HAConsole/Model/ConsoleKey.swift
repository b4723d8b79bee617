/// A key press as the terminal layer decodes it, free of curses constants.
enum ConsoleKey: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab
    case enter, escape, backspace
    /// F1 (help) and F5 (refresh); other function keys by number.
    case function(Int)
    /// Ctrl-C, Ctrl-L and the like, by their letter.
    case control(Character)
}
