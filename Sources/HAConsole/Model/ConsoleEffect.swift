/// What the terminal layer must do after an action.
enum ConsoleEffect: Sendable, Hashable {
    case none
    case quit
    /// Redraw everything and ask the sources for fresh data.
    case refresh
}
