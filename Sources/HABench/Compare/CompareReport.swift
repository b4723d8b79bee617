import Foundation
import HATestSupport

/// `CompareResults` as Markdown: the machine and the method, one table of medians with each
/// implementation's ratio to hadaemon's, the list of figures where hadaemon is not ahead with the
/// reason, each implementation's detection rule, and min / median / max per cell.
enum CompareReport {
    static func render(_ results: CompareResults) -> String {
        let others = results.implementations.filter { $0 != .hadaemon }
        var lines = [
            "## habench compare, \(results.date)",
            "",
            "Machine: nproc \(results.nproc), kernel \(results.kernel), load average \(results.loadAverageAtStart) at the start and "
                + "\(results.loadAverage) at the end; \(Int(results.elapsedSeconds.rounded())) s in all. "
                + "\(results.repetitions) repetition(s) per profile, scenario and implementation, each on a fresh pair, the three "
                + "implementations taking turns" + (results.quick ? " (--quick)" : "") + ".",
            "",
            "Implementations: " + results.implementations.map { "\($0.title) (\(results.versions[$0.rawValue] ?? "?"))" }.joined(separator: ", ")
                + "; hadaemon is `\(results.daemon)`.",
            "",
            "Method: alpha (home node of 192.0.2.100, VRRP priority 150) and bravo (100) in network namespaces on one bridge, "
                + "unicast; a VIPWatcher thread reads both nodes' addresses over netlink every \(NotAheadReasons.format(results.sampleIntervalMS)) ms"
                + (results.meanSamplePeriodMS.map { " (mean period achieved \(String(format: "%.1f", $0)) ms)" } ?? "")
                + " for all three, so each instant is late by at most about one period. Faults land at a random point of the "
                + "keepalive (advert) cycle. Cells are medians in ms; the ratio is theirs ÷ ours (above ×1 hadaemon is ahead).",
            "",
            "Timers: hadaemon and Heartbeat read the same ha.cf (keepalive / deadtime in the profile column); keepalived runs VRRPv3 "
                + "with advert_int = keepalive. Its detection time is fixed by VRRP at 3.61 × advert_int, while deadtime is configured "
                + "apart from the keepalive, so kill and cut are not directly comparable with keepalived.",
            "",
        ]
        var header = "| profile | figure | hadaemon"
        var rule = "|---|---|---"
        for other in others {
            header += " | \(other.title) | ÷ ours"
            rule += "|---|---"
        }
        lines += [header + " |", rule + "|"]
        for row in results.rows {
            let profile = results.profiles.first { $0.name == row.profile }
            var cells = [profile.map(label) ?? row.profile, row.title, cell(row, .hadaemon)]
            for other in others { cells += [cell(row, other), ratio(ours: row.median(.hadaemon), theirs: row.median(other))] }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "### Where hadaemon is not ahead", ""]
        if results.notAhead.isEmpty {
            lines.append("- nowhere: hadaemon's median is the lowest on every figure measured.")
        }
        for entry in results.notAhead {
            let profile = results.profiles.first { $0.name == entry.profile }.map(label) ?? entry.profile
            lines.append(
                "- **\(profile), \(entry.figure.title)**: \(entry.implementation.title) \(whole(entry.theirsMS)) ms, hadaemon "
                    + "\(whole(entry.oursMS)) ms (\(entry.verdict)). \(entry.reason.prefix(1).uppercased() + entry.reason.dropFirst()).")
        }
        lines += ["", "### Detection after a crash or a cut", ""]
        lines += results.implementations.map { "- \($0.title): \($0.detectionFormula)." }
        lines += details(results)
        if !results.failures.isEmpty {
            lines += ["", "### Failed repetitions", ""] + results.failures.map { "- " + ($0.split(separator: "\n").first.map(String.init) ?? $0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `200 ms / 1 s (advert 0.2 s)`.
    static func label(_ profile: TimerProfile) -> String {
        "\(profile.label) (advert \(KeepalivedNode.advertText(profile.keepalive) ?? "?") s)"
    }

    /// The median in whole ms, with `(runs/attempts)` when some repetitions failed; `—` when none ran.
    static func cell(_ row: CompareResults.Row, _ implementation: Implementation) -> String {
        guard let cell = row.cells[implementation.rawValue], cell.attempts > 0 else { return "—" }
        guard let summary = cell.summary else { return "failed (0/\(cell.attempts))" }
        return whole(summary.median) + (cell.runs < cell.attempts ? " (\(cell.runs)/\(cell.attempts))" : "")
    }

    /// theirs ÷ ours: `×0.31`, `×1.05`, `×3.1`, `×12`; `×0` where theirs rounds to 0, and `= (both 0)` or
    /// `∞ (ours 0)` where ours does.
    static func ratio(ours: Double?, theirs: Double?) -> String {
        guard let ours, let theirs else { return "—" }
        if ours < 0.5 { return theirs < 0.5 ? "= (both 0)" : "∞ (ours 0)" }
        if theirs < 0.5 { return "×0" }
        let value = theirs / ours
        // Two decimals below ×2, so that ×1.05 (ahead by 5 %) does not read as a tie.
        let text = value >= 10 ? String(Int(value.rounded())) : String(format: value >= 2 ? "%.1f" : "%.2f", value)
        return "×" + text
    }

    static func whole(_ milliseconds: Double) -> String { String(Int(milliseconds.rounded())) }

    private static func details(_ results: CompareResults) -> [String] {
        var lines = ["", "### Every cell: runs, min / median / max (ms)", ""]
        lines.append("| profile | figure | " + results.implementations.map(\.title).joined(separator: " | ") + " |")
        lines.append("|---|---|" + String(repeating: "---|", count: results.implementations.count))
        for row in results.rows {
            let cells = results.implementations.map { implementation -> String in
                guard let cell = row.cells[implementation.rawValue] else { return "—" }
                return "\(cell.runs)/\(cell.attempts): " + (cell.summary?.text ?? "—")
            }
            lines.append("| \(row.profile) | \(row.title) | " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }
}
