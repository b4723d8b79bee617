import HAProtocol

/// The timeline panel (`t`): what the console has read merged into one history, and its keys.
///
/// The followed node's events come from the log ring, classified by ``TimelineParser`` as
/// `haconsole timeline` does (the same words); the other nodes' log events, the DRBD changes
/// seen between readings and this console's SOP steps from ``history``.
extension ConsoleState {
    /// The clock that reads the log's stamps: this frame's zone, its year for yearless lines.
    var timelineClock: TimelineClock {
        let local = clock.now / 1000 + Int64(clock.utcOffsetSeconds)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return TimelineClock(utcOffsetSeconds: clock.utcOffsetSeconds, year: Int(DisplayClock.civil(fromDays: days).year), now: clock.now)
    }

    /// Keeps the timeline events of `entries`, lines of `node`'s log read by a feed other than
    /// the followed one (whose lines the log ring keeps).
    mutating func recordPeerLog(_ entries: [HALogEntry], node: String) {
        history.recordLog(entries, node: node, clock: timelineClock)
    }

    /// Everything the panel shows, merged; deadtime from the snapshot (Heartbeat's 30 s without).
    var timeline: Timeline {
        let clock = timelineClock
        var own: [TimelineEvent] = []
        let node = history.logNode ?? hostNode ?? localNode ?? "local"
        for index in 0..<log.count {
            guard let line = log[index].entry.line else { continue }
            let time = line.timestamp.year == nil ? clock.millisecondsGuessingYear(line.timestamp) : clock.milliseconds(line.timestamp)
            TimelineParser.append(line.message, at: time, resolution: 1000, node: node, silence: false, to: &own)
        }
        let deadtime = Int64(snapshot.map { max(1, $0.timers.deadtime) } ?? 30_000)
        return Timeline(sources: [own, history.peerLogEvents, history.drbdEvents, history.sopEvents], deadtime: deadtime)
    }

    /// `t` opens and closes the panel; while it is open the arrows scroll it (towards older
    /// events), End goes back to the newest, Esc or Backspace closes it. Keys of the whole
    /// console (quit, help, refresh, procedures) pass; the rest mean nothing here.
    mutating func timelineKey(_ key: ConsoleKey, pageSize: Int) -> ConsoleEffect? {
        if key == .character("t") {
            showTimeline.toggle()
            timelineScroll = 0
            return .redraw
        }
        guard showTimeline else { return nil }
        let last = max(0, timeline.events.count - 1)
        switch key {
        case .escape, .backspace: showTimeline = false
        case .up, .character("k"): timelineScroll = min(last, timelineScroll + 1)
        case .down, .character("j"): timelineScroll = max(0, timelineScroll - 1)
        case .pageUp, .character("<"): timelineScroll = min(last, timelineScroll + max(1, pageSize))
        case .pageDown, .character(">"), .character(" "): timelineScroll = max(0, timelineScroll - max(1, pageSize))
        case .home, .character("g"): timelineScroll = last
        case .end, .character("G"): timelineScroll = 0
        case .character("q"), .control, .character("?"), .function, .character("R"), .character("p"), .character("F"), .character("S"):
            return nil
        default: break
        }
        return .redraw
    }
}
