import HATestSupport

/// Each daemon process's resident memory at its first sample and now, keyed by pid, so a
/// restarted daemon starts a fresh baseline (`MemorySample`).
struct MemoryTracker {
    private var first: [Int32: (node: String, kB: Int)] = [:]
    private var last: [Int32: Int] = [:]

    /// Samples `pid` of `node` now; nil when the process is gone.
    mutating func sample(node: String, pid: Int32) -> MemorySample? {
        guard let footprint = ProcessFootprint.read(pid) else { return nil }
        return record(node: node, pid: pid, kB: footprint.rssKB)
    }

    /// Records a sample taken elsewhere (what `sample` does after reading /proc).
    mutating func record(node: String, pid: Int32, kB: Int) -> MemorySample {
        if first[pid] == nil { first[pid] = (node, kB) }
        last[pid] = kB
        return MemorySample(pid: pid, firstKB: first[pid]!.kB, nowKB: kB)
    }

    /// `alpha pid 123: 9.1 MiB → 9.3 MiB (+0.2)` for every process sampled, by node then pid.
    var summary: [String] {
        first.sorted { ($0.value.node, $0.key) < ($1.value.node, $1.key) }.map { pid, entry in
            let now = last[pid] ?? entry.kB
            let mib = { (kB: Int) in (Double(kB) / 1024 * 10).rounded() / 10 }
            return "\(entry.node) pid \(pid): \(mib(entry.kB)) MiB → \(mib(now)) MiB (\(now >= entry.kB ? "+" : "")\(mib(now - entry.kB)))"
        }
    }
}
