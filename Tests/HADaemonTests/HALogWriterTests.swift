import Foundation
import HAProtocol
import Testing

@testable import HADaemon

@Suite struct HALogWriterTests {
    func written(_ body: (HALogWriter) -> Void) throws -> [String] {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let writer = HALogWriter(logfile: tmp.path + "/ha-log", debugfile: tmp.path + "/ha-debug", host: "alpha", echo: false)
        body(writer)
        let log = try String(contentsOfFile: tmp.path + "/ha-log", encoding: .utf8)
        let debug = try String(contentsOfFile: tmp.path + "/ha-debug", encoding: .utf8)
        #expect(log == debug)
        return log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("a message with newlines, carriage returns and escapes is one line with them escaped, in both files")
    func controlCharactersAreEscaped() throws {
        let lines = try written { writer in
            writer.daemon(.info, "standby requested, reason: x\nNov 22 03:04:51 alpha heartbeat: [1]: CRIT: forged\r\u{1b}[31m\u{85}\u{0}end")
            writer.script("IPaddr2", instance: "ip\nforged", level: .info, "out\u{7f}put\ttab")
        }
        #expect(lines.count == 3 && lines[2].isEmpty, "\(lines)")
        #expect(lines[0].hasSuffix(#"reason: x\nNov 22 03:04:51 alpha heartbeat: [1]: CRIT: forged\r\x1b[31m\x85\x00end"#), "\(lines[0])")
        #expect(lines[1].contains(#"IPaddr2(ip\nforged)"#) && lines[1].hasSuffix("out\\x7fput\ttab"), "\(lines[1])")
        for line in lines.dropLast() { #expect(HALogLine(parsing: line) != nil, "\(line)") }
    }

    @Test("ordinary lines are written unchanged")
    func ordinaryLines() throws {
        let lines = try written { $0.daemon(.warn, "node bravo: is dead") }
        #expect(lines.count == 2 && lines[0].hasSuffix(" heartbeat: [\(getpid())]: WARN: node bravo: is dead"), "\(lines)")
    }

    @Test(
        "sanitizing escapes C0, DEL and C1 controls, keeps tabs, backslashes and other text",
        arguments: [
            ("plain text, é and ü \\ kept", "plain text, é and ü \\ kept"),
            ("a\nb\r\nc", #"a\nb\r\nc"#),
            ("\u{0}\u{1}\u{1b}[0m\u{7f}", #"\x00\x01\x1b[0m\x7f"#),
            ("\u{80}\u{85}\u{9f}\u{a0}", #"\x80\x85\x9f"# + "\u{a0}"),
            ("tab\tstays", "tab\tstays"),
        ])
    func sanitizing(raw: String, expected: String) {
        #expect(HALogWriter.sanitized(raw) == expected)
    }

    @Test("lines a file cannot take are counted, shown as a failure, and accounted for in the first line that gets through")
    func lostLinesAreCounted() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let writer = HALogWriter(logfile: "/dev/full", debugfile: nil, host: "alpha", echo: false)
        #expect(writer.failures.isEmpty)
        for index in 1...3 { writer.daemon(.info, "line \(index)") }
        #expect(writer.failures == [HALogWriter.Failure(path: "/dev/full", lost: 3, reason: "No space left on device")])
        writer.reopen(logfile: tmp.path + "/ha-log", debugfile: nil)
        writer.daemon(.info, "line 4")
        let lines = try String(contentsOfFile: tmp.path + "/ha-log", encoding: .utf8).split(separator: "\n")
        #expect(
            lines.count == 2 && lines[0].hasSuffix("ERROR: 3 log lines lost: No space left on device") && lines[1].hasSuffix("info: line 4"),
            "\(lines)")
        #expect(writer.failures.isEmpty)
    }
}
