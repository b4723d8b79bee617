/// min / median / max of a figure's samples: the one place a benchmark sums up repetitions
/// (timings in milliseconds, the console's figures in their own unit).
struct Summary: Sendable, Codable {
    var samplesMS: [Double]
    var min: Double
    var median: Double
    var max: Double

    /// nil for no samples.
    init?(_ samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        samplesMS = samples
        min = sorted[0]
        max = sorted[sorted.count - 1]
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `612 / 633 / 701`, whole milliseconds.
    var text: String {
        [min, median, max].map { String(Int($0.rounded())) }.joined(separator: " / ")
    }
}
