import Foundation
import Glibc

/// Everything one benchmark run measured, with the machine it ran on: what `habench` prints as
/// Markdown and writes as JSON under `bench/results/`.
struct BenchResults: Sendable, Codable, BenchResultsDocument {
    static let filePrefix = "habench"

    /// One measure under one profile: its samples' summary against its target and the references.
    struct Row: Sendable, Codable {
        var measure: Measure
        var title: String
        var profile: String
        /// Repetitions that produced this figure, and how many were attempted.
        var runs: Int
        var attempts: Int
        var summary: Summary?
        var target: String?
        var heartbeat: String
        var keepalived: String
        var verdict: String
    }

    var date: String
    var kernel: String
    var nproc: Int
    /// /proc/loadavg's first three fields when the run began and when it ended.
    var loadAverageAtStart: String
    var loadAverage: String
    var daemon: String
    var repetitions: Int
    /// The watcher's requested sampling interval and the mean period it achieved.
    var sampleIntervalMS: Double
    var meanSamplePeriodMS: Double?
    var rows: [Row]
    var idle: IdleFootprint?
    var failures: [String]

    /// `uname -r`.
    static var kernelRelease: String {
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        return withUnsafeBytes(of: names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The first three fields of /proc/loadavg.
    static var loadAverage: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
