import CNcursesw
import Glibc

/// The only file that talks to ncursesw: copies a ``Screen`` to the terminal and reads keys.
///
/// Only cells that changed since the last frame are written, so a slow ssh link carries little.
/// The terminal is restored on every exit path: `restore()`, `atexit`, SIGINT/SIGTERM/SIGHUP
/// end the caller's loop (``quitRequested``) so it can clean up, and crash signals restore and
/// then re-raise. A hung-up terminal therefore still ends the process.
final class CursesTerminal {
    /// Why the terminal could not be used, in one line.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    enum Key: Equatable {
        case character(Character)
        case up, down, left, right, pageUp, pageDown, home, end, backspace, enter, escape, tab
        case resize
    }

    private var previous: Screen?
    private var restored = false
    let colors: Bool
    private var pairs: [ColorRole: Int32] = [:]

    init(color: Bool) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw Unusable(description: "haconsole needs a terminal (stdin and stdout are not a tty); try 'haconsole status'")
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw Unusable(description: "TERM is \(term.isEmpty ? "not set" : "'dumb'"); set it (e.g. TERM=xterm-256color) or use 'haconsole status'")
        }
        setlocale(LC_ALL, "")
        guard ha_newterm() != nil else {
            throw Unusable(description: "TERM '\(term)' is unknown to terminfo; set TERM=xterm-256color or use 'haconsole status'")
        }
        ha_install_restore_handlers()
        // Only if restore() has not run: a second endwin at exit writes the terminal's restore
        // sequence again, which put the cursor back over what the program printed after it.
        atexit { if !isendwin() { endwin() } }
        cbreak()
        noecho()
        nonl()
        keypad(ha_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        colors = color && has_colors()
        if colors {
            start_color()
            use_default_colors()
            let table: [(ColorRole, Int32)] = [
                (.header, Int32(COLOR_CYAN)), (.accent, Int32(COLOR_BLUE)), (.ok, Int32(COLOR_GREEN)),
                (.warning, Int32(COLOR_YELLOW)), (.critical, Int32(COLOR_RED)), (.muted, Int32(COLOR_WHITE)),
            ]
            for (index, entry) in table.enumerated() {
                init_pair(Int16(index + 1), Int16(entry.1), -1)
                pairs[entry.0] = Int32(index + 1)
            }
        }
    }

    deinit { restore() }

    /// Puts the terminal back as it was. Safe to call more than once.
    func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
    }

    /// The terminal went away (its input reports a hang-up).
    private(set) var hungUp = false

    /// A SIGINT, SIGTERM or SIGHUP arrived, or the terminal hung up: end the loop and clean up.
    var quitRequested: Bool { hungUp || ha_quit_requested() != 0 }

    /// The terminal's size now.
    var size: (width: Int, height: Int) { (Int(ha_cols()), Int(ha_lines())) }

    /// Writes the cells that differ from the last frame and refreshes once.
    func draw(_ screen: Screen) {
        let full = previous.map { $0.width != screen.width || $0.height != screen.height } ?? true
        if full { werase(ha_stdscr()) }
        for row in 0..<screen.height {
            var column = 0
            while column < screen.width {
                let cell = screen[row, column]
                if !full, let previous, previous[row, column] == cell {
                    column += max(cell.width, 1)
                    continue
                }
                // A run of changed cells with one style goes out in one call.
                var text = ""
                var end = column
                while end < screen.width {
                    let next = screen[row, end]
                    guard next.style == cell.style, full || previous?[row, end] != next else { break }
                    if !next.isContinuation { text += next.text }
                    end += 1
                }
                wattrset(ha_stdscr(), attributes(for: cell.style))
                mvwaddstr(ha_stdscr(), Int32(row), Int32(column), text)
                column = max(end, column + 1)
            }
        }
        wattrset(ha_stdscr(), ha_attr_normal())
        previous = screen
        wnoutrefresh(ha_stdscr())
        doupdate()
    }

    /// Forces the next frame to be written whole (after a resize or `^L`).
    func invalidate() {
        previous = nil
        clearok(ha_stdscr(), true)
    }

    private func attributes(for style: CellStyle) -> Int32 {
        var value = ha_attr_normal()
        if style.bold { value |= ha_attr_bold() }
        if style.reverse { value |= ha_attr_reverse() }
        if style.dim { value |= ha_attr_dim() }
        if style.underline { value |= ha_attr_underline() }
        if colors, let pair = pairs[style.role] { value |= ha_color_pair(pair) }
        return value
    }

    /// Waits up to `milliseconds` for a key, or until one of `watching` (e.g. the daemon feeds)
    /// is readable, so a change reaches the screen without waiting out the key timeout.
    func readKey(timeout milliseconds: Int32, watching: [Int32] = []) -> Key? {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)] + watching.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return nil }
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            hungUp = true
            return nil
        }
        guard fds[0].revents & Int16(POLLIN) != 0 else { return nil }
        wtimeout(ha_stdscr(), 0)
        var character: wint_t = 0
        let kind = wget_wch(ha_stdscr(), &character)
        if kind == ha_err() { return nil }
        if kind == ha_key_code_yes() {
            switch Int32(character) {
            case ha_key_resize(): return .resize
            case ha_key_up(): return .up
            case ha_key_down(): return .down
            case ha_key_left(): return .left
            case ha_key_right(): return .right
            case ha_key_ppage(): return .pageUp
            case ha_key_npage(): return .pageDown
            case ha_key_home(): return .home
            case ha_key_end(): return .end
            case ha_key_backspace(): return .backspace
            case ha_key_enter(): return .enter
            default: return nil
            }
        }
        switch character {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 127, 8: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .character(Character(scalar))
        }
    }
}
