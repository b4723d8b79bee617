/// What one `habench footprint` run measured, with the machine it ran on: printed as Markdown by
/// `FootprintReport` and written as JSON under `bench/results/`.
struct FootprintResults: Sendable, Codable, BenchResultsDocument {
    static let filePrefix = "habench-footprint"

    /// One implementation's runs summed up: a row of the table.
    struct Row: Sendable, Codable {
        var variant: FootprintVariant
        var title: String
        /// The namespace's process counts seen at the reads, each once (`[1]` for the daemon alone).
        var processes: [Int]
        var pssKB: Summary
        var rssKB: Summary
        var pssAnonKB: Summary
        var pssFileKB: Summary
        var privateDirtyKB: Summary
        /// Median PSS ÷ keepalived's median PSS; nil for keepalived itself.
        var ratioToKeepalived: Double?
        /// Against the target "below keepalived's": `below`, `above by N kB`, `the target`.
        var verdict: String
    }

    var date: String
    var kernel: String
    var nproc: Int
    var loadAverageAtStart: String
    var loadAverage: String
    var binary: MeasuredBinary
    var keepalivedVersion: String
    var profile: TimerProfile
    /// `--seconds`: idling from ready to the read.
    var seconds: Int
    /// The window whose touched pages `Referenced:` counts.
    var touchedSeconds: Int
    var repetitions: Int
    var samples: [FootprintSample]
    var rows: [Row]

    /// The rows of `samples`, in `FootprintVariant` order.
    static func rows(_ samples: [FootprintSample]) -> [Row] {
        let keepalived = Summary(samples.filter { $0.variant == .keepalived }.map { Double($0.memory.pssKB) })
        return FootprintVariant.allCases.compactMap { variant in
            let runs = samples.filter { $0.variant == variant }
            func summary(_ figure: (MemoryFigures) -> Int) -> Summary? { Summary(runs.map { Double(figure($0.memory)) }) }
            guard let pss = summary(\.pssKB), let rss = summary(\.rssKB), let anon = summary(\.pssAnonKB), let file = summary(\.pssFileKB),
                let dirty = summary(\.privateDirtyKB)
            else { return nil }
            var ratio: Double?
            var verdict = "the target"
            if variant != .keepalived {
                if let keepalived, keepalived.median > 0 {
                    ratio = pss.median / keepalived.median
                    let difference = Int((pss.median - keepalived.median).rounded())
                    verdict = difference < 0 ? "below keepalived's by \(-difference) kB" : "NOT below: above keepalived's by \(difference) kB"
                } else {
                    verdict = "no keepalived figure"
                }
            }
            return Row(
                variant: variant, title: variant.title, processes: Array(Set(runs.map(\.namespaceProcesses))).sorted(), pssKB: pss, rssKB: rss,
                pssAnonKB: anon, pssFileKB: file, privateDirtyKB: dirty, ratioToKeepalived: ratio, verdict: verdict)
        }
    }
}
