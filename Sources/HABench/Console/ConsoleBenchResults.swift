import Foundation

/// What `habench console` measured, with the machine it ran on: printed as a Markdown table and
/// written as `bench/results/habench-console-YYYYMMDD-HHMMSS.json`.
struct ConsoleBenchResults: Codable, Sendable, BenchResultsDocument {
    static let filePrefix = "habench-console"

    /// One figure: its samples (in `unit`), against a target when the console issue sets one.
    struct Figure: Codable, Sendable {
        var title: String
        var unit: String
        var samples: [Double]
        var min: Double?
        var median: Double?
        var max: Double?
        /// `< 150 ms`; nil for figures given for context.
        var target: String?
        /// Which statistic the verdict reads, and the limit it must stay under.
        var verdictStatistic: String?
        var limit: Double?
        var verdict: String

        init(_ title: String, unit: String, samples: [Double], limit: Double? = nil, statistic: String = "median") {
            self.title = title
            self.unit = unit
            self.samples = samples
            let summary = Summary(samples)
            (min, median, max) = (summary?.min, summary?.median, summary?.max)
            self.limit = limit
            verdictStatistic = limit == nil ? nil : statistic
            target = limit.map { "\(statistic) < \(Self.number($0)) \(unit)" }
            let value = statistic == "max" ? max : median
            switch (limit, value) {
            case (nil, _): verdict = "—"
            case (_, nil): verdict = "not measured"
            case (let limit?, let value?): verdict = value < limit ? "met" : "NOT met"
            }
        }

        /// `12.3 / 14.0 / 19.8`.
        var spread: String {
            guard let min, let median, let max else { return "—" }
            return [min, median, max].map(Self.number).joined(separator: " / ")
        }

        static func number(_ value: Double) -> String {
            value >= 100 ? String(Int(value.rounded())) : String(format: value >= 10 ? "%.1f" : "%.2f", value)
        }
    }

    var date: String
    var kernel: String
    var nproc: Int
    var loadAverageAtStart: String
    var loadAverage: String
    var console: String
    var repetitions: Int
    /// The pane captures' mean period over every timed wait: each screen instant is late by up to about this.
    var pollPeriodMS: Double
    var figures: [Figure]
    var failures: [String]

    /// The Markdown report: the machine and method, then one row per figure.
    var markdown: String {
        var lines = [
            "## habench console, \(date)",
            "",
            "Machine: nproc \(nproc), kernel \(kernel), load average \(loadAverageAtStart) at the start and \(loadAverage) at the end. "
                + "Console: `\(console)`. \(repetitions) run(s) per figure. Screen instants come from `tmux capture-pane` "
                + "every \(Figure.number(pollPeriodMS)) ms on average (a capture spawns a tmux client), so each is late by up to about that.",
            "",
            "| figure | min / median / max | target | verdict |",
            "|---|---|---|---|",
        ]
        for figure in figures {
            lines.append("| \(figure.title) | \(figure.spread) \(figure.unit) | \(figure.target ?? "—") | \(figure.verdict) |")
        }
        if !failures.isEmpty { lines += ["", "Failed runs:", ""] + failures.map { "- " + ($0.split(separator: "\n").first.map(String.init) ?? $0) } }
        return lines.joined(separator: "\n")
    }
}
