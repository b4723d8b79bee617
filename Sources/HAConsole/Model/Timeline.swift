/// Every node's ha-log and the SOP audit trail merged into one history, with the failovers and
/// split brains found in it: what `haconsole timeline` prints.
///
/// Events are ordered by time; events of the same instant keep the order of their sources as
/// given (ha-logs, then journals) and, within one source, the order of the file (ha-log's
/// second resolution cannot say more). Pure: the caller reads the files and hands in text.
struct Timeline: Sendable {
    var events: [TimelineEvent]
    var failovers: [TimelineFailover]
    var splitBrains: [TimelineSplitBrain]
    var deadtime: Int64

    /// `logs` are (node, ha-log text) pairs, `journals` (node, timeline journal text) pairs,
    /// `kernelLogs` (node, kernel log text) pairs whose DRBD lines are taken; `since` drops
    /// events before it (epoch ms).
    ///
    /// A node's journal holds the lines of its ha-log with milliseconds: where both cover the
    /// same seconds, the journal's events are taken and the ha-log's left out; the ha-log's
    /// before and after (older history, or a Heartbeat node later on) are kept.
    init(
        logs: [(node: String, text: String)], journals: [(node: String, text: String)] = [],
        kernelLogs: [(node: String, text: String)] = [], audit: String? = nil, clock: TimelineClock, deadtime: Int64, since: Int64? = nil
    ) {
        let parser = TimelineParser(clock: clock)
        let journaled = journals.map { (node: $0.node, events: parser.events(inJournal: $0.text, node: $0.node)) }
        var covered: [String: [ClosedRange<Int64>]] = [:]
        for journal in journaled {
            guard let first = journal.events.first?.time, let last = journal.events.last?.time else { continue }
            // ha-log stamps are whole seconds: the journal covers its first and last ones whole.
            covered[journal.node, default: []].append((first - first % 1000)...(last - last % 1000 + 999))
        }
        var sources = logs.map { log in
            parser.events(inLog: log.text, node: log.node).filter { event in !(covered[log.node] ?? []).contains { $0.contains(event.time) } }
        }
        sources += journaled.map(\.events)
        sources += kernelLogs.map { parser.events(inKernelLog: $0.text, node: $0.node) }
        if let audit { sources.append(TimelineParser.events(inAudit: audit)) }
        let kept = since.map { limit in sources.map { $0.filter { $0.time >= limit } } } ?? sources
        self.init(sources: kept, deadtime: deadtime)
    }
}
