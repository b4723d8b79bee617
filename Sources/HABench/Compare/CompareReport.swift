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
                + "\(results.repetitions) repetition(s) per profile, scenario and implementation, each on a fresh pair, the "
                + "implementations taking turns" + (results.quick ? " (--quick)" : "") + ".",
            "",
            "Implementations: " + results.implementations.map { "\($0.title) (\(results.versions[$0.rawValue] ?? "?"))" }.joined(separator: ", ")
                + "; hadaemon is `\(results.daemon)`.",
            "",
            "Method: alpha (home node of 192.0.2.100, VRRP priority 150) and bravo (100) in network namespaces on one bridge, "
                + "unicast; a VIPWatcher thread reads both nodes' addresses over netlink every \(NotAheadReasons.format(results.sampleIntervalMS)) ms"
                + (results.meanSamplePeriodMS.map { " (mean period achieved \(String(format: "%.1f", $0)) ms)" } ?? "")
                + " for all, so each instant is late by at most about one period. Faults land at a random point of the "
                + "keepalive (advert) cycle. Cells are medians in ms; the ratio is theirs ÷ ours (above ×1 hadaemon is ahead).",
            "",
            "Timers: hadaemon and Heartbeat read the same ha.cf (keepalive / deadtime in the profile column); keepalived runs VRRPv3 "
                + "with advert_int = keepalive. Its detection time is fixed by VRRP at 3.61 × advert_int, while deadtime is configured "
                + "apart from the keepalive, so kill and cut are not directly comparable with keepalived.",
            "",
        ]
        if results.implementations.contains(.pacemaker) {
            lines += [
                "Pacemaker + Corosync runs what `hadaemon config export pacemaker` makes of the same ha.cf and haresources: corosync "
                    + "`token` = deadtime (consensus 1.2 × token by default), dc-deadtime = initdead, resource-stickiness 0 and a location "
                    + "preference for alpha (auto_failback on), a group of ocf:heartbeat:IPaddr2 on hb0 and lsb:hbdummy, no fencing. "
                    + "Its kill is SIGKILL of corosync and every Pacemaker daemon on alpha; its clean stop SIGTERM to pacemakerd, then to "
                    + "corosync, timed to corosync's exit; its cut drops knet (udp/5405). Its first DC election (up to dc-deadtime) and "
                    + "the loading of the configuration come before any clock starts.",
                "",
            ]
        }
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
            for other in others {
                let skipped = results.notRunReason(other, profile: row.profile, figure: row.figure) != nil
                cells += [skipped ? "not run" : cell(row, other), skipped ? "—" : ratio(ours: row.median(.hadaemon), theirs: row.median(other))]
            }
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
        lines += notRunSection(results)
        lines += ["", "### Detection after a crash or a cut", ""]
        lines += results.implementations.map { "- \($0.title): \($0.detectionFormula)." }
        lines += details(results)
        if !results.failures.isEmpty {
            lines += ["", "### Failed repetitions", ""] + results.failures.map { "- " + ($0.split(separator: "\n").first.map(String.init) ?? $0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Not run": each implementation's reason once, with the profiles and scenarios it covers.
    static func notRunSection(_ results: CompareResults) -> [String] {
        guard let notRun = results.notRun, !notRun.isEmpty else { return [] }
        var lines = ["", "### Not run", ""]
        var seen: [(implementation: Implementation, reason: String)] = []
        for entry in notRun where !seen.contains(where: { $0.implementation == entry.implementation && $0.reason == entry.reason }) {
            seen.append((entry.implementation, entry.reason))
        }
        for (implementation, reason) in seen {
            let entries = notRun.filter { $0.implementation == implementation && $0.reason == reason }
            var profiles: [String] = []
            var scenarios: [String] = []
            for entry in entries {
                let profile = entry.profile.map { name in results.profiles.first { $0.name == name }?.label ?? name } ?? "every profile"
                if !profiles.contains(profile) { profiles.append(profile) }
                let scenario = entry.scenario?.rawValue ?? "every scenario"
                if !scenarios.contains(scenario) { scenarios.append(scenario) }
            }
            lines.append(
                "- **\(implementation.title)**, \(profiles.joined(separator: ", ")); \(scenarios.joined(separator: ", ")): "
                    + reason.prefix(1).uppercased() + reason.dropFirst() + ".")
        }
        return lines
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
