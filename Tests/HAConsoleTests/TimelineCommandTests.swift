import Glibc
import Testing

@testable import HAConsole

/// `haconsole timeline`'s argument reading: `--log NODE=PATH`, `--journal` files and `--since`.
@Suite struct TimelineCommandTests {
    let clock = TimelineClock(utcOffsetSeconds: 3600, year: 2026)

    @Test("--log NODE=PATH names the node; a bare path, or one with = inside a directory, is this node's")
    func logSpecs() {
        #expect(ConsoleTimelineCommand.split("alpha=/var/log/ha-log") == ("alpha", "/var/log/ha-log"))
        let bare = ConsoleTimelineCommand.split("/var/log/ha-log")
        #expect(bare.path == "/var/log/ha-log" && !bare.node.isEmpty)
        #expect(ConsoleTimelineCommand.split("/tmp/a=b/ha-log").path == "/tmp/a=b/ha-log")
        #expect(ConsoleTimelineCommand.split("=/x").path == "=/x")
    }

    @Test("a journal is read with its older generation first; a missing one is an error naming the option and the file")
    func journalFiles() throws {
        var template = Array("/tmp/timeline-journal-XXXXXX".utf8CString)
        let directory = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        defer {
            for name in ["/timeline.log", "/timeline.log.1", ""] { _ = Glibc.remove(directory + name) }
        }
        func write(_ text: String, _ path: String) {
            let file = fopen(path, "w")
            fputs(text, file)
            fclose(file)
        }
        write("2 newer\n", directory + "/timeline.log")
        #expect(try ConsoleTimelineCommand.readJournal(directory + "/timeline.log") == "2 newer\n")
        write("1 older", directory + "/timeline.log.1")
        #expect(try ConsoleTimelineCommand.readJournal(directory + "/timeline.log") == "1 older\n2 newer\n")
        #expect {
            try ConsoleTimelineCommand.readJournal(directory + "/missing.log")
        } throws: { error in
            "\(error)" == "--journal \(directory)/missing.log: No such file or directory"
        }
    }

    @Test("--since reads UTC, local time in the log's zone, and spans back from now")
    func since() throws {
        #expect(ConsoleTimelineCommand.sinceTime("2026-11-22T03:04:51Z", clock: clock) == 1_795_316_691_000)
        #expect(ConsoleTimelineCommand.sinceTime("2026-11-22 04:04:51", clock: clock) == 1_795_316_691_000)
        #expect(ConsoleTimelineCommand.sinceTime("2026-11-22 04:04", clock: clock) == 1_795_316_640_000)
        let hours = try #require(ConsoleTimelineCommand.sinceTime("2h", clock: clock))
        let minutes = try #require(ConsoleTimelineCommand.sinceTime("120m", clock: clock))
        #expect(abs(hours - minutes) < 2000)
        for bad in ["yesterday", "-2h", "99999999999d", "2026-13-01 00:00", "h", ""] {
            #expect(ConsoleTimelineCommand.sinceTime(bad, clock: clock) == nil, "\(bad)")
        }
    }
}
