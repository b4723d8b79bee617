/// What the operator asked for, independent of the key that asked.
///
/// ``init(key:mode:)`` maps keys (`q ? Tab / s n N f Esc`, arrows, PgUp/PgDn, Home/End) to
/// actions; keys it does not know map to nil and are left to other layers (the SOP runner).
enum ConsoleAction: Sendable, Hashable {
    case quit
    case toggleHelp
    case focusNext, focusPrevious
    case scrollUp, scrollDown, pageUp, pageDown
    /// Home: the oldest line; End: back to the newest, following again.
    case scrollToTop, scrollToBottom
    case toggleFollow
    case beginFilter, beginSearch
    case nextMatch, previousMatch
    /// Esc: close help, cancel typing, else clear the search, then the filter.
    case cancel
    case refresh
    /// While typing a filter or search term.
    case insert(Character)
    case deleteBackward
    case commit

    /// The action for `key` in the current input mode, or nil when the key is not the console's.
    init?(key: ConsoleKey, mode: ConsoleState.InputMode) {
        if mode != .normal {
            switch key {
            case .character(let character): self = .insert(character)
            case .backspace: self = .deleteBackward
            case .enter: self = .commit
            case .escape, .control("c"), .control("g"): self = .cancel
            default: return nil
            }
            return
        }
        switch key {
        case .character("q"), .control("c"): self = .quit
        case .character("?"), .function(1): self = .toggleHelp
        case .tab: self = .focusNext
        case .backTab: self = .focusPrevious
        case .up, .character("k"): self = .scrollUp
        case .down, .character("j"): self = .scrollDown
        case .pageUp, .character("<"): self = .pageUp
        case .pageDown, .character(">"), .character(" "): self = .pageDown
        case .home, .character("g"): self = .scrollToTop
        case .end, .character("G"): self = .scrollToBottom
        case .character("f"): self = .toggleFollow
        case .character("/"): self = .beginFilter
        case .character("s"): self = .beginSearch
        case .character("n"): self = .nextMatch
        case .character("N"): self = .previousMatch
        case .escape: self = .cancel
        case .character("R"), .function(5), .control("l"): self = .refresh
        default: return nil
        }
    }
}
