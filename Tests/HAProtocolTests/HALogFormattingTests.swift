import HAProtocol
import Testing

@Suite struct HALogFormattingTests {
    @Test("a daemon line is written in Heartbeat's file layout, day zero-padded")
    func daemonLine() {
        let line = HALogLine.daemon(
            at: HALogTimestamp(year: 2026, month: 1, day: 5, hour: 3, minute: 4, second: 9), host: "alpha", pid: 25506,
            level: .warn, message: "node bravo: is dead")
        #expect(line.formatted == "Jan 05 03:04:09 alpha heartbeat: [25506]: WARN: node bravo: is dead")
        #expect(HALogLine(parsing: line.formatted) == line.withoutYear)
    }

    @Test("a script line has two spaces after the date and four after the tag")
    func scriptLine() {
        let line = HALogLine.script(
            at: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 51),
            program: "ResourceManager", pid: 32732, level: .info,
            message: "Acquiring resource group: alpha IPaddr2::192.0.2.100/24/hb0 hbdummy")
        #expect(
            line.formatted
                == "2026/11/22_03:04:51  ResourceManager(default)[32732]:    info: Acquiring resource group: alpha IPaddr2::192.0.2.100/24/hb0 hbdummy"
        )
        #expect(HALogLine(parsing: line.formatted) == line)
    }

    @Test(
        "every layout writes the same fields in its own shape",
        arguments: [
            (HALogLine.Layout.daemonFile, "Feb 03 04:05:06 node1 heartbeat: [42]: ERROR: boom"),
            (.daemonSyslog, "Feb  3 04:05:06 node1 heartbeat: [42]: ERROR: boom"),
            (.scriptSyslog, "Feb  3 04:05:06 node1 heartbeat[42]: ERROR: boom"),
            (.legacyDaemonFile, "heartbeat[42]: 0007/02/03_04:05:06 ERROR: boom"),
            (.scriptFile, "0007/02/03_04:05:06  heartbeat[42]:    ERROR: boom"),
            (.scriptDebugFile, "heartbeat[42]:\t0007/02/03_04:05:06 ERROR: boom"),
        ])
    func layouts(layout: HALogLine.Layout, text: String) {
        let line = HALogLine(
            layout: layout, timestamp: HALogTimestamp(year: 7, month: 2, day: 3, hour: 4, minute: 5, second: 6),
            host: "node1", program: "heartbeat", pid: 42, level: .error, message: "boom")
        #expect(line.formatted == text)
    }

    @Test("setting a level writes Heartbeat's spelling; a script's own spelling is kept")
    func levelSpelling() {
        var line = HALogLine.script(
            at: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 51), program: "IPaddr2",
            instance: "IPaddr2_192.0.2.100", pid: 469, level: .info, message: "Bringing device hb0 up")
        line.levelWord = "INFO"
        #expect(line.level == .info)
        #expect(line.formatted.hasSuffix("[469]:    INFO: Bringing device hb0 up"))
        line.level = .crit
        #expect(line.levelWord == "CRIT")
        line.level = nil
        #expect(line.formatted.hasSuffix("[469]:    Bringing device hb0 up"))
    }

    @Test("numbers are zero-padded to their fixed widths")
    func padding() {
        let stamp = HALogTimestamp(year: 9, month: 1, day: 2, hour: 0, minute: 0, second: 7)
        #expect(stamp.scriptText == "0009/01/02_00:00:07")
        #expect(stamp.syslogText() == "Jan 02 00:00:07")
        #expect(stamp.syslogText(dayPadding: " ") == "Jan  2 00:00:07")
        #expect(HALogTimestamp(month: 12, day: 31, hour: 23, minute: 59, second: 60).syslogText() == "Dec 31 23:59:60")
    }

    @Test("every line of every captured log formats back to itself", arguments: HALogFixture.logNames)
    func roundTrip(name: String) throws {
        let text = try HALogFixture.text(name)
        let entries = HALogEntry.entries(in: text)
        for entry in entries {
            if let line = entry.line {
                #expect(HALogLine(parsing: line.formatted) == line)
            }
        }
        #expect(entries.map(\.formatted).joined(separator: "\n") + "\n" == text)
    }
}

extension HALogLine {
    /// The line as the parser sees it after formatting a layout that prints no year.
    fileprivate var withoutYear: HALogLine {
        var copy = self
        copy.timestamp.year = nil
        return copy
    }
}
