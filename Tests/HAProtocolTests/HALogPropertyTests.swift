import HAFixtures
import HAProtocol
import Testing

@Suite struct HALogPropertyTests {
    /// Whatever a line holds: it parses or not without crashing, and if it parses it formats back
    /// to itself; classification never fails. Records an issue only on failure: thousands of
    /// passing `#expect`s per test would cost more than the parsing.
    private func checkLine(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let entry = HALogEntry(parsing: text)
        if entry.formatted != text {
            Issue.record(
                "round trip changed \(text.debugDescription) to \(entry.formatted.debugDescription)",
                sourceLocation: sourceLocation)
        }
        _ = entry.event
        _ = entry.isProblem
        _ = HALogEvent(message: text)
    }

    static let alphabet: [Character] = Array(
        "Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead 2026/11/22_03:04:51  ()[]:\t\r0123456789xyzé\u{0}"
    )

    @Test("random log-like text never crashes and round-trips when it parses")
    func randomText() {
        var rng = SeededGenerator(seed: 0x4841_4C4F_4701)
        for _ in 0..<3000 {
            checkLine(Fuzz.text(&rng, alphabet: Self.alphabet, maxLength: 120))
        }
    }

    @Test("random bytes, decoded lossily, never crash and split into lines that round-trip")
    func randomBytes() {
        var rng = SeededGenerator(seed: 0x4841_4C4F_4702)
        for _ in 0..<1000 {
            let text = String(decoding: Fuzz.bytes(&rng, maxLength: 300), as: UTF8.self)
            let entries = HALogEntry.entries(in: text)
            let rebuilt = entries.map(\.formatted).joined(separator: "\n")
            #expect(rebuilt == text || rebuilt + "\n" == text)
            for entry in entries { checkLine(entry.formatted) }
        }
    }

    @Test("mutated lines of the captured logs never crash and round-trip when they parse")
    func mutatedFixtureLines() throws {
        let lines = try HALogFixture.logNames.flatMap { try HALogFixture.entries($0).map(\.formatted) }
        var rng = SeededGenerator(seed: 0x4841_4C4F_4703)
        var parsed = 0
        for _ in 0..<5000 {
            let mutated = Fuzz.mutate(lines.randomElement(using: &rng)!, &rng)
            for piece in mutated.split(separator: "\n", omittingEmptySubsequences: false) {
                checkLine(String(piece))
                if HALogLine(parsing: piece) != nil { parsed += 1 }
            }
        }
        // Edits that land in the message keep the line parseable: a good share must still parse,
        // or this test would only ever exercise the unparsed path.
        #expect(parsed > 1500)
    }

    @Test("lines built from random fields parse back into the same fields")
    func fieldsRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x4841_4C4F_4704)
        for _ in 0..<2000 {
            let line = Self.randomLine(&rng)
            let parsed = try #require(HALogLine(parsing: line.formatted), "\(line.formatted)")
            #expect(parsed == line)
        }
    }

    @Test("a very long line is handled in linear time")
    func longLine() {
        let long =
            "Nov 22 03:04:51 alpha heartbeat: [1]: info: Link " + String(repeating: "a:b ", count: 50_000) + "up."
        let line = HALogLine(parsing: long)
        #expect(line?.formatted == long)
        #expect(line?.event == nil)
        #expect(HALogEvent(message: String(repeating: "1 lost packet(s) for [", count: 5_000)) == nil)
    }

    /// A line in a random layout with fields that layout prints, shaped so the text is unambiguous
    /// (messages hold no `:`, so no level word can appear from them).
    static func randomLine(_ rng: inout SeededGenerator) -> HALogLine {
        func word(_ rng: inout SeededGenerator, _ letters: String = "abcdefghijklmnopqrstuvwxyz0123456789-_./")
            -> String
        {
            String((0..<Int.random(in: 1...12, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
        }
        let layout = HALogLine.Layout.allCases.randomElement(using: &rng)!
        let hasHost = [.daemonFile, .daemonSyslog, .scriptSyslog].contains(layout)
        let isDaemon = [.daemonFile, .daemonSyslog].contains(layout)
        // syslogd pads the day with a space; two-digit days print the same in both daemon layouts.
        let day = layout == .daemonSyslog ? Int.random(in: 1...9, using: &rng) : Int.random(in: 1...31, using: &rng)
        let timestamp = HALogTimestamp(
            year: hasHost ? nil : Int.random(in: 0...9999, using: &rng), month: Int.random(in: 1...12, using: &rng),
            day: day, hour: Int.random(in: 0...23, using: &rng), minute: Int.random(in: 0...59, using: &rng),
            second: Int.random(in: 0...60, using: &rng))
        let knownWords = ["info", "INFO", "WARN", "WARNING", "ERROR", "CRIT", "CRITICAL", "debug", "notice"]
        let anyWord = isDaemon || layout == .legacyDaemonFile
        var levelWord: String? = Bool.random(using: &rng) ? knownWords.randomElement(using: &rng)! : nil
        if isDaemon || (anyWord && Bool.random(using: &rng)) {
            levelWord = levelWord ?? word(&rng, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        }
        let message = (0..<Int.random(in: 0...6, using: &rng)).map { _ in word(&rng, "abcXYZ019 []()'.é!") }.joined(
            separator: " ")
        var line = HALogLine(
            layout: layout, timestamp: timestamp, host: hasHost ? word(&rng) : nil,
            program: word(&rng), instance: isDaemon || Bool.random(using: &rng) ? nil : word(&rng),
            pid: isDaemon || Bool.random(using: &rng) ? Int.random(in: 0...4_194_304, using: &rng) : nil,
            message: levelWord == nil && anyWord ? "x" + message : message)
        line.levelWord = levelWord
        return line
    }
}
