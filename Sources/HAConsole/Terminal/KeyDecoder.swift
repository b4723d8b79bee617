import CNcursesw

/// What the terminal reports: a key, or that its size changed.
enum TerminalEvent: Sendable, Equatable {
    case key(ConsoleKey)
    case resize
}

/// Turns what `wget_wch` returned into a ``TerminalEvent``, free of curses for everyone else.
///
/// With `keypad` on, curses decodes escape sequences through terminfo: F1–F12 arrive as
/// `KEY_F0 + n`, Shift-Tab as `KEY_BTAB`. Control characters arrive as themselves (the terminal
/// layer turns off the tty's interrupt character, so Ctrl-C is byte 3 here and the model decides
/// whether it quits); they become ``ConsoleKey/control(_:)`` by their letter.
enum KeyDecoder {
    /// The event for `code`; `isKeyCode` when `wget_wch` said `KEY_CODE_YES`. Nil for what the
    /// console has no use for (mouse reports, F13 and up, NUL, invalid scalars).
    static func decode(_ code: UInt32, isKeyCode: Bool) -> TerminalEvent? {
        isKeyCode ? keyCode(code) : character(code)
    }

    private static let keyCodes: [Int32: ConsoleKey] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right, KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown,
        KEY_HOME: .home, KEY_END: .end, KEY_BACKSPACE: .backspace, KEY_ENTER: .enter, KEY_BTAB: .backTab,
    ]

    private static func keyCode(_ code: UInt32) -> TerminalEvent? {
        guard code <= UInt32(Int32.max) else { return nil }
        let value = Int32(code)
        if value == KEY_RESIZE { return .resize }
        if let key = keyCodes[value] { return .key(key) }
        if (KEY_F0 + 1)...(KEY_F0 + 12) ~= value { return .key(.function(Int(value - KEY_F0))) }
        return nil
    }

    private static func character(_ code: UInt32) -> TerminalEvent? {
        switch code {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(code) + 96))))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }
}
