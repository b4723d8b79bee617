/// A point on the monotonic clock, in nanoseconds since an arbitrary origin.
///
/// Every timeout in the daemon (keepalive, warntime, deadtime, initdead, script timeouts) is
/// judged on this clock; the wall clock is only for log stamps. Tests make instants from numbers.
struct MonotonicTime: Comparable, Hashable, Sendable, CustomStringConvertible {
    var nanoseconds: Int64

    init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    static func milliseconds(_ ms: Int64) -> MonotonicTime { MonotonicTime(nanoseconds: ms * 1_000_000) }

    static func < (a: MonotonicTime, b: MonotonicTime) -> Bool { a.nanoseconds < b.nanoseconds }

    static func + (t: MonotonicTime, d: Duration) -> MonotonicTime {
        MonotonicTime(nanoseconds: t.nanoseconds + d.nanoseconds)
    }

    static func - (a: MonotonicTime, b: MonotonicTime) -> Duration { .nanoseconds(a.nanoseconds - b.nanoseconds) }

    var description: String { "\(Double(nanoseconds) / 1e6) ms" }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }

    /// Whole milliseconds, rounded down.
    var milliseconds: Int64 { nanoseconds / 1_000_000 }

    static func ms(_ value: Int) -> Duration { .milliseconds(value) }
}
