import Foundation

/// What one `habench compare` run measured, with the machine it ran on: printed as Markdown by
/// `CompareReport` and written as JSON under `bench/results/`.
struct CompareResults: Sendable, Codable, BenchResultsDocument {
    static let filePrefix = "habench-compare"

    /// One implementation's samples of one figure under one profile.
    struct Cell: Sendable, Codable {
        /// Repetitions that produced the figure, and how many were attempted.
        var runs: Int
        var attempts: Int
        var summary: Summary?
    }

    /// One figure under one profile, for every implementation.
    struct Row: Sendable, Codable {
        var profile: String
        var figure: CompareFigure
        var title: String
        /// By `Implementation.rawValue`.
        var cells: [String: Cell]

        func median(_ implementation: Implementation) -> Double? { cells[implementation.rawValue]?.summary?.median }
    }

    /// A figure where hadaemon is not ahead of another implementation, and why.
    struct NotAhead: Sendable, Codable {
        var profile: String
        var figure: CompareFigure
        var implementation: Implementation
        var oursMS: Double
        var theirsMS: Double
        /// `behind` (theirs is lower) or `tie` (within the watcher's resolution).
        var verdict: String
        var reason: String
    }

    var date: String
    var kernel: String
    var nproc: Int
    var loadAverageAtStart: String
    var loadAverage: String
    var daemon: String
    /// By `Implementation.rawValue`: the package version each ran.
    var versions: [String: String]
    var implementations: [Implementation]
    var profiles: [TimerProfile]
    var scenarios: [Scenario]
    var repetitions: Int
    var quick: Bool
    var sampleIntervalMS: Double
    var meanSamplePeriodMS: Double?
    var elapsedSeconds: Double
    var rows: [Row]
    var notAhead: [NotAhead]
    var failures: [String]
}
