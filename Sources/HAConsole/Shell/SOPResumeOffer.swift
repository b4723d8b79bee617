#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds, when a console starts, the SOP run it should offer to resume: the newest run in the
/// audit trail that never ended, is recent, and whose console is not still running here.
enum SOPResumeOffer {
    /// Older runs are not offered: the cluster has moved on; start the procedure again.
    static let maxAgeSeconds: Int64 = 6 * 3600
    /// Only the trail's end is read: a run worth resuming is among its last records.
    static let maxTrailBytes = 4 << 20

    /// The run to offer from the trail at `auditPath`, read at `now` (seconds since the epoch)
    /// on `host`; nil when there is none or the trail cannot be read.
    static func find(auditPath: String, host: String, now: Int64) -> SOPInterruptedRun? {
        guard let text = try? SOPFiles.readTail(auditPath, maxBytes: maxTrailBytes) else { return nil }
        let records = SOPAuditRecord.records(in: text).records
        return SOPInterruptedRun.find(in: records, now: now, maxAgeSeconds: maxAgeSeconds).last {
            !($0.host == host && $0.pid.map(isRunning) == true)
        }
    }

    /// Whether another process `pid` runs here (a console still running that run). A zombie
    /// does not: a console SIGKILLed in a terminal stays one until its parent reaps it.
    static func isRunning(_ pid: Int32) -> Bool {
        guard pid > 0, pid != getpid(), kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? SOPFiles.read("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].first { $0 != " " } != "Z"
    }
}
