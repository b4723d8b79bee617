import Foundation
import HATestSupport
import Testing

extension ConsoleTerminalTmuxTests {
    /// The SGR parameters in effect on each character of a `capture-pane -e` line, reduced to
    /// the emphasis ones: 1 bold, 2 dim, 4 underline, 7 reverse. Colour parameters (30–49, and
    /// 38/48 with their arguments) are skipped, 0 resets.
    static func emphasis(onLineContaining text: String, in styled: String) -> Set<Int> {
        guard let line = styled.split(separator: "\n").first(where: { Self.plain(String($0)).contains(text) }) else { return [] }
        var found: Set<Int> = []
        var rest = Substring(line)
        while let start = rest.firstRange(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !"0123456789;".contains($0) }) else { break }
            var codes = rest[..<end].split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
            while let code = codes.popFirst() {
                switch code {
                case 38, 48:
                    let kind = codes.popFirst()
                    codes = codes.dropFirst(kind == 5 ? 1 : 3)
                case 1, 2, 4, 7: found.insert(code)
                default: break
                }
            }
            rest = rest[end...]
        }
        return found
    }

    /// A line without its escape sequences.
    static func plain(_ line: String) -> String {
        var result = ""
        var skipping = false
        for character in line {
            if character == "\u{1B}" {
                skipping = true
            } else if skipping {
                if character.isLetter { skipping = false }
            } else {
                result.append(character)
            }
        }
        return result
    }

    @Test("under TERM=vt100 (no colours) a critical alert is in reverse video and bold")
    func vt100AlertsStandOut() async throws {
        let lone = try Lone(environment: "LANG=C.UTF-8 TERM=vt100")
        defer { lone.close() }
        try await lone.tmux.waitFor("CRIT", timeout: .seconds(15))
        let styled = try lone.tmux.styledScreen()
        let emphasis = Self.emphasis(onLineContaining: "CRIT", in: styled)
        #expect(emphasis.isSuperset(of: [1, 7]), "the alert line has \(emphasis.sorted())\n\(styled)")
    }

    @Test("with 256 colours muted text is a mid grey, never white; critical is red and bold")
    func palette256() async throws {
        let lone = try Lone(environment: "LANG=C.UTF-8 TERM=xterm-256color")
        defer { lone.close() }
        try await lone.tmux.waitFor("CRIT", timeout: .seconds(15))
        let styled = try lone.tmux.styledScreen()
        #expect(styled.contains("\u{1B}[38;5;244m") || styled.contains(";38;5;244m"), "no grey (244) on screen\n\(styled)")
        #expect(!styled.contains("[37m") && !styled.contains(";37m") && !styled.contains("38;5;15m"), "white text on screen\n\(styled)")
    }
}
