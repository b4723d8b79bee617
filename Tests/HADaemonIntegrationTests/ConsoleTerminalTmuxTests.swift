import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The real haconsole in a real terminal (tmux) meeting what terminals do to it: a `wall`
/// message written over the screen, keys that arrive as escape sequences (F1, F5, Shift-Tab).
/// The `+Locale`, `+Colors` and `+SOP` files hold the locale, colour-less and Ctrl-C cases.
@Suite(.serialized)
struct ConsoleTerminalTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    /// A console with no daemon behind it (the screen says `daemon DOWN`), an ha-log that says
    /// bravo died (a critical alert with its evidence) and an empty `/proc/drbd`: everything is
    /// read at once, nothing to clean up but the scratch directory and the tmux session.
    final class Lone {
        let directory: String
        let tmux: Tmux

        init(environment: String = "TERM=xterm-256color", flags: String = "", width: Int = 100, height: Int = 30) throws {
            directory =
                FileManager.default.temporaryDirectory.appendingPathComponent("haconsole-term-\(getpid())-\(UInt32.random(in: 0...99999))")
                .path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Self.log.write(toFile: directory + "/ha-log", atomically: true, encoding: .utf8)
            try "".write(toFile: directory + "/drbd", atomically: true, encoding: .utf8)
            let console = try ConsoleSOPTmuxTests.console()
            // The test runner sets NO_COLOR, which would make every terminal monochrome.
            let command =
                "env -u NO_COLOR \(environment) \(console) --socket \(directory)/no-daemon.sock --log \(directory)/ha-log --proc-drbd \(directory)/drbd \(flags)"
            // The shell records how the terminal was left once the console is gone.
            tmux = try Tmux(command: "\(command); stty -a > \(directory)/stty; sleep 30", width: width, height: height)
        }

        static let log = """
            Nov 22 03:04:51 alpha heartbeat: [25506]: info: Link bravo:hb0 up.
            Nov 22 03:04:51 alpha heartbeat: [25506]: info: Status update for node bravo: status active
            Nov 22 03:05:20 alpha heartbeat: [25506]: WARN: node bravo: is dead

            """

        /// `stty -a` as the shell saw it after the console exited, or nil while it runs.
        var sttyAfterExit: String? { try? String(contentsOfFile: directory + "/stty", encoding: .utf8) }

        func close() {
            tmux.close()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test("Ctrl-L, R and F5 repaint a screen that a wall message garbled")
    func repaintAfterGarbage() async throws {
        let lone = try Lone()
        defer { lone.close() }
        let tmux = lone.tmux
        try await tmux.waitFor("daemon DOWN", timeout: .seconds(15))
        for (index, key) in ["C-l", "R", "F5"].enumerated() {
            let garbage = "XYZZY\(index)-broadcast-message-from-root"
            try tmux.writeToTerminal("\u{1B}[4;3H\(garbage)\u{1B}[12;40H\(garbage)")
            try await tmux.waitFor(garbage)
            // Redraws that only send what changed (the age ticks every second) leave it there.
            try await Task.sleep(for: .milliseconds(1500))
            #expect(tmux.screen().contains(garbage), "the garbage is on screen until a repaint")
            try tmux.keys(key)
            try await tmux.waitForAbsence(of: garbage)
            #expect(tmux.screen().contains("daemon DOWN"), "\(key) repaints the screen, not just clears it")
        }
    }

    @Test("F1 opens the help and Shift-Tab moves the focus back the way Tab moves it forward")
    func functionKeysAndBackTab() async throws {
        let lone = try Lone()
        defer { lone.close() }
        let tmux = lone.tmux
        try await tmux.waitFor("daemon DOWN", timeout: .seconds(15))
        try tmux.keys("F1")
        try await tmux.waitFor(" Help ")
        try tmux.keys("Escape")
        try await tmux.waitForAbsence(of: " Help ")
        let before = try tmux.styledScreen()
        try tmux.keys("Tab")
        try await tmux.waitFor { (try? $0.styledScreen()) != before }
        try tmux.keys("BTab")
        try await tmux.waitFor { (try? $0.styledScreen()) == before }
    }
}

extension ConsoleSOPTmuxTests.Tmux {
    /// The screen with its attributes as SGR escape sequences (`capture-pane -e`).
    func styledScreen() throws -> String {
        try HostCommand.run(tmux("capture-pane", "-t", name, "-p", "-e")).stdout
    }

    /// Writes `text` to the pane's terminal device directly, as `wall` or a stray `echo` would.
    func writeToTerminal(_ text: String) throws {
        let tty = try HostCommand.run(tmux("display-message", "-p", "-t", name, "#{pane_tty}")).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard tty.hasPrefix("/dev/") else { throw HarnessError.missingFile("the pane's tty", hint: tty) }
        let descriptor = open(tty, O_WRONLY | O_NOCTTY)
        guard descriptor >= 0 else { throw HarnessError.missingFile(tty, hint: "open: errno \(errno)") }
        defer { Glibc.close(descriptor) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Polls the screen (bounded) until `text` is gone from it.
    func waitForAbsence(of text: String, timeout: Duration = .seconds(5)) async throws {
        try await waitFor(timeout: timeout, "'\(text)' to leave the screen") { !$0.screen().contains(text) }
    }

    /// Polls (bounded) until `condition` holds.
    func waitFor(timeout: Duration = .seconds(5), _ what: String = "the screen to change", _ condition: (ConsoleSOPTmuxTests.Tmux) -> Bool)
        async throws
    {
        let deadline = SystemClock.now() + timeout
        while SystemClock.now() < deadline {
            if condition(self) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError.timedOut(waitingFor: what, after: timeout, cluster: screen())
    }

    /// The process id of the program in the pane (`exec`ed, so the console itself).
    func panePID() throws -> pid_t {
        let output = try HostCommand.run(tmux("display-message", "-p", "-t", name, "#{pane_pid}")).stdout
        return try #require(pid_t(output.filter(\.isNumber)), "pane pid: \(output)")
    }

    /// Whether the tmux session still exists (its command has not ended).
    var isRunning: Bool {
        (try? HostCommand.run(tmux("has-session", "-t", name)).status) == .exited(0)
    }
}
