import HAFixtures
import Testing

@testable import HAConsole

/// ``Timeline``: logs merged in time order, and failovers and split brains found in them, from
/// a real Heartbeat 3.0.6 pair's logs and from hadaemon's words (fencing, split-brain heal).
@Suite struct TimelineFailoverTests {
    let clock = TimelineClock(utcOffsetSeconds: 0, year: 2026)

    func heartbeatPair() throws -> Timeline {
        let alpha = try Fixtures.text("heartbeat-logs/full-cycle-alpha.ha-log")
        let bravo = try Fixtures.text("heartbeat-logs/full-cycle-bravo.ha-log")
        return Timeline(logs: [("alpha", alpha), ("bravo", bravo)], clock: clock, deadtime: 10_000)
    }

    @Test("a real Heartbeat pair's logs merge in time order, each node's lines kept in file order")
    func mergesInOrder() throws {
        let timeline = try heartbeatPair()
        #expect(zip(timeline.events, timeline.events.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(Set(timeline.events.map(\.source)) == ["alpha", "bravo"])
        let bravoKinds = timeline.events.filter { $0.source == "bravo" }.map(\.kind)
        let firstDead = try #require(bravoKinds.firstIndex(of: .nodeDead))
        #expect(bravoKinds[firstDead...].contains(.takeoverComplete))
    }

    @Test("the Heartbeat pair's failovers: who took over from whom, detect at deadtime, takeover to the second")
    func heartbeatFailovers() throws {
        let failovers = try heartbeatPair().failovers.filter { $0.cause == .death }
        #expect(failovers.map { "\($0.from)>\($0.to)" } == ["bravo>alpha", "alpha>bravo", "bravo>alpha", "alpha>bravo"])
        #expect(failovers.allSatisfy { $0.completed && $0.resolution == 1000 })
        #expect(failovers.allSatisfy { $0.phases.first?.name == .detect && $0.phases.first?.inferred == true })
        #expect(failovers.allSatisfy { $0.phases.first?.milliseconds == 10_000 })
        // Nov 22 03:09:58 bravo: node alpha: is dead … 03:09:59 mach_down takeover complete.
        let last = try #require(failovers.last)
        #expect(last.phases.map(\.name) == [.detect, .takeover])
        #expect(last.phases.last?.milliseconds == 1000)
        #expect(last.milliseconds == 11_000)
        #expect(clock.text(last.end) == "2026-11-22 03:09:59")
    }

    @Test("a node declared dead that is heard again before any takeover is no failover")
    func deadThenHeardIsNoFailover() throws {
        // Nov 22 03:10:11 alpha: node bravo: is dead, right after bravo returned after the partition.
        let failovers = try heartbeatPair().failovers
        #expect(!failovers.contains { clock.text($0.phases[0].end) == "2026-11-22 03:10:11" })
    }

    @Test("Heartbeat's split brain is detected once for the pair, with no heal line")
    func heartbeatSplitBrain() throws {
        let splits = try heartbeatPair().splitBrains
        #expect(splits.count == 1)
        #expect(splits.first.map { clock.text($0.detected) } == "2026-11-22 03:10:11")
        #expect(splits.first?.healed == nil)
    }

    @Test("a fenced failover has detect, fence and takeover phases that add up to the total")
    func fencedFailover() {
        let bravo = """
            Nov 22 04:00:03 bravo heartbeat: [10]: WARN: node alpha: is dead
            Nov 22 04:00:03 bravo heartbeat: [10]: info: Link alpha:eth1 dead.
            Nov 22 04:00:03 bravo heartbeat: [10]: info: Resetting node alpha with [external/ssh]
            Nov 22 04:00:05 bravo heartbeat: [10]: info: node alpha now reset.
            Nov 22 04:00:05 bravo heartbeat: [10]: info: Resources being acquired from alpha.
            2026/11/22_04:00:05  ResourceManager(default)[11]:    info: Acquiring resource group: alpha IPaddr::192.0.2.100
            Nov 22 04:00:06 bravo heartbeat: [10]: info: mach_down takeover complete.
            """
        let timeline = Timeline(logs: [("bravo", bravo)], clock: clock, deadtime: 2000)
        let failover = timeline.failovers.first
        #expect(timeline.failovers.count == 1)
        #expect(failover?.phases.map(\.name) == [.detect, .fence, .takeover])
        #expect(failover?.phases.map(\.milliseconds) == [2000, 2000, 1000])
        #expect(failover?.milliseconds == 5000)
    }

