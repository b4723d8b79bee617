import Testing

@testable import HAConsole

/// ``TimelineText`` and ``TimelineJSON``: the lines `haconsole timeline` prints.
@Suite struct TimelineTextTests {
    let clock = TimelineClock(utcOffsetSeconds: 0, year: 2026)
    let bravo = """
        Nov 22 04:00:03 bravo heartbeat: [10]: WARN: node alpha: is dead
        Nov 22 04:00:03 bravo heartbeat: [10]: info: Resources being acquired from alpha.
        Nov 22 04:00:04 bravo heartbeat: [10]: info: mach_down takeover complete.
        """

    @Test("a failover prints as one bar of its phases, against deadtime")
    func unicodeBar() {
        let timeline = Timeline(logs: [("bravo", bravo)], clock: clock, deadtime: 1000)
        let lines = TimelineText(timeline: timeline, clock: clock, ascii: false).lines
        #expect(lines.first == "2026-11-22 04:00:03  bravo  node_dead          node alpha: is dead")
        #expect(
            lines.contains(
                "alpha→bravo  detect 1000 ms* ▕████████████████████▏  takeover 1000 ms ▕████████████████████▏  total 2000 ms (deadtime 1000 ms)"))
        #expect(lines.contains { $0.hasPrefix("Failovers (deadtime 1000 ms; * inferred from deadtime; times to 1 s)") })
    }

    @Test("with ASCII every byte printed is ASCII")
    func asciiOnly() {
        let timeline = Timeline(logs: [("bravo", bravo)], clock: clock, deadtime: 1000)
        let text = TimelineText(timeline: timeline, clock: clock, ascii: true).lines.joined(separator: "\n")
        #expect(text.utf8.allSatisfy { $0 < 0x80 })
        #expect(text.contains("alpha->bravo  detect 1000 ms* [####################]"))
    }

    @Test("no events says so")
    func empty() {
        let timeline = Timeline(logs: [("bravo", "")], clock: clock, deadtime: 1000)
        #expect(TimelineText(timeline: timeline, clock: clock, ascii: true).lines == ["No events."])
    }

    @Test("JSON carries the phases with durations and whether a bound was inferred")
    func json() {
        let timeline = Timeline(logs: [("bravo", bravo)], clock: clock, deadtime: 1000)
        let text = TimelineJSON(timeline, clock: clock).text
        #expect(text.contains("\"durationMs\" : 2000"))
        #expect(text.contains("\"inferred\" : true"))
        #expect(text.contains("\"kind\" : \"takeover_complete\""))
        #expect(text.contains("\"version\" : 1"))
    }
}
