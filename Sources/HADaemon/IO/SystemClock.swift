import Glibc

/// The two clocks the daemon reads: monotonic for every timeout, wall for log stamps only.
enum SystemClock {
    static func now() -> MonotonicTime {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicTime(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    /// Milliseconds since the Unix epoch.
    static func wallMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    static func wallSeconds() -> UInt64 { UInt64(wallMilliseconds() / 1000) }
}
