import HAProtocol

/// A run the audit trail shows started and never ended: its console died (killed, the terminal
/// closed, the host rebooted) between two records. The next console offers to resume it.
///
/// Found from the records alone (``find(in:now:maxAgeSeconds:)``): a run with `run_started`, no
/// `run_finished` or `run_aborted`, and a last record at most `maxAgeSeconds` old. The resumed
/// run goes on under the same run id (``SOPRun/Event/resume(_:)``), at the step after the last
/// one verified or skipped, and never sends again an action its records say was confirmed.
struct SOPInterruptedRun: Hashable, Sendable {
    var runID: String
    var procedure: String
    /// The procedure file and its SHA-256 as the run started: a changed file is not resumed.
    var file: String
    var digest: String
    /// The roles as resolved when the run started (a failover moves the primary: never re-resolved).
    var roles: [String: String]
    var user: String
    var host: String
    /// The console that ran it last, when the record says (`pid`): alive means not interrupted.
    var pid: Int32?
    /// The wall time of its last record, and how long before `now` that was.
    var lastRecordTime: String
    var ageSeconds: Int64
    /// The last step verified or skipped, by id; nil when none was.
    var lastSettledStep: String?
    /// Steps whose action was confirmed (so sent) and not verified since, with the time.
    var performedActions: [String: String]

    /// Unfinished runs in `records` whose last record is at most `maxAgeSeconds` before `now`
    /// (seconds since the epoch), oldest first. Records with a time that does not parse count as old.
    static func find(in records: [SOPAuditRecord], now: Int64, maxAgeSeconds: Int64) -> [SOPInterruptedRun] {
        var byRun: [String: [SOPAuditRecord]] = [:]
        var order: [String] = []
        for record in records {
            if byRun[record.run] == nil { order.append(record.run) }
            byRun[record.run, default: []].append(record)
        }
        return order.compactMap { id in
            guard let run = byRun[id], let interrupted = interrupted(run, now: now), interrupted.ageSeconds <= maxAgeSeconds else { return nil }
            return interrupted
        }
    }

    /// The interruption one run's records show, or nil when it ended or never started.
    static func interrupted(_ run: [SOPAuditRecord], now: Int64) -> SOPInterruptedRun? {
        guard let start = run.first(where: { $0.event == .runStarted }), let last = run.last,
            !run.contains(where: { $0.event == .runFinished || $0.event == .runAborted })
        else { return nil }
        let opener = run.last { $0.event == .runResumed } ?? start
        var settled: String?
        var performed: [String: String] = [:]
        for record in run {
            switch record.event {
            case .verificationPassed, .stepSkipped:
                settled = record.step
                if let step = record.step { performed[step] = nil }
            case .confirmationGiven:
                if let step = record.step { performed[step] = record.time }
            default: break
            }
        }
        let age = epochSeconds(last.time).map { max(0, now - $0) } ?? .max
        return SOPInterruptedRun(
            runID: start.run, procedure: start.procedure, file: start.file ?? "", digest: start.digest ?? "",
            roles: start.roles ?? [:], user: opener.user ?? "?", host: opener.host ?? "?", pid: opener.pid,
            lastRecordTime: last.time, ageSeconds: age, lastSettledStep: settled, performedActions: performed)
    }

    /// `2026-11-22T04:51:02Z` as seconds since the epoch; nil for any other shape.
    static func epochSeconds(_ iso: String) -> Int64? { CivilDate.utcMilliseconds(iso).map { $0 / 1000 } }

    /// `3 min`, `2 h 5 min`, `40 s`: how long ago, for the offer.
    var age: String {
        if ageSeconds < 60 { return "\(ageSeconds) s" }
        if ageSeconds < 3600 { return "\(ageSeconds / 60) min" }
        return "\(ageSeconds / 3600) h \(ageSeconds % 3600 / 60) min"
    }
}