    @Test("the old holder's release, when it was alive to log it, is its own phase")
    func releasePhase() {
        let alpha = """
            Nov 22 04:00:04 alpha heartbeat: [20]: info: Giving up all HA resources.
            Nov 22 04:00:06 alpha heartbeat: [20]: info: All HA resources relinquished.
            """
        let bravo = """
            Nov 22 04:00:03 bravo heartbeat: [10]: WARN: node alpha: is dead
            Nov 22 04:00:07 bravo heartbeat: [10]: info: Resources being acquired from alpha.
            Nov 22 04:00:08 bravo heartbeat: [10]: info: mach_down takeover complete.
            """
        let failover = Timeline(logs: [("alpha", alpha), ("bravo", bravo)], clock: clock, deadtime: 1000).failovers.first
        #expect(failover?.phases.map(\.name) == [.detect, .release, .takeover])
        #expect(failover?.phases.map(\.milliseconds) == [1000, 3000, 2000])
    }

    @Test("hadaemon's split-brain heal: detected, healed, released, each after the last")
    func splitBrainHeal() throws {
        let alpha = """
            Nov 22 04:10:00 alpha heartbeat: [20]: CRIT: Cluster node bravo returning after partition.
            Nov 22 04:10:01 alpha heartbeat: [20]: info: Split brain with bravo healed: releasing default to its home node
            2026/11/22_04:10:01  ResourceManager(default)[21]:    info: Releasing resource group: bravo IPaddr::192.0.2.101
            Nov 22 04:10:02 alpha heartbeat: [20]: info: All HA resources relinquished.
            """
        let bravo = "Nov 22 04:10:00 bravo heartbeat: [30]: CRIT: Cluster node alpha returning after partition."
        let splits = Timeline(logs: [("alpha", alpha), ("bravo", bravo)], clock: clock, deadtime: 1000).splitBrains
        #expect(splits.count == 1)
        let split = try #require(splits.first)
        #expect(split.healed.map { $0 - split.detected } == 1000)
        #expect(split.released.map { $0 - split.detected } == 2000)
    }

    @Test("--since drops what came before, and the failovers found go with it")
    func since() throws {
        let alpha = try Fixtures.text("heartbeat-logs/full-cycle-alpha.ha-log")
        let bravo = try Fixtures.text("heartbeat-logs/full-cycle-bravo.ha-log")
        let since = clock.milliseconds(.init(month: 11, day: 22, hour: 3, minute: 9, second: 50))
        let timeline = Timeline(logs: [("alpha", alpha), ("bravo", bravo)], clock: clock, deadtime: 10_000, since: since)
        #expect(timeline.events.allSatisfy { $0.time >= since })
        #expect(timeline.failovers.map(\.cause) == [.death, .death, .shutdown, .shutdown])
    }
}

extension TimelineFailoverTests {
    @Test("a log of nothing but dead and partition lines is read in bounded time")
    func hostileLog() {
        var lines: [String] = []
        for index in 0..<20_000 {
            let peer = index % 2 == 0 ? "bravo" : "node\(index)"
            lines.append("Nov 22 04:00:00 alpha heartbeat: [1]: CRIT: Cluster node \(peer) returning after partition.")
            lines.append("Nov 22 04:00:00 alpha heartbeat: [1]: WARN: node \(peer): is dead")
        }
        let started = ContinuousClock.now
        let timeline = Timeline(logs: [("alpha", lines.joined(separator: "\n"))], clock: clock, deadtime: 1000)
        #expect(timeline.events.count == 40_000)
        #expect(timeline.failovers.isEmpty)
        #expect(timeline.splitBrains.count == 10_001)
        // About 5 s in a debug build (each of the 10,001 detections scans at most
        // TimelineFailover.scanLimit later events); pairing every event with every other would
        // take minutes. 30 s leaves room for a loaded CI machine without hiding that.
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}

extension TimelineFailoverTests {
    @Test("a clean stop is a handover: the holder's release, then the taker's takeover, no detect phase")
    func heartbeatHandovers() throws {
        let handovers = try heartbeatPair().failovers.filter { $0.cause == .shutdown }
        #expect(handovers.map { "\($0.from)>\($0.to)" } == ["alpha>bravo", "alpha>bravo", "bravo>alpha"])
        #expect(handovers.allSatisfy { $0.phases.map(\.name) == [.release, .takeover] })
        // 03:10:54 bravo gives up and relinquishes; 03:10:55 alpha: notice, takeover complete.
        let last = try #require(handovers.last)
        #expect(clock.text(last.start) == "2026-11-22 03:10:54")
        #expect(last.milliseconds == 1000)
    }

    @Test("a shutdown notice during the holder's restart, heard again before any takeover, is no handover")
    func restartIsNoHandover() throws {
        // 03:10:14 alpha: Received shutdown notice from 'bravo' (Heartbeat's restart); alpha hears
        // bravo again at 03:10:28 and takes over only at 03:10:55, after bravo's next notice.
        let handovers = try heartbeatPair().failovers.filter { $0.cause == .shutdown && $0.to == "alpha" }
        #expect(handovers.count == 1)
    }
}
