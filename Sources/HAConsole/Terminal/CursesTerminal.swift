import CNcursesw
import Glibc

/// The only file that talks to ncursesw: copies a ``Screen`` to the terminal and reads keys.
///
/// Only cells that changed since the last frame are written, so a slow ssh link carries little;
/// ``invalidate()`` makes the next frame clear the terminal and write every cell (a resize,
/// `^L`, `R`, F5), which is what repairs a screen something else wrote over (`wall`). The
/// terminal is restored on every exit path: `restore()`, `atexit`, SIGINT/SIGTERM/SIGHUP end the
/// caller's loop (``quitRequested``) so it can clean up, and crash signals restore and then
/// re-raise. A hung-up terminal therefore still ends the process.
///
/// Ctrl-C is a key, not a signal, while the screen is up: the tty's interrupt character is
/// turned off (curses puts it back with the rest of the terminal's modes on exit and around
/// ^Z), so the model can ask before it quits in the middle of an SOP run. A SIGINT sent with
/// `kill` still ends the loop.
final class CursesTerminal {
    /// Why the terminal could not be used, in one line.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    private var previous: Screen?
    private var restored = false
    /// The locale's character set after `setlocale(LC_ALL, "")`, e.g. `UTF-8` or `ANSI_X3.4-1968`.
    let codeset: String
    /// The colours in use: nil when colour is off or the terminal has fewer than 8.
    let palette: TerminalPalette?
    private var pairs: [ColorRole: (pair: Int32, extra: Int32)] = [:]

    init(color: Bool) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw Unusable(description: "haconsole needs a terminal (stdin and stdout are not a tty); try 'haconsole status'")
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw Unusable(description: "TERM is \(term.isEmpty ? "not set" : "'dumb'"); set it (e.g. TERM=xterm-256color) or use 'haconsole status'")
        }
        setlocale(LC_ALL, "")
        codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
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
        Self.disableInterruptCharacter()
        // COLORS is known only after start_color.
        let colorCount = color && has_colors() && start_color() != ha_err() ? Int(ha_colors()) : 0
        palette = TerminalPalette.choose(colors: colorCount)
        if let palette {
            use_default_colors()
            for (index, role) in ColorRole.allCases.enumerated() {
                guard let ink = palette.inks[role] else { continue }
                init_pair(Int16(index + 1), ink.color, -1)
                let extra = (ink.bold ? ha_attr_bold() : 0) | (ink.dim ? ha_attr_dim() : 0)
                pairs[role] = (ha_color_pair(Int32(index + 1)), extra)
            }
        }
    }

    deinit { restore() }

    /// Ctrl-C reaches the key reader as byte 3. curses saved the terminal's original modes in
    /// newterm and restores them in `endwin`; `def_prog_mode` makes this change part of the
    /// modes it puts back after a ^Z and `fg`.
    private static func disableInterruptCharacter() {
        var modes = termios()
        guard tcgetattr(0, &modes) == 0 else { return }
        withUnsafeMutableBytes(of: &modes.c_cc) { $0[Int(VINTR)] = 0 }  // _POSIX_VDISABLE on Linux
        guard tcsetattr(0, TCSANOW, &modes) == 0 else { return }
        def_prog_mode()
    }

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

    /// Makes the next frame clear the terminal and write every cell, whatever curses believes
    /// is on it (after a resize, or `^L` over a screen garbled by someone else's output).
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
        if let ink = pairs[style.role] { value |= ink.pair | ink.extra }
        return value
    }

    /// Waits up to `milliseconds` for a key, or until one of `watching` (e.g. the daemon feeds)
    /// is readable, so a change reaches the screen without waiting out the key timeout.
    func readKey(timeout milliseconds: Int32, watching: [Int32] = []) -> TerminalEvent? {
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
        return KeyDecoder.decode(UInt32(character), isKeyCode: kind == ha_key_code_yes())
    }
}
