extension Timeline {
    /// A timeline of events already classified (the live console's), merged from `sources`:
    /// ordered by time, events of the same instant in the order of their sources and, within
    /// one, of the source; failovers and split brains found as ``init(logs:journals:audit:clock:deadtime:since:)`` does.
    init(sources: [[TimelineEvent]], deadtime: Int64) {
        let merged = sources.enumerated()
            .flatMap { source, events in events.enumerated().map { (source: source, index: $0.offset, event: $0.element) } }
            .sorted { ($0.event.time, $0.source, $0.index) < ($1.event.time, $1.source, $1.index) }
            .map(\.event)
        self.events = merged
        self.deadtime = deadtime
        self.failovers = (TimelineFailover.find(in: merged, deadtime: deadtime) + TimelineFailover.handovers(in: merged, deadtime: deadtime))
            .sorted { $0.start < $1.start }
        self.splitBrains = TimelineSplitBrain.find(in: merged)
    }
}
