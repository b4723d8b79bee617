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

    /// What an implementation was not run for, and why (a profile its timers cannot express, a
    /// scenario it has no equivalent of): printed instead of a figure.
    struct NotRun: Sendable, Codable, Hashable {
        var implementation: Implementation
        /// The profile's name, or nil for every profile.
        var profile: String?
        /// The scenario, or nil for every scenario.
        var scenario: Scenario?
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
    /// Absent in runs from before Pacemaker was compared.
    var notRun: [NotRun]? = nil

    /// The reason `implementation` was not run for `figure` under `profile`, if it was not.
    func notRunReason(_ implementation: Implementation, profile: String, figure: CompareFigure) -> String? {
        notRun?.first {
            $0.implementation == implementation && ($0.profile == nil || $0.profile == profile)
                && ($0.scenario == nil || $0.scenario == figure.scenario)
        }?.reason
    }
}
