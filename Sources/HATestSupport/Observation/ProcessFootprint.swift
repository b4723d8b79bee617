import Glibc

/// What one process costs, from /proc and its CPU-time clock: proportional set size (shared pages divided among
/// their sharers, the figure that adds up across processes) and CPU time, both in the units the
/// reference reports use (`heartbeat-3.0.6-observed.md` §3a, `keepalived-observed.md` §4).
public struct ProcessFootprint: Sendable, Equatable {
    /// `Pss:` of /proc/PID/smaps_rollup, in kB.
    public var pssKB: Int
    /// `Rss:` of /proc/PID/smaps_rollup, in kB.
    public var rssKB: Int
    /// utime + stime of /proc/PID/stat, in clock ticks (`ticksPerSecond`), all threads.
    public var cpuTicks: Int
    /// CPU time of the whole process, threads that have ended included, in nanoseconds: its
    /// CPU-time clock (`clock_getcpuclockid`), a finer measure than ticks. 0 if unreadable.
    public var cpuNanoseconds: UInt64
    /// How many threads the process has.
    public var threads: Int

    /// `sysconf(_SC_CLK_TCK)`: the unit of `cpuTicks` (100 on Linux).
    public static let ticksPerSecond = Int(sysconf(Int32(_SC_CLK_TCK)))

    /// Reads `pid`'s footprint now; nil once the process is gone (or /proc is not readable).
    public static func read(_ pid: pid_t) -> ProcessFootprint? {
        guard let rollup = text("/proc/\(pid)/smaps_rollup"), let stat = text("/proc/\(pid)/stat"),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after "comm)": state is field 3, utime 14, stime 15, num_threads 20.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 17, let utime = Int(fields[11]), let stime = Int(fields[12]), let threads = Int(fields[17]) else { return nil }
        return ProcessFootprint(
            pssKB: field("Pss:", in: rollup) ?? 0, rssKB: field("Rss:", in: rollup) ?? 0, cpuTicks: utime + stime,
            cpuNanoseconds: cpuClock(pid), threads: threads)
    }

    private static func cpuClock(_ pid: pid_t) -> UInt64 {
        var clock = clockid_t()
        var time = timespec()
        guard clock_getcpuclockid(pid, &clock) == 0, clock_gettime(clock, &time) == 0 else { return 0 }
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    private static func field(_ name: String, in text: String) -> Int? {
        let line = text.split(separator: "\n").first { $0.hasPrefix(name) }
        return line?.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
    }

    /// A /proc file read with plain `read(2)`: these files report size 0, so Foundation's
    /// size-first readers are not used.
    static func text(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        for _ in 0..<64 {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
