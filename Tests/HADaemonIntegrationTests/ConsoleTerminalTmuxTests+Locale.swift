import Foundation
import HATestSupport
import Testing

extension ConsoleTerminalTmuxTests {
    /// Locales whose character set is not UTF-8: plain C, and `LC_CTYPE=UTF-8` as a macOS ssh
    /// client sends it, which glibc does not know (so the process stays in the C locale).
    static let asciiLocales = ["LANG=C LC_ALL=C", "LANG= LC_ALL= LC_CTYPE=UTF-8"]

    @Test("under a locale that is not UTF-8 the screen holds only ASCII, and its lines are drawn", arguments: asciiLocales)
    func asciiUnderNonUTF8Locale(locale: String) async throws {
        let lone = try Lone(environment: "\(locale) TERM=xterm-256color")
        defer { lone.close() }
        let tmux = lone.tmux
        try await tmux.waitFor("daemon DOWN", timeout: .seconds(15))
        try tmux.keys("?")  // the help box has every kind of line
        try await tmux.waitFor(" Help ")
        let screen = tmux.screen()
        let foreign = screen.unicodeScalars.filter { !$0.isASCII }
        #expect(foreign.isEmpty, "non-ASCII on screen: \(String(String.UnicodeScalarView(foreign.prefix(20))))\n\(screen)")
        #expect(!screen.contains("M-"), "curses showed bytes it could not print\n\(screen)")
        #expect(screen.contains("+----"), "the help box is drawn in ASCII\n\(screen)")
    }

    @Test("--unicode keeps line drawing under the C locale's ASCII fallback only when asked, and --ascii forces ASCII under UTF-8")
    func charsetFlags() async throws {
        let forcedASCII = try Lone(environment: "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color", flags: "--ascii")
        defer { forcedASCII.close() }
        try await forcedASCII.tmux.waitFor("daemon DOWN", timeout: .seconds(15))
        #expect(forcedASCII.tmux.screen().unicodeScalars.allSatisfy { $0.isASCII }, "\(forcedASCII.tmux.screen())")
        let unicode = try Lone(environment: "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color")
        defer { unicode.close() }
        try await unicode.tmux.waitFor("daemon DOWN", timeout: .seconds(15))
        #expect(unicode.tmux.screen().contains("─"), "a UTF-8 locale draws lines\n\(unicode.tmux.screen())")
    }

    @Test("haconsole --help shows the display flags, --unicode among them")
    func helpShowsDisplayFlags() throws {
        let help = try HostCommand.run([try ConsoleSOPTmuxTests.console(), "--help"])
        for flag in ["--ascii", "--unicode", "--no-color", "--read-only"] {
            #expect(help.stdout.contains(flag), "\(flag) missing from haconsole --help:\n\(help.stdout)")
        }
    }
}
