extension TimelineFailover {
    /// How far around the shutdown notice the stopping node's release lines are looked for.
    static let handoverWindow: Int64 = 120_000

    /// Every clean handover in `events` (merged, oldest first): a node that stopped and said so
    /// (`Received shutdown notice from 'NODE'.` on the taker), then the taker's `mach_down
    /// takeover complete.`. Phases: release (the stopping node's `Giving up all HA resources.`
    /// to `All HA resources relinquished.`, when its log is given) and takeover (from the
    /// release's end, or the notice, to the takeover's completion).
    static func handovers(in events: [TimelineEvent], deadtime: Int64) -> [TimelineFailover] {
        var found: [TimelineFailover] = []
        for (index, notice) in events.enumerated() where notice.kind == .shutdownNotice {
            guard let holder = notice.node, holder != notice.source else { continue }
            let taker = notice.source
            let before = events[..<index].suffix(scanLimit).reversed().prefix { notice.time - $0.time <= handoverWindow }
            // Until the taker hears the holder again: a completion after that is another story.
            let after = events[(index + 1)...].prefix(scanLimit).prefix {
                $0.time - notice.time <= handoverWindow && !($0.source == taker && $0.node == holder && heard.contains($0.kind))
            }
            guard let completion = after.first(where: { $0.source == taker && $0.kind == .takeoverComplete }) else { continue }
            let done = completion.time
            // The holder releases, then sends the notice (spec §5); a second's slack for the stamps.
            let fromHolder = (before.reversed() + after).filter { $0.source == holder && $0.time <= notice.time + notice.resolution }
            var phases: [Phase] = []
            if let start = fromHolder.last(where: { $0.kind == .releaseStarted && $0.time <= done })?.time,
                let end = fromHolder.first(where: { $0.kind == .releaseComplete && $0.time >= start })?.time
            {
                phases.append(Phase(name: .release, start: start, end: end))
            }
            let cursor = phases.last?.end ?? notice.time
            phases.append(Phase(name: .takeover, start: min(cursor, done), end: done))
            found.append(
                TimelineFailover(
                    from: holder, to: taker, phases: phases, completed: true, deadtime: deadtime,
                    resolution: max(notice.resolution, completion.resolution),
                    cause: .shutdown))
        }
        return found
    }
}
