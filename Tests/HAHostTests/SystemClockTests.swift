import HAHost
import HAProtocol
import Testing

/// The one clock every program and the harness read: it never runs backwards, and sleeping until
/// an instant on it wakes at or after that instant.
@Suite struct SystemClockTests {
    @Test("now() never runs backwards")
    func monotonic() {
        var last = SystemClock.now()
        for _ in 0..<10_000 {
            let next = SystemClock.now()
            #expect(next >= last)
            last = next
        }
    }

    // No upper bound: run in parallel with tests that block the cooperative pool, the wake-up
    // can come seconds late.
    @Test("sleep(until:) wakes no earlier than a deadline 50 ms ahead")
    func sleepsUntilDeadline() async throws {
        let deadline = SystemClock.now() + .milliseconds(50)
        try await SystemClock.sleep(until: deadline)
        #expect(SystemClock.now() >= deadline)
    }

    @Test("sleep(until:) returns at once for a deadline already passed")
    func passedDeadline() async throws {
        let started = SystemClock.now()
        try await SystemClock.sleep(until: started + .seconds(-5))
        #expect(SystemClock.now() - started < .milliseconds(100))
    }
}
