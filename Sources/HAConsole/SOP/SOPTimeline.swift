/// Prints an SOP run from its audit records as a Markdown incident timeline.
///
/// The header says who ran which procedure text where, how the roles resolved and how it ended;
/// the table has one row per record: time (UTC), step, what happened, evidence, duration.
enum SOPTimeline {
    /// The ids of the runs in `records`, in the order they started.
    static func runIDs(in records: [SOPAuditRecord]) -> [String] {
        records.reduce(into: [String]()) { ids, record in
            if !ids.contains(record.run) { ids.append(record.run) }
        }
    }

    /// The timeline of run `runID` (the last run in `records` when nil); nil when there is none.
    static func markdown(_ records: [SOPAuditRecord], run runID: String? = nil) -> String? {
        guard let id = runID ?? runIDs(in: records).last else { return nil }
        let run = records.filter { $0.run == id }
        guard let first = run.first else { return nil }
        let start = run.first { $0.event == .runStarted } ?? first
        let end = run.last { $0.event == .runFinished || $0.event == .runAborted }

        var lines = ["# SOP run \(id): \(first.procedure)", ""]
        if let user = start.user { lines.append("- Operator: \(user) on \(start.host ?? "?")") }
        if let file = start.file { lines.append("- Procedure: \(start.procedure) (`\(file)`, sha256 \(start.digest?.prefix(12) ?? "?"))") }
        if let roles = start.roles, !roles.isEmpty {
            lines.append("- Roles: " + roles.keys.sorted().map { "\($0) = \(roles[$0]!)" }.joined(separator: ", "))
        }
        lines.append("- Started: \(start.time)")
        if let end {
            let took = end.durationMs.map { " after \(duration($0))" } ?? ""
            lines.append("- Ended: \(end.time)\(took), \(end.outcome ?? end.event.rawValue)")
            if let next = end.next { lines.append("- Next: \(cell(next))") }
        } else {
            lines.append("- Ended: not recorded (the run is in progress or the console stopped)")
        }
        lines += ["", "| time (UTC) | step | what happened | evidence | duration |", "|---|---|---|---|---|"]
        for record in run {
            let evidence = record.evidence.map { $0.joined(separator: "; ") } ?? ""
            let took = record.durationMs.map(duration) ?? ""
            let what = record.detail ?? record.event.rawValue.replacing("_", with: " ")
            lines.append("| \(clock(record.time)) | \(cell(record.step ?? "")) | \(cell(what)) | \(cell(evidence)) | \(took) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `04:51:02` from `2026-11-22T04:51:02Z` (or `…02.345Z`); other text as it is.
    static func clock(_ iso: String) -> String {
        let characters = Array(iso)
        guard characters.count >= 19, characters[10] == "T" else { return iso }
        return String(characters[11..<19])
    }

    /// `850 ms`, `4.2 s`, `2 min 05 s`, `1 h 02 min`.
    static func duration(_ milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds < 60_000 {
            let tenths = milliseconds / 100
            return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
        }
        let seconds = Int(milliseconds / 1000)
        if seconds < 3600 { return "\(seconds / 60) min \(SOPText.twoDigits(seconds % 60)) s" }
        return "\(seconds / 3600) h \(SOPText.twoDigits(seconds / 60 % 60)) min"
    }

    /// Text safe inside a table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("|", with: "\\|").replacing("\r", with: "").replacing("\n", with: " ")
    }
}
