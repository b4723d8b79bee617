import HAProtocol

extension TimelineParser {
    /// The longest journal line read; a longer one is skipped (hadaemon cuts its lines at 4 KiB).
    static let maximumJournalLine = 8192
    /// The largest stamp taken: epoch milliseconds in the year 5138. Digits beyond are not a time.
    static let maximumJournalStamp: Int64 = 99_999_999_999_999

    /// The events of `text`, the timeline journal of `node` (hadaemon's `timeline.log`: each
    /// line `EPOCH-MS HA-LOG-LINE`), with millisecond resolution, oldest first.
    ///
    /// The journal is read as untrusted input: a line that is too long, has no stamp of at most
    /// 14 digits, or no ha-log line after it is skipped; at most ``maximumEvents`` are kept.
    func events(inJournal text: String, node: String) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard lineText.utf8.count <= Self.maximumJournalLine, let space = lineText.firstIndex(of: " "),
                let time = Self.stamp(lineText[..<space]), let line = HALogLine(parsing: lineText[lineText.index(after: space)...])
            else { continue }
            Self.append(line.message, at: time, resolution: 1, node: node, to: &events)
            if events.count >= 2 * Self.maximumEvents { events.removeFirst(events.count - Self.maximumEvents) }
        }
        return Array(events.suffix(Self.maximumEvents))
    }

    /// Classifies `message` into `events`. hadaemon's last-heard line (``lastHeard(_:)``) adds
    /// nothing of its own: with `silence`, it sets the silence on the dead line just before it.
    /// ha-log is read without (its detect stays drawn as deadtime, as for a Heartbeat node): a
    /// journal is what times a failover to the millisecond.
    static func append(
        _ message: String, at time: Int64, resolution: Int64, node: String, silence takesSilence: Bool = true,
        to events: inout [TimelineEvent]
    ) {
        if let (peer, silence) = lastHeard(message) {
            if takesSilence, let last = events.indices.last, events[last].kind == .nodeDead, events[last].node == peer,
                events[last].milliseconds == nil
            {
                events[last].milliseconds = silence
            }
            return
        }
        guard let (kind, subject, millis) = classify(message) else { return }
        events.append(TimelineEvent(time: time, resolution: resolution, source: node, kind: kind, node: subject, text: message, milliseconds: millis))
    }

    /// hadaemon's `node NODE: last heartbeat heard MS ms ago`, logged right after `node NODE: is
    /// dead` (Heartbeat has no such line): the node and the milliseconds, at most a day.
    static func lastHeard(_ message: String) -> (node: String, milliseconds: Int)? {
        guard message.hasPrefix("node "), message.hasSuffix(" ms ago") else { return nil }
        let words = message.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 8, words[1].count > 1, words[1].last == ":", words[2] == "last", words[3] == "heartbeat", words[4] == "heard",
            words[5].utf8.count <= 8, words[5].utf8.allSatisfy({ (48...57).contains($0) }), let silence = Int(words[5]), silence <= 86_400_000
        else { return nil }
        return (String(words[1].dropLast()), silence)
    }

    /// A journal stamp: 1 to 14 ASCII digits, nothing else.
    static func stamp(_ text: Substring) -> Int64? {
        guard (1...14).contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int64(text),
            value <= maximumJournalStamp
        else { return nil }
        return value
    }
}
