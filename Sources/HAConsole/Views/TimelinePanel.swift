import HAProtocol

/// The timeline panel (`t`): the body filled with what happened, from what this console has
/// read (``ConsoleState/timeline``), in the words of `haconsole timeline`.
///
/// Top to bottom under a title rule: each link's heartbeat ages as a sparkline against
/// deadtime (``HeartbeatSparklines``), the latest failovers as one bar each split into their
/// phases, then the events, newest last (the newest that fit), scrolled back by the arrow keys
/// (a row under them then says how many newer ones there are). Every line fits the width: long texts are
/// cut, bars are scaled to the room left.
enum TimelinePanel {
    /// The most failover bars and link sparklines shown; the events keep the rest.
    static let maximumFailovers = 3
    static let maximumLinks = 4

    static func draw(into screen: inout Screen, top: Int, rows: Int, context: RenderContext) {
        guard rows > 0 else { return }
        let state = context.state
        let width = screen.width
        let glyphs = context.glyphs
        let timeline = state.timeline
        let title: StyledLine = [
            Span("\(glyphs.rule) ", .role(.muted)), Span("Timeline", .role(.header, bold: true)),
            Span("  \(timeline.events.count) events, deadtime \(timeline.deadtime) ms  t or Esc back ", .role(.muted)),
        ]
        screen.fill(row: top, column: 0, count: width, with: glyphs.rule, style: .role(.muted))
        screen.put(title, at: Screen.Point(row: top, column: 0), limit: width)
        var lines = HeartbeatSparklines.lines(context, width: width, limit: maximumLinks)
        let failovers = timeline.failovers.suffix(maximumFailovers)
        if !failovers.isEmpty {
            lines.append([Span(" Failovers", .role(.header, bold: true)), Span("  * inferred from deadtime", .role(.muted))])
            let longest = failovers.map(\.milliseconds).max() ?? 1
            lines += failovers.map { bar($0, longest: longest, width: width, context: context) }
        }
        var row = top + 1
        let end = top + rows
        // The events keep at least three rows: the sections above give way first.
        for line in lines.prefix(max(0, rows - 1 - 4)) {
            screen.put(line, at: Screen.Point(row: row, column: 0), limit: width)
            row += 1
        }
        guard row < end else { return }
        screen.put(
            [Span(" Events", .role(.header, bold: true)), Span("  newest last", .role(.muted))], at: Screen.Point(row: row, column: 0), limit: width)
        row += 1
        drawEvents(timeline.events, into: &screen, rows: row..<end, context: context)
    }

    /// The events, the newest last, ``ConsoleState/timelineScroll`` back from the end.
    private static func drawEvents(_ events: [TimelineEvent], into screen: inout Screen, rows: Range<Int>, context: RenderContext) {
        guard !rows.isEmpty else { return }
        guard !events.isEmpty else {
            screen.put(
                " No events yet: it fills as this console reads the logs, DRBD and SOP steps", at: Screen.Point(row: rows.lowerBound, column: 0),
                style: .role(.muted), limit: screen.width)
            return
        }
        let back = min(max(0, context.state.timelineScroll), events.count - 1)
        var room = rows.count
        if back > 0 { room -= 1 }
        let shown = events[..<(events.count - back)].suffix(max(0, room))
        let sourceWidth = min(10, shown.map { DisplayWidth.of($0.source) }.max() ?? 0)
        let kindWidth = min(20, shown.map(\.kind.rawValue.count).max() ?? 0)
        var row = rows.lowerBound
        for event in shown {
            screen.put(
                line(event, sourceWidth: sourceWidth, kindWidth: kindWidth, context: context), at: Screen.Point(row: row, column: 0),
                limit: screen.width)
            row += 1
        }
        if back > 0 {
            let more = " \(context.glyphs.ellipsis) \(back) newer below (End: newest)"
            screen.put(more, at: Screen.Point(row: row, column: 0), style: .role(.muted), limit: screen.width)
        }
    }

    /// ` 03:04:51  bravo  node_dead  node alpha: is dead`
    static func line(_ event: TimelineEvent, sourceWidth: Int, kindWidth: Int, context: RenderContext) -> StyledLine {
        var text = event.text
        if let name = event.operatorName { text += " (operator \(name))" }
        return [
            Span(" " + context.state.clock.time(event.time), .role(.muted)), Span("  " + TextFit.pad(event.source, to: sourceWidth), .role(.accent)),
            Span("  " + TextFit.pad(event.kind.rawValue, to: kindWidth), .role(role(event.kind), bold: role(event.kind) == .critical)),
            Span("  " + text),
        ]
    }

    /// `  alpha→bravo  detect 500ms* ▕██▏ takeover 1000ms ▕████▏ = 1500 ms`, scaled to `width`.
    static func bar(_ failover: TimelineFailover, longest: Int64, width: Int, context: RenderContext) -> StyledLine {
        let ascii = context.options.ascii
        var line: StyledLine = [Span("  " + failover.from + (ascii ? "->" : "→") + failover.to, .role(.accent, bold: true))]
        var suffix = " = \(failover.milliseconds) ms"
        if failover.cause == .shutdown { suffix += " clean stop" }
        if !failover.completed { suffix += " not complete" }
        let labels = failover.phases.map { " \($0.name.rawValue) \($0.milliseconds)ms\($0.inferred ? "*" : "") " }
        let fixed = line.reduce(0) { $0 + $1.width } + labels.reduce(0) { $0 + $1.count } + suffix.count + 2 * labels.count
        // Each phase takes at least a column, so the scale leaves one per phase spare.
        let room = width - fixed - failover.phases.count
        let (open, close) = ascii ? ("[", "]") : ("▕", "▏")
        for (phase, label) in zip(failover.phases, labels) {
            line.append(Span(label))
            guard room > 0 else { continue }
            let columns = Int(max(1, min(Int64(room), phase.milliseconds * Int64(room) / max(1, longest))))
            let fill = String(repeating: context.glyphs.barFull, count: columns)
            line.append(Span(open + fill + close, .role(phaseRole(phase.name))))
        }
        line.append(Span(suffix, .role(failover.completed ? .normal : .warning)))
        return line
    }

    private static func phaseRole(_ name: TimelineFailover.Phase.Name) -> ColorRole {
        switch name {
        case .detect: .warning
        case .fence: .critical
        case .release: .accent
        case .takeover: .ok
        }
    }

    /// How an event's kind is coloured: losses red, what leads to them yellow, recoveries green.
    static func role(_ kind: TimelineEvent.Kind) -> ColorRole {
        switch kind {
        case .nodeDead, .linkDead, .fenceFailed, .resourceFailure, .splitBrainDetected, .drbdSplitBrain: .critical
        case .lateHeartbeat, .fenceDelayed, .fenceStarted, .noFenceDevice, .releaseStarted, .shutdownNotice, .drbdConnection, .drbdDisk,
            .fenceCancelled:
            .warning
        case .nodeActive, .linkUp, .takeoverComplete, .acquisitionComplete, .fenceDone, .splitBrainHealed, .releaseComplete: .ok
        case .nodeRestarted, .takeoverStarted, .drbdRole, .sopStep: .accent
        }
    }
}
