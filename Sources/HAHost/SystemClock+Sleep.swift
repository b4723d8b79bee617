import HAProtocol

extension SystemClock {
    /// Suspends the task until `deadline` on this clock; returns at once if it has passed. Throws
    /// `CancellationError` if the task is cancelled while asleep, as `Task.sleep` does.
    ///
    /// Sleeps the remaining span with `Task.sleep(for:)` (Swift's continuous clock); the two
    /// clocks tick alike and differ only across a suspend of the whole machine.
    public static func sleep(until deadline: MonotonicTime) async throws {
        let remaining = deadline - now()
        guard remaining > .zero else { return }
        try await Task.sleep(for: remaining)
    }
}
