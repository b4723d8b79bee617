/// A point on the monotonic clock, in nanoseconds since an arbitrary origin.
///
/// Every timeout (keepalive, warntime, deadtime, initdead, script timeouts, the console's
/// deadlines) is judged on this clock; the wall clock is only for log stamps and display. Tests
/// make instants from numbers; `SystemClock.now()` (HAHost) reads the real one.
public struct MonotonicTime: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static func milliseconds(_ ms: Int64) -> MonotonicTime { MonotonicTime(nanoseconds: ms * 1_000_000) }

    /// Whole milliseconds since the origin, rounded down.
    public var milliseconds: Int64 { nanoseconds / 1_000_000 }

    public static func < (a: MonotonicTime, b: MonotonicTime) -> Bool { a.nanoseconds < b.nanoseconds }

    public static func + (t: MonotonicTime, d: Duration) -> MonotonicTime {
        MonotonicTime(nanoseconds: t.nanoseconds + d.nanoseconds)
    }

    public static func - (a: MonotonicTime, b: MonotonicTime) -> Duration { .nanoseconds(a.nanoseconds - b.nanoseconds) }

    public var description: String { "\(Double(nanoseconds) / 1e6) ms" }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }

    /// Whole milliseconds, rounded down.
    public var milliseconds: Int64 { nanoseconds / 1_000_000 }

    /// Milliseconds with the fraction kept (to the attosecond), for measurements and reports.
    public var fractionalMilliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    public static func ms(_ value: Int) -> Duration { .milliseconds(value) }
}
