import Foundation

/// `BenchResults` as Markdown: a header naming the machine and the method, then one table per
/// measure (a row per profile) and the idle footprint's two tables.
enum MarkdownReport {
    static func render(_ results: BenchResults) -> String {
        var lines = [
            "## habench results, \(results.date)",
            "",
            "Machine: nproc \(results.nproc), kernel \(results.kernel), load average \(results.loadAverageAtStart) at the start and \(results.loadAverage) at the end. "
                + "Daemon: `\(results.daemon)`. \(results.repetitions) repetition(s) per profile and scenario, each on a fresh pair "
                + "(alpha home node of 192.0.2.100 and `hbdummy`, bravo standby, ucast over a bridge in network namespaces).",
            "",
        ]
        if let period = results.meanSamplePeriodMS { lines += [resolution(results, period), ""] }
        var measures: [Measure] = []
        for row in results.rows where !measures.contains(row.measure) { measures.append(row.measure) }
        for measure in measures {
            lines += ["### \(measure.title)", ""]
            lines.append("| profile | runs | min / median / max (ms) | target | Heartbeat 3.0.6 | keepalived 2.2.7 | verdict |")
            lines.append("|---|---|---|---|---|---|---|")
            for row in results.rows where row.measure == measure {
                let cells = [
                    row.profile, "\(row.runs)/\(row.attempts)", row.summary?.text ?? "—", row.target ?? "—", row.heartbeat, row.keepalived,
                    row.verdict,
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        lines += fencingTable(results)
        if let idle = results.idle { lines += idleTables(idle) }
        if !results.failures.isEmpty {
            lines += ["### Failed repetitions", ""] + results.failures.map { "- " + ($0.split(separator: "\n").first.map(String.init) ?? $0) } + [""]
        }
        return lines.joined(separator: "\n")
    }

    private static func resolution(_ results: BenchResults, _ period: Double) -> String {
        "Resolution: a VIPWatcher thread reads both nodes' addresses over netlink every \(Int(results.sampleIntervalMS)) ms "
            + "(mean period achieved \(String(format: "%.1f", period)) ms), so each instant is late by at most about one period. "
            + "Faults land at a random point of the keepalive cycle. Heartbeat's figures polled `ip` every 50 ms (±60 ms); "
            + "keepalived's are kernel address-event timestamps."
    }

    private static func idleTables(_ idle: IdleFootprint) -> [String] {
        let role = ["alpha": "alpha (holder)", "bravo": "bravo (standby)"]
        var lines = [
            "### idle footprint, \(idle.profile.label), \(Int(idle.seconds.rounded())) s window: PSS per node (/proc/PID/smaps_rollup)", "",
            "| node | PSS kB (kernel) | PSS kB, the pair alone | RSS kB | threads | processes in namespace | target | Heartbeat 3.0.6 | keepalived 2.2.7 | verdict |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        let heartbeatPSS = ReferenceFigures.heartbeatIdlePSSKB
        for node in idle.nodes {
            let aim = ReferenceFigures.keepalivedIdlePSSKB[node.node] ?? 0
            // Judged on the pair-alone figure when there is one: it does not flatter the daemon
            // with pages the benchmark (or a compiler) happens to share.
            func verdict(_ kB: Int) -> String { kB < heartbeatPSS ? (kB <= aim ? "met, aim met" : "met, aim not met") : "not met" }
            let judged = verdict(node.pairPSSKB ?? node.pssKB)
            let kernel = verdict(node.pssKB)
            let cells = [
                role[node.node] ?? node.node, "\(node.pssKB)", node.pairPSSKB.map(String.init) ?? "?", "\(node.rssKB)", "\(node.threads)",
                "\(node.processes)",
                "< \(heartbeatPSS) (aim ≤ \(aim))", "≈ 11700 (6 processes, §3a)", "\(aim) (parent + VRRP child, §4)",
                judged == kernel ? judged : "\(judged) (on the kernel PSS: \(kernel))",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += [
            "",
            "The kernel's PSS divides a shared page among every process that maps it, habench and any other Swift program "
                + "on the host included, so it moves with whatever else runs. \"The pair alone\" counts only the two daemons as "
                + "sharers: it depends on them alone, is never below the kernel's, and is the figure judged.",
        ]
        lines += [
            "", "### idle footprint, \(idle.profile.label): CPU per node (utime + stime ticks of /proc/PID/stat over the window)", "",
            "| node | CPU % of one core (ticks) | CPU ms per minute (CPU-time clock) | target | Heartbeat 3.0.6 | keepalived 2.2.7 | verdict |",
            "|---|---|---|---|---|---|---|",
        ]
        let heartbeatCPU = ReferenceFigures.heartbeatIdleCPUPercent
        for node in idle.nodes {
            let keepalived = ReferenceFigures.keepalivedIdleCPU[node.node] ?? "—"
            let cells = [
                role[node.node] ?? node.node, String(format: "%.3f (%d ticks)", node.cpuPercent, node.cpuTicks),
                String(format: "%.1f", node.cpuMSPerMinute), "< \(heartbeatCPU) %",
                "0.07–0.08 % (4–5 ticks / 60 s, §3a)", keepalived, node.cpuPercent < heartbeatCPU ? "met" : "not met",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "Address changes during the idle window: \(idle.transitions) (a healthy pair has none).", ""]
        return lines
    }
}
