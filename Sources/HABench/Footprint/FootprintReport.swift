import Foundation

/// `habench footprint`'s Markdown: which binaries, the table of idle PSS and RSS against the
/// target "below keepalived's", what the namespaces held, then where hadaemon's memory goes.
enum FootprintReport {
    static let tableHeader =
        "| implementation | processes | PSS kB (min / median / max) | RSS kB (median) | anon PSS kB | file PSS kB | private dirty kB | PSS ÷ keepalived's | target: below keepalived's |"
    static let breakdownHeader = "| where | PSS kB | % of PSS | RSS kB | touched in the window, kB of RSS | PSS by permissions, kB |"

    static func render(_ results: FootprintResults) -> String {
        var lines = [
            "## Idle footprint: one node alone, \(results.profile.label) timers",
            "",
            "- hadaemon: `\(results.binary.path)` (\(results.binary.source)), \(results.binary.sizeText)",
            "- keepalived: `/usr/sbin/keepalived`, \(results.keepalivedVersion)",
            "- \(results.date), kernel \(results.kernel), \(results.nproc) CPUs, load \(results.loadAverageAtStart) → \(results.loadAverage)",
            "- each run: a fresh node in its own network namespace whose peer is never started; ready when it holds "
                + "192.0.2.100 with nothing else running, then \(results.seconds) s idle; figures from /proc/PID/smaps_rollup "
                + "(keepalived: its parent and VRRP child summed); \(results.repetitions) repetition(s), implementations taking turns",
            "",
            tableHeader,
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in results.rows {
            let ratio = row.ratioToKeepalived.map { "×" + String(format: "%.2f", $0) } ?? "×1"
            lines.append(
                "| \(row.title) | \(row.processes.map(String.init).joined(separator: ", ")) | \(row.pssKB.text) | \(Int(row.rssKB.median.rounded())) "
                    + "| \(Int(row.pssAnonKB.median.rounded())) | \(Int(row.pssFileKB.median.rounded())) | \(Int(row.privateDirtyKB.median.rounded())) "
                    + "| \(ratio) | \(row.verdict) |")
        }
        lines.append("")
        lines += results.rows.map(processesLine)
        if let last = results.samples.last(where: { $0.variant == .hadaemon }) {
            lines += [""] + breakdown(last, touchedSeconds: results.touchedSeconds, keepalived: results.rows.first { $0.variant == .keepalived })
        }
        return lines.joined(separator: "\n")
    }

    /// What the namespace held at the reads: the daemon alone, or not.
    static func processesLine(_ row: FootprintResults.Row) -> String {
        let expected = row.variant.expectedProcesses
        let what = row.variant == .keepalived ? "its parent and VRRP child" : "the daemon alone"
        guard row.processes == [expected] else {
            return "- \(row.title): the namespace held \(row.processes.map(String.init).joined(separator: " or ")) processes at the reads, "
                + "not \(expected) (\(what)): something else ran beside it"
        }
        return "- \(row.title): its namespace held \(expected) process\(expected == 1 ? "" : "es") at every read: \(what)"
    }

    /// "Where hadaemon's memory goes": the last hadaemon run's groups, with what was touched.
    static func breakdown(_ sample: FootprintSample, touchedSeconds: Int, keepalived: FootprintResults.Row?) -> [String] {
        let total = sample.breakdown.totalPSSKB
        var lines = [
            "### Where hadaemon's memory goes",
            "",
            "The last hadaemon run (pid \(sample.pids.map(String.init).joined(separator: ", "))), each mapping of /proc/PID/smaps in a group. "
                + "Touched: `Referenced:` \(touchedSeconds) s after writing 1 to /proc/PID/clear_refs, the idle working set, "
                + "counting shared pages whole as RSS does; the rest of a group's RSS is resident only because something touched it "
                + "earlier (startup).",
            "",
            breakdownHeader,
            "|---|---|---|---|---|---|",
        ]
        for entry in sample.breakdown.entries where entry.rssKB > 0 || entry.pssKB > 0 {
            let permissions = entry.pssByPermissions.filter { $0.value > 0 }.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }
            lines.append(
                "| \(entry.group.title(program: "hadaemon")) | \(entry.pssKB) | \(percent(entry.pssKB, of: total)) | \(entry.rssKB) | \(entry.referencedKB) "
                    + "| \(permissions.joined(separator: ", ")) |")
        }
        lines.append("| total | \(total) | 100 % | \(sample.breakdown.totalRSSKB) | \(sample.breakdown.totalReferencedKB) | |")
        lines.append("")
        // `Referenced:` counts a shared page whole, as RSS does: "not touched" is taken from RSS.
        let rss = sample.breakdown.totalRSSKB
        let untouched = rss - min(sample.breakdown.totalReferencedKB, rss)
        var summary =
            "smaps_rollup's PSS of this run: \(sample.memory.pssKB) kB (the groups sum to \(total) kB). "
            + "Resident but not touched in the last \(touchedSeconds) s: \(untouched) kB of \(rss) kB RSS"
        if let text = sample.breakdown.entry(.binaryText) {
            summary += ", of which the program's text \(max(text.rssKB - text.referencedKB, 0)) kB of \(text.rssKB) kB"
        }
        if let keepalived {
            let over = sample.memory.pssKB - Int(keepalived.pssKB.median.rounded())
            summary += over > 0 ? "; keepalived's median is \(over) kB lower." : "; \(-over) kB below keepalived's median."
        } else {
            summary += "."
        }
        lines.append(summary)
        return lines
    }

    static func percent(_ part: Int, of total: Int) -> String {
        guard total > 0 else { return "–" }
        return String(format: "%.1f %%", Double(part) / Double(total) * 100)
    }
}
