/// One failover read from the merged logs: who took over from whom, and its phases.
///
/// Phases follow each other without gaps, so they add up to the total: detect (the peer's last
/// heartbeat to `node NODE: is dead`), fence (to `node NODE now reset.`), release (to the old
/// holder's `All HA resources relinquished.`, when its log shows it giving resources up after
/// the dead line), takeover (to `mach_down takeover complete.`, the service being up). detect
/// starts at the last heartbeat when hadaemon's timeline journal says when that was (`node NODE:
/// last heartbeat heard MS ms ago`, the dead event's ``TimelineEvent/milliseconds``). ha-log
/// alone (and Heartbeat, which prints no last-heard time) has no such bound, so detect then
/// starts at the dead line minus deadtime, as Heartbeat declares a node dead exactly deadtime
/// after its last heartbeat; such a phase is ``Phase/inferred``. Every other bound has the
/// resolution of its line (1 s in ha-log, 1 ms in the journal), and ``resolution`` is the
/// coarsest of them, so a duration is good to one `resolution`. A clean stop
/// (``Cause/shutdown``) has no detect phase (``handovers(in:deadtime:)``).
struct TimelineFailover: Sendable, Hashable {
    struct Phase: Sendable, Hashable {
        enum Name: String, Sendable, Hashable, Encodable { case detect, fence, release, takeover }
        var name: Name
        var start: Int64
        var end: Int64
        /// True when a bound comes from the configuration rather than a line.
        var inferred = false
        var milliseconds: Int64 { max(0, end - start) }
    }

    /// Why the resources moved: the holder died (`node NODE: is dead`), or stopped cleanly and
    /// said so (`Received shutdown notice from 'NODE'.`), when there is no detect phase.
    enum Cause: String, Sendable, Hashable, Encodable { case death, shutdown }

    /// The node that died or stopped (held the resources).
    var from: String
    /// The node that took over.
    var to: String
    var phases: [Phase]
    /// False when no takeover completion was found before the next failover or the log's end.
    var completed: Bool
    var deadtime: Int64
    /// The coarsest resolution of the lines the phases come from.
    var resolution: Int64
    var cause = Cause.death

    var start: Int64 { phases.first?.start ?? 0 }
    var end: Int64 { phases.last?.end ?? 0 }
    var milliseconds: Int64 { max(0, end - start) }
}

extension TimelineFailover {
    /// Lines that show the taker hears the victim again.
    static let heard: Set<TimelineEvent.Kind> = [.linkUp, .nodeActive, .nodeRestarted, .splitBrainDetected]

    /// How many events after a dead (or partition) line are looked at, at most: with the
    /// window, this keeps a log of nothing but such lines from costing events² time.
    static let scanLimit = 2_000

    /// How long after the dead line a takeover is still looked for.
    static let window: Int64 = 600_000

    /// Every failover in `events` (merged, oldest first): one per `node NODE: is dead` line of
    /// a node that then acquired resources, or began to.
    static func find(in events: [TimelineEvent], deadtime: Int64) -> [TimelineFailover] {
        var found: [TimelineFailover] = []
        for (index, dead) in events.enumerated() where dead.kind == .nodeDead {
            guard let victim = dead.node, victim != dead.source else { continue }
            let taker = dead.source
            // hadaemon says how long the peer was silent; Heartbeat does not, so deadtime it is.
            let silence = dead.milliseconds.map(Int64.init)
            var phases = [Phase(name: .detect, start: dead.time - (silence ?? deadtime), end: dead.time, inferred: silence == nil)]
            var cursor = dead.time
            var resolution = dead.resolution
            var takeoverStart: Int64?
            var releaseStart: Int64?
            var releaseEnd: Int64?
            var done: Int64?
            var releaseResolution: Int64 = 1
            for event in events[(index + 1)...].prefix(scanLimit) {
                guard event.time - dead.time <= window else { break }
                if event.source == taker {
                    // Another death, or the victim heard again: whatever follows is another story.
                    if event.kind == .nodeDead || (event.node == victim && Self.heard.contains(event.kind)) { break }
                    switch event.kind {
                    case .fenceDone:
                        guard event.node == victim else { break }
                        phases.append(Phase(name: .fence, start: cursor, end: event.time))
                        cursor = event.time
                        resolution = max(resolution, event.resolution)
                    case .takeoverStarted:
                        if takeoverStart == nil { takeoverStart = event.time }
                        resolution = max(resolution, event.resolution)
                    case .takeoverComplete:
                        done = event.time
                        resolution = max(resolution, event.resolution)
                    default: break
                    }
                    if done != nil { break }
                } else if event.source == victim {
                    if event.kind == .releaseStarted, releaseStart == nil { releaseStart = event.time }
                    if event.kind == .releaseComplete, releaseEnd == nil {
                        releaseEnd = event.time
                        releaseResolution = event.resolution
                    }
                }
            }
            guard takeoverStart != nil || done != nil else { continue }
            if let releaseEnd, releaseEnd > cursor, releaseStart != nil {
                phases.append(Phase(name: .release, start: cursor, end: releaseEnd))
                cursor = releaseEnd
                resolution = max(resolution, releaseResolution)
            }
            let end = done ?? takeoverStart ?? cursor
            phases.append(Phase(name: .takeover, start: cursor, end: max(cursor, end)))
            found.append(
                TimelineFailover(
                    from: victim, to: taker, phases: phases, completed: done != nil, deadtime: deadtime, resolution: resolution))
        }
        return found
    }
}
