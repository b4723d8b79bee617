import Glibc
import HAProtocol

/// The host's two clocks, for every program here: monotonic for every timeout and deadline, wall
/// for log stamps and what a screen shows.
public enum SystemClock {
    public static func now() -> MonotonicTime {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicTime(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    /// Milliseconds on the monotonic clock (the console's and the runners' deadlines).
    public static func milliseconds() -> Int64 { now().milliseconds }

    /// Milliseconds since the Unix epoch.
    public static func wallMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    public static func wallSeconds() -> UInt64 { UInt64(wallMilliseconds() / 1000) }
}
