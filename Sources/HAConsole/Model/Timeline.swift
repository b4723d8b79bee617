/// Every node's ha-log and the SOP audit trail merged into one history, with the failovers and
/// split brains found in it: what `haconsole timeline` prints.
///
/// Events are ordered by time; events of the same second keep the order of their sources as
/// given and, within one source, the order of the file (ha-log's second resolution cannot say
/// more). Pure: the caller reads the files and hands in text.
struct Timeline: Sendable {
    var events: [TimelineEvent]
    var failovers: [TimelineFailover]
    var splitBrains: [TimelineSplitBrain]
    var deadtime: Int64

    /// `logs` are (node, ha-log text) pairs; `since` drops events before it (epoch ms).
    init(logs: [(node: String, text: String)], audit: String? = nil, clock: TimelineClock, deadtime: Int64, since: Int64? = nil) {
        let parser = TimelineParser(clock: clock)
        var sources = logs.map { parser.events(inLog: $0.text, node: $0.node) }
        if let audit { sources.append(TimelineParser.events(inAudit: audit)) }
        let merged = sources.enumerated()
            .flatMap { source, events in events.enumerated().map { (source: source, index: $0.offset, event: $0.element) } }
            .sorted { ($0.event.time, $0.source, $0.index) < ($1.event.time, $1.source, $1.index) }
            .map(\.event)
        let kept = since.map { limit in merged.filter { $0.time >= limit } } ?? merged
        self.events = kept
        self.deadtime = deadtime
        self.failovers = (TimelineFailover.find(in: kept, deadtime: deadtime) + TimelineFailover.handovers(in: kept, deadtime: deadtime))
            .sorted { $0.start < $1.start }
        self.splitBrains = TimelineSplitBrain.find(in: kept)
    }
}
