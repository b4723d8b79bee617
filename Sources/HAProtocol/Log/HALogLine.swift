/// One line of an ha-log or ha-debug file, split into the fields Heartbeat wrote (spec §6.1).
///
/// ``init(parsing:)`` reads every layout Heartbeat 3.0.6 and its scripts write (see ``Layout``);
/// ``formatted`` writes a line back byte for byte, so that `HALogLine(parsing: s)?.formatted == s`
/// for every line the parser accepts. Fields a layout does not print are nil there.
public struct HALogLine: Sendable, Hashable {
    /// Which of Heartbeat's line shapes this is; decides how ``formatted`` prints it.
    public enum Layout: Sendable, Hashable, CaseIterable {
        /// Heartbeat's log and debug files with `syslogmsgfmt` (the default), day zero-padded:
        /// `Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead`.
        case daemonFile
        /// The daemon's lines as syslogd writes them, day space-padded:
        /// `May  9 12:10:40 gw2 heartbeat: [3684]: info: Received shutdown notice from 'gw1'.`
        case daemonSyslog
        /// A script's lines as syslogd writes them (`logger -t TAG`), day space-padded, or
        /// two-digit days: `May  9 12:10:40 gw2 harc[26469]: info: Running /etc/ha.d//rc.d/status status`.
        case scriptSyslog
        /// The old `syslogmsgfmt false` daemon file layout:
        /// `heartbeat[5816]: 2006/10/25_11:49:58 WARN: Late heartbeat: …`.
        case legacyDaemonFile
        /// Script lines in ha-log (two spaces after the date, four after the tag):
        /// `2026/11/22_03:04:51  ResourceManager(default)[32732]:    info: Acquiring resource group: …`.
        case scriptFile
        /// Script lines in ha-debug (a tab after the tag, one space after the date):
        /// `harc(default)[32464]:\t2026/11/22_03:04:51 info: Running /etc/ha.d//rc.d/status status`.
        case scriptDebugFile
    }

    /// The shape the line was read in, and will be written in.
    public var layout: Layout
    /// The printed time; ``HALogTimestamp/year`` is nil in the syslog-style layouts.
    public var timestamp: HALogTimestamp
    /// The kernel node name (`uname -n`) for the syslog-style layouts; nil for the others.
    public var host: String?
    /// The logging program: `heartbeat`, `ResourceManager`, `harc`, or an agent path such as
    /// `/usr/lib/ocf/resource.d//heartbeat/IPaddr2`.
    public var program: String
    /// The script's instance tag, `default` in `harc(default)[N]` or `IPaddr2_192.0.2.100`; nil if none.
    public var instance: String?
    /// The process id that logged (for the daemon, the master or a forked child); nil if none.
    public var pid: Int?
    /// The priority word exactly as written (`info`, `WARN`, `INFO`, `CRITICAL`), or nil when the
    /// text carries none (`received ip-request-resp …`, `Going standby [all].`).
    public var levelWord: String?
    /// Everything after `LEVEL: ` (or the whole text when there is no level), verbatim: it may
    /// start with a space (`INFO:  Resource is stopped`) or be empty (`INFO: `).
    public var message: String

    /// A line from its fields; ``levelWord`` is written as `level`'s Heartbeat spelling.
    public init(
        layout: Layout, timestamp: HALogTimestamp, host: String? = nil, program: String,
        instance: String? = nil, pid: Int? = nil, level: HALogLevel? = nil, message: String
    ) {
        self.layout = layout
        self.timestamp = timestamp
        self.host = host
        self.program = program
        self.instance = instance
        self.pid = pid
        self.levelWord = level?.heartbeatWord
        self.message = message
    }

    /// The normalised priority of ``levelWord``; setting it writes the Heartbeat spelling.
    public var level: HALogLevel? {
        get { levelWord.map { HALogLevel(word: $0) } }
        set { levelWord = newValue?.heartbeatWord }
    }

    /// The level a console should colour this line by.
    ///
    /// The line's own level when it has one; otherwise the rule `ha_log` uses to pick a syslog
    /// priority for a script text (spec §6.1): `ERROR` in the text means error, `WARN` warn,
    /// anything else notice.
    public var effectiveLevel: HALogLevel {
        if let level { return level }
        if message.contains("ERROR") { return .error }
        if message.contains("WARN") { return .warn }
        return .notice
    }

    /// True when the line is a warning, error or critical message (see ``effectiveLevel``).
    public var isProblem: Bool { effectiveLevel.isProblem }

    /// True when `filter` occurs in the formatted line, ignoring case; an empty filter matches all.
    public func matches(filter: some StringProtocol) -> Bool {
        filter.isEmpty || formatted.lowercased().contains(filter.lowercased())
    }
}
