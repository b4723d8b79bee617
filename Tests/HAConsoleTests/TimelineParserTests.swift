import HAFixtures
import HAProtocol
import Testing

@testable import HAConsole

/// ``TimelineParser`` and ``TimelineClock``: ha-log lines in the words Heartbeat 3.0.6 and
/// hadaemon write, and SOP audit records, as timeline events at the right instants.
@Suite struct TimelineParserTests {
    let clock = TimelineClock(utcOffsetSeconds: 0, year: 2026)

    @Test("a daemon line's local stamp becomes epoch milliseconds in the zone handed in")
    func clockReadsLocalStamps() {
        let stamp = HALogTimestamp(month: 11, day: 22, hour: 3, minute: 4, second: 51)
        #expect(clock.milliseconds(stamp) == 1_795_316_691_000)
        let cet = TimelineClock(utcOffsetSeconds: 3600, year: 2026)
        #expect(cet.milliseconds(stamp) == 1_795_316_691_000 - 3_600_000)
        #expect(clock.text(1_795_316_691_000) == "2026-11-22 03:04:51")
        #expect(cet.text(1_795_316_691_000 - 3_600_000) == "2026-11-22 03:04:51")
        #expect(clock.text(1_795_316_691_042, resolution: 1) == "2026-11-22 03:04:51.042")
    }

    @Test("ISO-8601 UTC times read to the millisecond, and anything else is refused")
    func iso8601() {
        #expect(TimelineClock.iso8601("2026-11-22T03:04:51Z") == 1_795_316_691_000)
        #expect(TimelineClock.iso8601("2026-11-22T03:04:51.25Z") == 1_795_316_691_250)
        #expect(TimelineClock.iso8601("2026-13-22T03:04:51Z") == nil)
        #expect(TimelineClock.iso8601("2026-11-22 03:04:51") == nil)
        #expect(TimelineClock.iso8601("") == nil)
    }

    @Test("day counts round-trip over centuries and leap days")
    func civilDays() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = TimelineClock.civilFromDays(days)
            #expect(TimelineClock.daysFromCivil(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(TimelineClock.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(TimelineClock.daysFromCivil(year: 2024, month: 3, day: 1) - TimelineClock.daysFromCivil(year: 2024, month: 2, day: 28) == 2)
    }

    @Test(
        "hadaemon's and Heartbeat's own words classify as the timeline's events",
        arguments: [
            ("node bravo: is dead", TimelineEvent.Kind.nodeDead, "bravo"),
            ("Link bravo:eth1 dead.", .linkDead, "bravo"),
            ("Link bravo:eth1 up.", .linkUp, "bravo"),
            ("Status update for node bravo: status active", .nodeActive, "bravo"),
            ("Heartbeat restart on node bravo", .nodeRestarted, "bravo"),
            ("Late heartbeat: Node bravo: interval 7000 ms", .lateHeartbeat, "bravo"),
            ("Resources being acquired from bravo.", .takeoverStarted, "bravo"),
            ("Resetting node bravo with [external/ssh]", .fenceStarted, "bravo"),
            ("node bravo now reset.", .fenceDone, "bravo"),
            ("STONITH of bravo failed.  Retrying...", .fenceFailed, "bravo"),
            ("Delaying STONITH of bravo by 5000 ms: it held resources, this node holds fewer", .fenceDelayed, "bravo"),
            ("Cluster node bravo returning after partition.", .splitBrainDetected, "bravo"),
            ("Split brain with bravo healed: releasing default to its home node", .splitBrainHealed, "bravo"),
        ])
    func classifies(message: String, kind: TimelineEvent.Kind, node: String) {
        let found = TimelineParser.classify(message)
        #expect(found?.0 == kind)
        #expect(found?.1 == node)
    }

    @Test("lines of no interest, and lines in no layout, give no event")
    func skipsNoise() {
        let log = """
            Nov 22 03:04:58 bravo heartbeat: [2963]: info: Pacemaker support: off
            hbdummy: started
            \u{0}\u{1}garbage
            Nov 22 03:04:58 bravo heartbeat: [2965]: info: Link alpha:hb0 up.
            """
        let events = TimelineParser(clock: clock).events(inLog: log, node: "bravo")
        #expect(events.map(\.kind) == [.linkUp])
        #expect(events.first?.source == "bravo")
        #expect(events.first?.resolution == 1000)
    }

    @Test("a late heartbeat keeps the interval it reports")
    func lateHeartbeatInterval() {
        let line = "Nov 22 03:05:32 bravo heartbeat: [2965]: WARN: Late heartbeat: Node alpha: interval 7000 ms"
        let events = TimelineParser(clock: clock).events(inLog: line, node: "bravo")
        #expect(events.first?.milliseconds == 7000)
    }

    @Test("a daemon line takes the year of the script line before it")
    func yearFromScriptLines() {
        let log = """
            2024/12/31_23:59:59  ResourceManager(default)[1]:    info: Releasing resource group: alpha IPaddr::192.0.2.100
            Dec 31 23:59:59 alpha heartbeat: [2]: info: All HA resources relinquished.
            """
        let events = TimelineParser(clock: clock).events(inLog: log, node: "alpha")
        #expect(events.map(\.time) == [events[0].time, events[0].time])
        #expect(clock.text(events[1].time).hasPrefix("2024-12-31"))
    }

    @Test("SOP audit records become steps with the operator who started the run")
    func auditRecords() {
        let audit = """
            {"event":"run_started","procedure":"failover","run":"r1","time":"2026-11-22T03:09:20Z","user":"oncall"}
            {"event":"step_shown","procedure":"failover","run":"r1","step":"standby","time":"2026-11-22T03:09:21Z"}
            {"action":"standby all","event":"confirmation_given","node":"alpha","procedure":"failover","run":"r1","step":"standby","time":"2026-11-22T03:09:22Z"}
            not json
            {"event":"run_finished","outcome":"completed","procedure":"failover","run":"r1","time":"2026-11-22T03:09:30Z","durationMs":10000}
            """
        let events = TimelineParser.events(inAudit: audit)
        #expect(events.count == 3)
        #expect(events.allSatisfy { $0.operatorName == "oncall" && $0.kind == .sopStep && $0.source == "audit" })
        #expect(events[1].text == "failover step standby confirmation_given standby all")
        #expect(events[1].node == "alpha")
        #expect(events[2].milliseconds == 10000)
    }

    @Test("a December log read in January, with no script line to say the year, is last year's")
    func yearBoundary() throws {
        let january = TimelineClock(utcOffsetSeconds: 0, year: 2027, now: TimelineClock.iso8601("2027-01-01T00:10:00Z"))
        let log = """
            Dec 31 23:59:58 alpha heartbeat: [2]: WARN: node bravo: is dead
            Jan 01 00:00:01 alpha heartbeat: [2]: info: mach_down takeover complete.
            """
        let events = TimelineParser(clock: january).events(inLog: log, node: "alpha")
        #expect(events.map { january.text($0.time) } == ["2026-12-31 23:59:58", "2027-01-01 00:00:01"])
    }
}
