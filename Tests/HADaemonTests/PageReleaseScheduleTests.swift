import HAProtocol
import Testing

@testable import HADaemon

@Suite("Pages are handed back once the node has been quiet")
struct PageReleaseScheduleTests {
    let start = MonotonicTime(nanoseconds: 1_000_000_000)

    func take(_ schedule: inout PageReleaseSchedule, at now: MonotonicTime) -> Bool { schedule.takeIfDue(at: now) }

    @Test("due once, quiet after the last activity, and not again until something happens")
    func dueOnce() {
        var schedule = PageReleaseSchedule(quiet: .seconds(10))
        #expect(schedule.dueAt == nil)
        #expect(!take(&schedule, at: start + .seconds(60)))
        schedule.activity(at: start)
        schedule.activity(at: start + .seconds(4))
        #expect(!take(&schedule, at: start + .seconds(13)))
        #expect(take(&schedule, at: start + .seconds(14)))
        #expect(!take(&schedule, at: start + .seconds(15)))
        #expect(schedule.dueAt == nil)
        schedule.activity(at: start + .seconds(100))
        #expect(schedule.dueAt == start + .seconds(110))
    }
}
