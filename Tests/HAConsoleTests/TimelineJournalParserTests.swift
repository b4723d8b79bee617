import Testing

@testable import HAConsole

/// hadaemon's timeline journal (`EPOCH-MS HA-LOG-LINE`) read as untrusted input, and merged with
/// the ha-log it copies: events to the millisecond, detect from the real last heartbeat.
@Suite struct TimelineJournalParserTests {
    let clock = TimelineClock(utcOffsetSeconds: 0, year: 2026)
    let parser = TimelineParser(clock: TimelineClock(utcOffsetSeconds: 0, year: 2026))

    /// A kill-failover as bravo's journal and ha-log tell it: 2026-11-22 03:04:51.
    let journal = """
        1795316690900 Nov 22 03:04:50 bravo heartbeat: [10]: info: Link alpha:hb0 up.
        1795316691437 Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead
        1795316691437 Nov 22 03:04:51 bravo heartbeat: [10]: info: node alpha: last heartbeat heard 512 ms ago
        1795316691440 Nov 22 03:04:51 bravo heartbeat: [10]: info: Resources being acquired from alpha.
        1795316691502 Nov 22 03:04:51 bravo heartbeat: [10]: info: mach_down takeover complete.
        """
    let haLog = """
        Nov 22 03:04:40 bravo heartbeat: [10]: info: Link alpha:hb0 up.
        Nov 22 03:04:50 bravo heartbeat: [10]: info: Link alpha:hb0 up.
        Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead
        Nov 22 03:04:51 bravo heartbeat: [10]: info: node alpha: last heartbeat heard 512 ms ago
        Nov 22 03:04:51 bravo heartbeat: [10]: info: Resources being acquired from alpha.
        Nov 22 03:04:51 bravo heartbeat: [10]: info: mach_down takeover complete.
        """

    @Test("journal lines are the ha-log's events to the millisecond, the dead line carrying the silence")
    func readsMilliseconds() {
        let events = parser.events(inJournal: journal, node: "bravo")
        #expect(events.map(\.kind) == [.linkUp, .nodeDead, .takeoverStarted, .takeoverComplete])
        #expect(events.map(\.time) == [1_795_316_690_900, 1_795_316_691_437, 1_795_316_691_440, 1_795_316_691_502])
        #expect(events.allSatisfy { $0.resolution == 1 && $0.source == "bravo" })
        #expect(events[1].milliseconds == 512)
    }

    @Test(
        "malformed journal lines are skipped, whatever their numbers",
        arguments: [
            "", " ", "1795316691437", "1795316691437 ", "x1795316691437 Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead",
            "-1795316691437 Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead",
            "99999999999999999999999999999 Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead",
            "999999999999999 Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead",
            "١٢٣ Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead",
            "1795316691437 node alpha: is dead", "1795316691437 \u{0}\u{1}garbage",
            "1795316691437  Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead",
            "1795316691437 Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead" + String(repeating: " ", count: 9000),
        ])
    func skipsMalformed(line: String) {
        #expect(parser.events(inJournal: line, node: "bravo").isEmpty)
    }

    @Test("huge and odd silences are not taken, and never trap")
    func lastHeardBounds() {
        #expect(TimelineParser.lastHeard("node alpha: last heartbeat heard 512 ms ago")! == ("alpha", 512))
        for message in [
            "node alpha: last heartbeat heard 99999999999999999999 ms ago", "node alpha: last heartbeat heard 86400001 ms ago",
            "node alpha: last heartbeat heard -5 ms ago", "node alpha: last heartbeat heard  ms ago", "node : last heartbeat heard 5 ms ago",
            "node alpha last heartbeat heard 5 ms ago", "node alpha: last heartbeat heard 5 ms ago!",
        ] {
            #expect(TimelineParser.lastHeard(message) == nil, "\(message)")
        }
    }

    @Test("the stamp of the largest accepted size, at the last event, still computes a detect phase")
    func largestStampDoesNotTrap() {
        let line = "\(TimelineParser.maximumJournalStamp) Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead"
        let timeline = Timeline(logs: [], journals: [("bravo", line)], clock: clock, deadtime: 86_400_000)
        #expect(timeline.events.count == 1)
    }

    @Test("a journal of only dead lines keeps at most the parser's bound of events")
    func boundedEvents() {
        let line = "1795316691437 Nov 22 03:04:51 bravo heartbeat: [10]: WARN: node alpha: is dead\n"
        let text = String(repeating: line, count: TimelineParser.maximumEvents + 10)
        #expect(parser.events(inJournal: text, node: "bravo").count == TimelineParser.maximumEvents)
    }

    @Test(
        "merged with its ha-log, the journal's events replace the seconds it covers, older ha-log lines stay, and detect starts at the last heartbeat"
    )
    func mergesWithHALog() throws {
        let timeline = Timeline(logs: [("bravo", haLog)], journals: [("bravo", journal)], clock: clock, deadtime: 500)
        #expect(timeline.events.map(\.resolution) == [1000, 1, 1, 1, 1])
        #expect(timeline.events.first.map { clock.text($0.time) } == "2026-11-22 03:04:40")
        let failover = try #require(timeline.failovers.first)
        #expect(failover.resolution == 1)
        #expect(failover.phases.map(\.name) == [.detect, .takeover])
        #expect(failover.phases[0].inferred == false && failover.phases[0].milliseconds == 512)
        #expect(failover.phases[1].milliseconds == 65)
        #expect(failover.milliseconds == 577)
        let text = TimelineText(timeline: timeline, clock: clock, ascii: true).lines
        #expect(text.contains { $0.hasPrefix("alpha->bravo  detect 512 ms [") }, "\(text)")
        #expect(text.contains { $0.contains("times to 1 ms") }, "\(text)")
    }

    @Test("from ha-log alone detect is still drawn as deadtime, to the second, the last-heard line left out")
    func lastHeardInHALog() throws {
        let timeline = Timeline(logs: [("bravo", haLog)], clock: clock, deadtime: 500)
        let failover = try #require(timeline.failovers.first)
        #expect(failover.resolution == 1000 && failover.phases[0].inferred && failover.phases[0].milliseconds == 500)
        #expect(!timeline.events.contains { $0.text.contains("last heartbeat heard") })
    }

    @Test("a heal's end is hadaemon's release-finished line on the healing node")
    func healRelease() throws {
        let alpha = """
            1795316691100 Nov 22 03:04:51 alpha heartbeat: [10]: CRIT: Cluster node bravo returning after partition.
            """
        let bravo = """
            1795316691050 Nov 22 03:04:51 bravo heartbeat: [10]: CRIT: Cluster node alpha returning after partition.
            1795316691120 Nov 22 03:04:51 bravo heartbeat: [10]: info: Split brain with alpha healed: releasing default to its home node
            1795316691180 Nov 22 03:04:51 bravo heartbeat: [10]: info: Split brain with alpha healed: release of default finished
            """
        #expect(TimelineParser.classify("Split brain with alpha healed: release of default finished")?.0 == .releaseComplete)
        let timeline = Timeline(logs: [], journals: [("alpha", alpha), ("bravo", bravo)], clock: clock, deadtime: 500)
        let split = try #require(timeline.splitBrains.first)
        #expect(timeline.splitBrains.count == 1)
        #expect(split.detected == 1_795_316_691_050 && split.healed == 1_795_316_691_120 && split.released == 1_795_316_691_180)
        #expect(split.resolution == 1)
    }
}
