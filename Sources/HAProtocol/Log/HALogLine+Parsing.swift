extension HALogLine {
    /// Reads one line (no newline) in any layout Heartbeat 3.0.6 writes, or nil when it has none.
    ///
    /// Nil is an answer, not an error: ha-debug holds scripts' raw output (`hbdummy: started`),
    /// and an authentication-failure dump continues over lines of raw packet bytes. Shapes are
    /// matched strictly (fixed field widths, in-range numbers, pids without leading zeros, the
    /// exact blanks of each layout), so every accepted line formats back to itself. A day
    /// written `05` with a `logger`-style tag is no shape Heartbeat writes and is not accepted.
    ///
    /// The level word is split off the text when it is followed by `: `: any letters in the
    /// daemon layouts (cl_log always writes one), only known priorities in script texts,
    /// which may have none (`received ip-request-resp …`).
    public init?(parsing line: some StringProtocol) {
        guard let parsed = Self.parseScriptFile(line) ?? Self.parseSyslogStyle(line) ?? Self.parseTagFirst(line)
        else { return nil }
        self = parsed
    }

    /// `2026/11/22_03:04:51  ResourceManager(default)[32732]:    info: …`
    private static func parseScriptFile(_ line: some StringProtocol) -> HALogLine? {
        var scanner = LogLineScanner(line)
        guard let timestamp = scanner.takeScriptTimestamp(), scanner.take("  "),
            let tag = scanner.takeScriptTag(), scanner.take(":    ")
        else { return nil }
        return HALogLine(layout: .scriptFile, timestamp: timestamp, tag: tag, text: scanner.takeRest(), anyLevel: false)
    }

    /// `Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: …` and the syslogd forms.
    private static func parseSyslogStyle(_ line: some StringProtocol) -> HALogLine? {
        var scanner = LogLineScanner(line)
        guard let month = scanner.takeMonth(), scanner.take(" ") else { return nil }
        let spacePadded = scanner.take(" ")
        let zeroPadded = !spacePadded && scanner.peek == UInt8(ascii: "0")
        guard let day = scanner.takeNumber(width: spacePadded ? 1 : 2, in: 1...31), scanner.take(" "),
            let clock = scanner.takeClock(), scanner.take(" "),
            let host = scanner.takeToken(), scanner.take(" ")
        else { return nil }
        let timestamp = HALogTimestamp(
            month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second)
        let afterHost = scanner
        if let program = scanner.takeToken(stoppingAt: Array(":()[]".utf8)), scanner.take(": ["),
            let pid = scanner.takeDecimal(), scanner.take("]: ")
        {
            let tag = LogLineScanner.Tag(program: program, instance: nil, pid: pid)
            return HALogLine(
                layout: spacePadded ? .daemonSyslog : .daemonFile, timestamp: timestamp, host: host, tag: tag,
                text: scanner.takeRest(), anyLevel: true)
        }
        scanner = afterHost
        guard !zeroPadded, let tag = scanner.takeScriptTag(), scanner.take(": ") else { return nil }
        return HALogLine(
            layout: .scriptSyslog, timestamp: timestamp, host: host, tag: tag, text: scanner.takeRest(), anyLevel: false
        )
    }

    /// `heartbeat[5816]: 2006/10/25_11:49:58 WARN: …` and `harc(default)[32464]:\t2026/11/22_03:04:51 info: …`
    private static func parseTagFirst(_ line: some StringProtocol) -> HALogLine? {
        var scanner = LogLineScanner(line)
        guard let tag = scanner.takeScriptTag(), scanner.take(":") else { return nil }
        let layout: Layout
        if scanner.take(" ") {
            layout = .legacyDaemonFile
        } else if scanner.take("\t") {
            layout = .scriptDebugFile
        } else {
            return nil
        }
        guard let timestamp = scanner.takeScriptTimestamp(), scanner.take(" ") else { return nil }
        return HALogLine(
            layout: layout, timestamp: timestamp, tag: tag, text: scanner.takeRest(),
            anyLevel: layout == .legacyDaemonFile)
    }

    private init(
        layout: Layout, timestamp: HALogTimestamp, host: String? = nil, tag: LogLineScanner.Tag,
        text: ArraySlice<UInt8>,
        anyLevel: Bool
    ) {
        let (word, message) = Self.splitLevel(text, anyWord: anyLevel)
        self.init(
            layout: layout, timestamp: timestamp, host: host, program: tag.program, instance: tag.instance,
            pid: tag.pid, message: message)
        levelWord = word
    }

    /// `WARN: text` → (`WARN`, `text`): a word of 1…16 ASCII letters, then `: `.
    private static func splitLevel(_ text: ArraySlice<UInt8>, anyWord: Bool) -> (String?, String) {
        let word = text.prefix(while: LogLineScanner.isLetter)
        let separator = text.dropFirst(word.count).prefix(2)
        guard (1...16).contains(word.count), separator.elementsEqual(": ".utf8) else {
            return (nil, String(decoding: text, as: UTF8.self))
        }
        let wordText = String(decoding: word, as: UTF8.self)
        guard anyWord || HALogLevel.isKnownWord(wordText) else { return (nil, String(decoding: text, as: UTF8.self)) }
        return (wordText, String(decoding: text.dropFirst(word.count + 2), as: UTF8.self))
    }
}
