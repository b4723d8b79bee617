/// `haconsole timeline`'s text: one line per event, then each failover as one bar split into
/// its phases, then each split brain.
///
/// A bar's phases are drawn to one scale (``barWidth`` columns for the longest failover), each
/// at least one column, between `▕` and `▏` (`[` and `]` in ASCII). A phase marked `*` was
/// inferred from deadtime; durations carry the lines' resolution (`±1 s` for ha-log).
struct TimelineText: Sendable {
    static let barWidth = 40

    var timeline: Timeline
    var clock: TimelineClock
    var ascii: Bool

    var lines: [String] {
        var lines: [String] = []
        let sourceWidth = timeline.events.map(\.source.count).max() ?? 0
        let kindWidth = timeline.events.map(\.kind.rawValue.count).max() ?? 0
        for event in timeline.events {
            var line = clock.text(event.time, resolution: event.resolution) + "  " + Self.pad(event.source, sourceWidth)
            line += "  " + Self.pad(event.kind.rawValue, kindWidth) + "  " + event.text
            if let name = event.operatorName { line += " (operator \(name))" }
            lines.append(line)
        }
        if timeline.events.isEmpty { lines.append("No events.") }
        if !timeline.failovers.isEmpty {
            lines.append("")
            lines.append("Failovers (deadtime \(timeline.deadtime) ms; * inferred from deadtime; times \(Self.resolution(timeline.failovers)))")
            let longest = timeline.failovers.map(\.milliseconds).max() ?? 1
            lines += timeline.failovers.map { bar($0, longest: longest) }
        }
        if !timeline.splitBrains.isEmpty {
            lines.append("")
            lines.append("Split brains")
            lines += timeline.splitBrains.map(splitBrainLine)
        }
        return lines
    }

    /// `alpha→bravo  detect 1000 ms* ▕████▏ takeover 85 ms ▕█▏ total 1085 ms (deadtime 1000 ms)`
    func bar(_ failover: TimelineFailover, longest: Int64) -> String {
        let arrow = ascii ? "->" : "→"
        let (open, close, full): (String, String, String) = ascii ? ("[", "]", "#") : ("▕", "▏", "█")
        var text = failover.from + arrow + failover.to
        for phase in failover.phases {
            let columns = Int(max(1, phase.milliseconds * Int64(Self.barWidth) / max(1, longest)))
            text += "  \(phase.name.rawValue) \(phase.milliseconds) ms\(phase.inferred ? "*" : "")"
            text += " " + open + String(repeating: full, count: columns) + close
        }
        text += "  total \(failover.milliseconds) ms (deadtime \(failover.deadtime) ms)"
        if failover.cause == .shutdown { text += "  clean stop" }
        if !failover.completed { text += "  takeover not complete in the log" }
        return text
    }

    private func splitBrainLine(_ split: TimelineSplitBrain) -> String {
        let pair = split.detectedBy + (ascii ? " | " : " ∥ ") + split.peer
        var text = pair + "  detected " + clock.text(split.detected, resolution: split.resolution)
        if let healed = split.healed {
            text += "  healed after \(healed - split.detected) ms"
            if let released = split.released { text += "  released after \(released - healed) ms" }
        } else {
            text += "  no heal line (Heartbeat restarts instead)"
        }
        return text
    }

    private static func resolution(_ failovers: [TimelineFailover]) -> String {
        let coarsest = failovers.map(\.resolution).max() ?? 1000
        return coarsest >= 1000 && coarsest % 1000 == 0 ? "to \(coarsest / 1000) s" : "to \(coarsest) ms"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
