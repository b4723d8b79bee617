extension HALogLine {
    /// The line exactly as Heartbeat (or its script) writes it in ``layout``, without a newline.
    ///
    /// For every line ``init(parsing:)`` accepts, `formatted` is the parsed text byte for byte.
    /// Fields the layout does not print are ignored; a missing ``host`` prints as an empty word,
    /// a missing ``pid`` or ``instance`` is left out of the tag.
    public var formatted: String {
        let text = (levelWord.map { "\($0): " } ?? "") + message
        switch layout {
        case .daemonFile:
            return "\(timestamp.syslogText(dayPadding: "0")) \(host ?? "") \(daemonTag)\(text)"
        case .daemonSyslog:
            return "\(timestamp.syslogText(dayPadding: " ")) \(host ?? "") \(daemonTag)\(text)"
        case .scriptSyslog:
            return "\(timestamp.syslogText(dayPadding: " ")) \(host ?? "") \(scriptTag): \(text)"
        case .legacyDaemonFile:
            return "\(scriptTag): \(timestamp.scriptText) \(text)"
        case .scriptFile:
            // `ha_log` appends "$HA_DATEFMT" (ending in a tab) unquoted: word splitting leaves two
            // spaces after the date and four after the tag (spec §6.1).
            return "\(timestamp.scriptText)  \(scriptTag):    \(text)"
        case .scriptDebugFile:
            return "\(scriptTag):\t\(timestamp.scriptText) \(text)"
        }
    }

    /// `heartbeat: [25506]: `: cl_log's entity then the pid in brackets.
    private var daemonTag: String {
        "\(program): " + (pid.map { "[\($0)]: " } ?? "")
    }

    /// `IPaddr2(IPaddr2_192.0.2.100)[469]`: program, optional instance, optional pid.
    private var scriptTag: String {
        program + (instance.map { "(\($0))" } ?? "") + (pid.map { "[\($0)]" } ?? "")
    }

    /// A line for Heartbeat's own log file: `Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: …`.
    ///
    /// `timestamp.year` is not printed. This is the layout greps and ``init(parsing:)`` expect
    /// of a daemon line (spec §6.1, `syslogmsgfmt true`).
    public static func daemon(
        at timestamp: HALogTimestamp, host: String, program: String = "heartbeat", pid: Int,
        level: HALogLevel, message: String
    ) -> HALogLine {
        HALogLine(
            layout: .daemonFile, timestamp: timestamp, host: host, program: program, pid: pid,
            level: level, message: message)
    }

    /// A script line for ha-log: `2026/11/22_03:04:51  ResourceManager(default)[32732]:    info: …`.
    ///
    /// `level` is written in Heartbeat's spelling (`info`, `ERROR`, `CRIT`, as ResourceManager
    /// writes them); nil writes no level word. Set ``levelWord`` afterwards for an agent's own
    /// spelling (`INFO`). `timestamp.year` must be set.
    public static func script(
        at timestamp: HALogTimestamp, program: String, instance: String? = "default", pid: Int,
        level: HALogLevel?, message: String
    ) -> HALogLine {
        HALogLine(
            layout: .scriptFile, timestamp: timestamp, program: program, instance: instance, pid: pid,
            level: level, message: message)
    }
}
