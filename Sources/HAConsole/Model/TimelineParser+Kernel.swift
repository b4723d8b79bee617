import HAProtocol

extension TimelineParser {
    /// The DRBD events of `text`, a kernel log of `node` as syslog writes it (`Mar  6 22:28:02
    /// node01 kernel: [186795.788209] block drbd0: conn( Connected -> NetworkFailure )`), oldest
    /// first, classified by ``DRBDKernelLogEvent``: each state-change line is one event (a
    /// connection change first, else a role change, else a disk change; the line's own
    /// words), each `Split-Brain detected` a `drbd_split_brain`.
    ///
    /// Read as untrusted input: lines longer than ``maximumJournalLine``, with no syslog stamp
    /// (`dmesg` prints only seconds since boot) or not DRBD's are skipped; at most
    /// ``maximumEvents`` are kept. The stamp has no year: the clock's, as for ha-log's.
    func events(inKernelLog text: String, node: String) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.utf8.count <= Self.maximumJournalLine, let stamp = Self.syslogStamp(line),
                let drbd = DRBDKernelLogEvent.classify(line), let kind = Self.kind(of: drbd.kind)
            else { continue }
            var label = drbd.resource ?? drbd.minor.map { "drbd\($0)" } ?? "drbd"
            if let volume = drbd.volume { label += "/\(volume)" }
            if let peer = drbd.peer { label += " \(peer)" }
            events.append(
                TimelineEvent(
                    time: clock.millisecondsGuessingYear(stamp), resolution: 1000, source: node, kind: kind, node: node,
                    text: "\(label): \(drbd.message)"))
            if events.count >= 2 * Self.maximumEvents { events.removeFirst(events.count - Self.maximumEvents) }
        }
        return Array(events.suffix(Self.maximumEvents))
    }

    /// The timeline kind of a DRBD kernel line; nil for the lines a timeline leaves out.
    static func kind(of kind: DRBDKernelLogEvent.Kind) -> TimelineEvent.Kind? {
        switch kind {
        case .splitBrainDetected: return .drbdSplitBrain
        case .stateChange(let transitions):
            let fields = Set(transitions.map(\.field))
            if !fields.isDisjoint(with: ["conn", "repl"]) { return .drbdConnection }
            if !fields.isDisjoint(with: ["role", "peer"]) { return .drbdRole }
            if !fields.isDisjoint(with: ["disk", "pdsk"]) { return .drbdDisk }
            return nil
        default: return nil
        }
    }

    /// `Mar  6 22:28:02` (or `Mar 6`) at the start of a syslog line, with no year.
    static func syslogStamp(_ line: Substring) -> HALogTimestamp? {
        let words = line.prefix(32).split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard words.count == 4, let monthIndex = HALogTimestamp.monthAbbreviations.firstIndex(where: { $0 == words[0] }),
            words[1].utf8.count <= 2, let day = Int(words[1]), (1...31).contains(day)
        else { return nil }
        let clock = words[2].split(separator: ":", omittingEmptySubsequences: false)
        guard words[2].utf8.count == 8, clock.count == 3, clock.allSatisfy({ $0.utf8.count == 2 && $0.utf8.allSatisfy { (48...57).contains($0) } }),
            let hour = Int(clock[0]), hour < 24, let minute = Int(clock[1]), minute < 60, let second = Int(clock[2]), second <= 60
        else { return nil }
        return HALogTimestamp(month: monthIndex + 1, day: day, hour: hour, minute: minute, second: min(59, second))
    }
}
