import Foundation

/// The campaign's printed output: one line per step as it ends, then a Markdown table per fault
/// kind, the memory of each daemon, and the seed with the command that replays the run.
enum CampaignReport {
    /// `  12 kill alpha(holder) hold=1.42s | settled +1.93 s | no holder 1213 ms | two 0/0 ms | 10/s | ok`
    static func line(_ record: StepRecord) -> String {
        let settled = record.settledAfterMS.map { String(format: "settled +%.2f s", $0 / 1000) } ?? "NOT settled"
        let verdict =
            record.passed ? "ok" : "FAIL " + record.failures.map { "\($0.audit.rawValue): \($0.detail)" }.joined(separator: "; ")
        let notes = record.notes.isEmpty ? "" : " [" + record.notes.joined(separator: "; ") + "]"
        return String(format: "%4d ", record.step) + record.plan.describe(node: record.target, role: record.role)
            + " | \(settled) | no holder \(Int(record.noHolderLongestMS)) ms | two \(Int(record.twoHoldersLongestMS))/\(Int(record.twoHoldersAfterSettledMS)) ms"
            + " | \(Int(record.datagramsPerSecond))/s | \(verdict)\(notes)"
    }

    /// One row per fault kind that ran, in the catalogue's order.
    static func table(_ records: [StepRecord]) -> String {
        var lines = [
            "| fault | steps | no holder: longest | no holder: median | two holders: longest (fault + settling) | two holders after settling | steps failed | audits failed |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for kind in FaultKind.allCases {
            let rows = records.filter { $0.plan.kind == kind }
            guard !rows.isEmpty else { continue }
            let noHolder = rows.map(\.noHolderLongestMS)
            let audits = Dictionary(grouping: rows.flatMap(\.failures), by: \.audit).map { "\($0.key.rawValue) ×\($0.value.count)" }.sorted()
            lines.append(
                "| \(kind.rawValue) | \(rows.count) | \(ms(noHolder.max() ?? 0)) | \(ms(median(noHolder))) | \(ms(rows.map(\.twoHoldersLongestMS).max() ?? 0)) | "
                    + "\(ms(rows.map(\.twoHoldersAfterSettledMS).max() ?? 0)) | \(rows.filter { !$0.passed }.count) | \(audits.isEmpty ? "–" : audits.joined(separator: ", ")) |"
            )
        }
        let failed = records.filter { !$0.passed }.count
        lines.append(
            "| **all** | \(records.count) | \(ms(records.map(\.noHolderLongestMS).max() ?? 0)) | \(ms(median(records.map(\.noHolderLongestMS)))) | "
                + "\(ms(records.map(\.twoHoldersLongestMS).max() ?? 0)) | \(ms(records.map(\.twoHoldersAfterSettledMS).max() ?? 0)) | \(failed) | |")
        return lines.joined(separator: "\n")
    }

    /// The whole closing report.
    static func render(_ results: CampaignResults) -> String {
        var text = "## Fault campaign: \(results.records.count) steps, seed \(results.options.seedText)\n\n"
        text += "\(results.options.pairDescription); settled = both daemons answer with a stable resource state and see each other active; "
        text += "audit window \(results.options.windowMS) ms after settling.\n\n"
        text += table(results.records) + "\n\n"
        text += "Times in ms. Audit failures by kind: "
        let byAudit = Dictionary(grouping: results.records.flatMap(\.failures), by: \.audit)
        text += Audit.allCases.map { "\($0.rawValue) \(byAudit[$0]?.count ?? 0)" }.joined(separator: ", ") + ".\n\n"
        if !results.memory.isEmpty {
            text += "Memory (resident, first sample → last, per daemon process):\n"
            for line in results.memory { text += "- \(line)\n" }
            text += "\n"
        }
        let steps = results.records.map(\.wallMS)
        if !steps.isEmpty {
            text += String(
                format: "Mean step %.1f s (longest %.1f s); the run took %.0f s.\n\n", steps.reduce(0, +) / Double(steps.count) / 1000,
                (steps.max() ?? 0) / 1000, results.wallSeconds)
        }
        let failed = results.records.filter { !$0.passed }
        text += "Seed: \(results.options.seedText). Replay: `\(results.options.replayCommand(steps: results.options.steps))`\n"
        if let first = failed.first {
            text +=
                "First failure at step \(first.step) (\(first.plan.kind.rawValue)); up to it: `\(results.options.replayCommand(steps: first.step))`\n"
        }
        text +=
            failed.isEmpty
            ? "RESULT: all \(results.records.count) steps passed every audit.\n"
            : "RESULT: \(failed.count) of \(results.records.count) steps failed an audit.\n"
        return text
    }

    /// The median of `values`, 0 for none.
    static func median(_ values: [Double]) -> Double { Summary(values)?.median ?? 0 }

    private static func ms(_ value: Double) -> String { String(Int(value.rounded())) }
}
