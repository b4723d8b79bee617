import HAProtocol
import Testing

@Suite struct HALogLineTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var text: String
        var layout: HALogLine.Layout
        var timestamp: HALogTimestamp
        var host: String?
        var program: String
        var instance: String?
        var pid: Int?
        var levelWord: String?
        var message: String
        var testDescription: String { "\(layout)" }
    }

    static let shapes: [Shape] = [
        Shape(
            text: "Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead", layout: .daemonFile,
            timestamp: HALogTimestamp(month: 11, day: 22, hour: 3, minute: 4, second: 51), host: "alpha",
            program: "heartbeat", pid: 25506, levelWord: "WARN", message: "node bravo: is dead"),
        Shape(
            text: "Jan 05 00:00:00 beam heartbeat: [1056]: info: Local status now set to: 'up'", layout: .daemonFile,
            timestamp: HALogTimestamp(month: 1, day: 5, hour: 0, minute: 0, second: 0), host: "beam",
            program: "heartbeat", pid: 1056, levelWord: "info", message: "Local status now set to: 'up'"),
        Shape(
            text: "May  9 12:10:40 gw2 heartbeat: [3684]: info: Received shutdown notice from 'gw1'.",
            layout: .daemonSyslog, timestamp: HALogTimestamp(month: 5, day: 9, hour: 12, minute: 10, second: 40),
            host: "gw2", program: "heartbeat", pid: 3684, levelWord: "info",
            message: "Received shutdown notice from 'gw1'."),
        Shape(
            text: "May  9 12:10:40 gw2 harc[26469]: info: Running /etc/ha.d//rc.d/status status",
            layout: .scriptSyslog, timestamp: HALogTimestamp(month: 5, day: 9, hour: 12, minute: 10, second: 40),
            host: "gw2", program: "harc", pid: 26469, levelWord: "info",
            message: "Running /etc/ha.d//rc.d/status status"),
        Shape(
            text: "heartbeat[5816]: 2006/10/25_11:49:58 WARN: Late heartbeat: Node 192.168.0.2: interval 5510 ms",
            layout: .legacyDaemonFile,
            timestamp: HALogTimestamp(year: 2006, month: 10, day: 25, hour: 11, minute: 49, second: 58),
            program: "heartbeat", pid: 5816, levelWord: "WARN",
            message: "Late heartbeat: Node 192.168.0.2: interval 5510 ms"),
        Shape(
            text:
                "2026/11/22_03:04:51  ResourceManager(default)[32732]:    info: Acquiring resource group: alpha hbdummy",
            layout: .scriptFile,
            timestamp: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 51),
            program: "ResourceManager", instance: "default", pid: 32732, levelWord: "info",
            message: "Acquiring resource group: alpha hbdummy"),
        Shape(
            text: "2026/11/22_03:04:51  IPaddr2(IPaddr2_192.0.2.100)[469]:    INFO: Bringing device hb0 up",
            layout: .scriptFile,
            timestamp: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 51),
            program: "IPaddr2", instance: "IPaddr2_192.0.2.100", pid: 469, levelWord: "INFO",
            message: "Bringing device hb0 up"),
        Shape(
            text:
                "2026/11/22_03:04:51  /usr/lib/ocf/resource.d//heartbeat/IPaddr2(IPaddr2_192.0.2.100)[32573]:    INFO:  Resource is stopped",
            layout: .scriptFile,
            timestamp: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 51),
            program: "/usr/lib/ocf/resource.d//heartbeat/IPaddr2", instance: "IPaddr2_192.0.2.100", pid: 32573,
            levelWord: "INFO", message: " Resource is stopped"),
        Shape(
            text: "2026/11/22_03:04:52  IPaddr2(IPaddr2_192.0.2.100)[469]:    INFO: ", layout: .scriptFile,
            timestamp: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 52),
            program: "IPaddr2", instance: "IPaddr2_192.0.2.100", pid: 469, levelWord: "INFO", message: ""),
        Shape(
            text:
                "2026/11/22_03:04:51  ip-request-resp(default)[32706]:    received ip-request-resp IPaddr2::192.0.2.100/24/hb0 OK yes",
            layout: .scriptFile,
            timestamp: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 51),
            program: "ip-request-resp", instance: "default", pid: 32706,
            message: "received ip-request-resp IPaddr2::192.0.2.100/24/hb0 OK yes"),
        Shape(
            text: "2026/11/22_03:07:12  hb_standby(default)[8474]:    Going standby [all].", layout: .scriptFile,
            timestamp: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 7, second: 12),
            program: "hb_standby", instance: "default", pid: 8474, message: "Going standby [all]."),
        Shape(
            text: "harc(default)[32464]:\t2026/11/22_03:04:51 info: Running /etc/ha.d//rc.d/status status",
            layout: .scriptDebugFile,
            timestamp: HALogTimestamp(year: 2026, month: 11, day: 22, hour: 3, minute: 4, second: 51),
            program: "harc", instance: "default", pid: 32464, levelWord: "info",
            message: "Running /etc/ha.d//rc.d/status status"),
        Shape(
            text:
                "2026/01/02_03:04:05  ResourceManager(default)[7]:    ERROR: Return code 1 from /etc/ha.d/resource.d/x",
            layout: .scriptFile,
            timestamp: HALogTimestamp(year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 5),
            program: "ResourceManager", instance: "default", pid: 7, levelWord: "ERROR",
            message: "Return code 1 from /etc/ha.d/resource.d/x"),
    ]

    @Test("each of Heartbeat's line shapes parses into its fields", arguments: shapes)
    func parsesShape(_ shape: Shape) throws {
        let line = try #require(HALogLine(parsing: shape.text))
        #expect(line.layout == shape.layout)
        #expect(line.timestamp == shape.timestamp)
        #expect(line.host == shape.host)
        #expect(line.program == shape.program)
        #expect(line.instance == shape.instance)
        #expect(line.pid == shape.pid)
        #expect(line.levelWord == shape.levelWord)
        #expect(line.message == shape.message)
        #expect(line.formatted == shape.text)
    }

    @Test(
        "lines that fit no shape are not parsed",
        arguments: [
            "", "INFO:  Success", "hbdummy: started", "hbdummy: stopped", " ...",
            "<the raw packet>, autotoken=1 deadbeef,",
            "Nov 32 03:04:51 alpha heartbeat: [1]: info: day out of range",
            "Nov 22 24:00:00 alpha heartbeat: [1]: info: hour out of range",
            "Now 22 03:04:51 alpha heartbeat: [1]: info: no such month",
            "2026/11/22_03:04:51  harc(default)[0123]:    info: pid with a leading zero",
            "Nov 05 03:04:51 alpha harc[1]: info: zero-padded day with a logger tag",
            "2026/11/22_03:04:51 ResourceManager(default)[1]:    info: one space after the date",
            "2026/11/22_03:04:51  ResourceManager(default)[1]:   info: three spaces after the tag",
            "2026/13/22_03:04:51  ResourceManager(default)[1]:    info: month 13",
            "harc(default)[1]:\t2026/11/22 03:04:51 info: no underscore",
            "harc(default[1]:\t2026/11/22_03:04:51 info: unclosed instance",
        ])
    func rejects(_ text: String) {
        #expect(HALogLine(parsing: text) == nil)
        #expect(HALogEntry(parsing: text) == .unparsed(text))
    }

    @Test(
        "level words of the daemon and the scripts normalise to one level",
        arguments: [
            ("debug", HALogLevel.debug), ("info", .info), ("INFO", .info), ("notice", .notice), ("WARN", .warn),
            ("WARNING", .warn), ("ERROR", .error), ("err", .error), ("CRIT", .crit), ("CRITICAL", .crit),
            ("EMERG", .crit), ("ALERT", .crit), ("Bogus", .other("Bogus")),
        ])
    func normalisesLevel(word: String, level: HALogLevel) {
        #expect(HALogLevel(word: word) == level)
    }

    @Test("a daemon tag that fails the daemon shape is read as a logger tag, keeping every byte")
    func daemonFallsBackToLoggerTag() throws {
        let text = "Nov 22 03:04:51 alpha heartbeat: [0123]: info: pid with a leading zero"
        let line = try #require(HALogLine(parsing: text))
        #expect(line.layout == .scriptSyslog)
        #expect(line.pid == nil)
        #expect(line.message == "[0123]: info: pid with a leading zero")
        #expect(line.formatted == text)
    }

    @Test("a daemon line keeps an unknown level word, a script text does not take one")
    func unknownLevelWords() throws {
        let daemon = try #require(HALogLine(parsing: "Nov 22 03:04:51 alpha heartbeat: [1]: odd: text"))
        #expect(daemon.level == .other("odd"))
        #expect(daemon.message == "text")
        let script = try #require(HALogLine(parsing: "2026/11/22_03:04:51  mach_down(default)[2]:    odd: text"))
        #expect(script.level == nil)
        #expect(script.message == "odd: text")
    }

    @Test(
        "problems are warnings, errors and critical lines, with ha_log's rule for texts without a level",
        arguments: [
            ("Nov 22 03:04:51 alpha heartbeat: [1]: WARN: node bravo: is dead", true),
            ("Nov 22 03:04:51 alpha heartbeat: [1]: CRIT: Cluster node bravo returning after partition.", true),
            ("Nov 22 03:04:51 alpha heartbeat: [1]: ERROR: Cannot lock ourselves into memory", true),
            ("Nov 22 03:04:51 alpha heartbeat: [1]: info: Link bravo:hb0 up.", false),
            ("Nov 22 03:04:51 alpha heartbeat: [1]: debug: StartNextRemoteRscReq(): child count 1", false),
            ("2026/11/22_03:04:51  IPaddr2(x)[2]:    CRITICAL: gone", true),
            ("2026/11/22_03:04:51  hb_standby(default)[3]:    Going standby [all].", false),
            ("2026/11/22_03:04:51  thing(default)[3]:    an ERROR happened", true),
        ])
    func problems(text: String, isProblem: Bool) throws {
        let line = try #require(HALogLine(parsing: text))
        #expect(line.isProblem == isProblem)
        #expect(HALogEntry(parsing: text).isProblem == isProblem)
    }

    @Test("an unparsed line is never a problem and has no event")
    func unparsedIsQuiet() {
        let entry = HALogEntry(parsing: "ERROR: MSG[0] : [t=status] continued")
        #expect(!entry.isProblem)
        #expect(entry.event == nil)
        #expect(entry.line == nil)
    }

    @Test("a filter matches any part of the line, ignoring case")
    func filter() throws {
        let line = try #require(
            HALogLine(parsing: "Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead"))
        #expect(line.matches(filter: "BRAVO"))
        #expect(line.matches(filter: "alpha heartbeat"))
        #expect(line.matches(filter: "warn: node"))
        #expect(line.matches(filter: ""))
        #expect(!line.matches(filter: "charlie"))
        #expect(HALogEntry.unparsed("hbdummy: started").matches(filter: "DUMMY"))
    }

    @Test("text splits into lines at newlines only, keeping carriage returns and empty lines")
    func splitsLines() {
        #expect(HALogEntry.entries(in: "").isEmpty)
        #expect(HALogEntry.entries(in: "\n") == [.unparsed("")])
        #expect(HALogEntry.entries(in: "a\n\nb") == [.unparsed("a"), .unparsed(""), .unparsed("b")])
        #expect(HALogEntry.entries(in: "a\r\nb\n") == [.unparsed("a\r"), .unparsed("b")])
        let daemon = "Nov 22 03:04:51 alpha heartbeat: [1]: info: x"
        #expect(HALogEntry.entries(in: daemon + "\r\n").first?.line?.message == "x\r")
    }
}
