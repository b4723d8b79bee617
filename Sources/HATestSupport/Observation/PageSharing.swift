import Glibc

/// Proportional set size recomputed as if a chosen group of processes were the only ones on the
/// machine: a page mapped n times within the group counts 1/n to each mapping.
///
/// The kernel's `Pss` divides a shared page among *every* process that maps it, so a daemon's
/// figure drops whenever anything else maps the same library (the benchmark itself, a compiler
/// on the same host: all Swift programs share libswiftCore and Foundation). Counting only the
/// group makes the figure depend on the group alone, and it is never below the kernel's.
///
/// Reads /proc/PID/maps and /proc/PID/pagemap; page frame numbers need root (CAP_SYS_ADMIN).
public enum PageSharing {
    /// Each process's PSS in kB counting only `pids` as sharers; nil when a process is gone or
    /// page frames are not readable.
    public static func pss(among pids: [pid_t]) -> [pid_t: Int]? {
        var frames: [pid_t: [UInt64]] = [:]
        for pid in pids {
            guard let list = residentFrames(pid) else { return nil }
            frames[pid] = list
        }
        var mappings: [UInt64: Int] = [:]
        for list in frames.values { for frame in list { mappings[frame, default: 0] += 1 } }
        let pageKB = Double(sysconf(Int32(_SC_PAGESIZE))) / 1024
        return frames.mapValues { list in
            Int(list.reduce(0.0) { $0 + pageKB / Double(mappings[$1] ?? 1) }.rounded())
        }
    }

    /// The frame of every resident page `pid` maps, once per mapping; nil if unreadable.
    static func residentFrames(_ pid: pid_t) -> [UInt64]? {
        guard let maps = ProcessFootprint.text("/proc/\(pid)/maps") else { return nil }
        let fd = open("/proc/\(pid)/pagemap", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        var frames: [UInt64] = []
        var entries = [UInt64](repeating: 0, count: 4096)
        for line in maps.split(separator: "\n") {
            let range = line.prefix { $0 != " " }.split(separator: "-").compactMap { UInt64($0, radix: 16) }
            // Skip the vsyscall page (not in pagemap) and anything absurdly large (bounded work).
            guard range.count == 2, range[1] > range[0], range[1] - range[0] <= 1 << 34, !line.hasSuffix("[vsyscall]") else { continue }
            var page = range[0] / pageSize
            let end = range[1] / pageSize
            while page < end {
                let count = Int(min(UInt64(entries.count), end - page))
                let read = entries.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count * 8, off_t(page * 8)) }
                guard read > 0 else { break }
                for entry in entries.prefix(read / 8) where entry & (1 << 63) != 0 {
                    frames.append(entry & ((1 << 55) - 1))
                }
                page += UInt64(read / 8)
            }
        }
        // Without CAP_SYS_ADMIN every frame number reads as 0.
        guard frames.isEmpty || frames.contains(where: { $0 != 0 }) else { return nil }
        return frames
    }
}
