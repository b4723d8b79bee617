import ArgumentParser
import Foundation
import HATestSupport

/// `--daemon PATH`: the hadaemon every benchmark that starts nodes runs (`failover`, `compare`,
/// `campaign`).
struct DaemonOption: ParsableArguments {
    @Option(help: "The hadaemon to run. Default: the one beside habench (the release build).")
    var daemon: String?

    /// What `--daemon` names, or the built `hadaemon` when it is not given. A relative path is
    /// taken from the current directory: the nodes start it from their own directories, where
    /// `.build/release/hadaemon` would name nothing.
    func command() throws -> DaemonCommand {
        guard let daemon else { return try NetnsCluster.builtDaemon() }
        let absolute = daemon.hasPrefix("/") ? daemon : FileManager.default.currentDirectoryPath + "/" + daemon
        guard FileManager.default.isExecutableFile(atPath: absolute) else { throw ValidationError("--daemon \(daemon): not an executable file") }
        return .hadaemon(at: absolute)
    }
}

/// `--sample-ms`: how often the address watcher samples, for the benchmarks that time failovers.
struct SamplingOption: ParsableArguments {
    @Option(name: .customLong("sample-ms"), help: "How often the watcher reads both nodes' addresses, in ms.")
    var sampleMS = 2

    var interval: Duration { .milliseconds(sampleMS) }

    func validate() throws {
        guard (1...1000).contains(sampleMS) else { throw ValidationError("--sample-ms must be 1 to 1000") }
    }
}

/// `--results-dir`: where a benchmark writes its JSON (``ResultsFile``).
struct ResultsDirectoryOption: ParsableArguments {
    @Option(name: .customLong("results-dir"), help: "Where the JSON results go.")
    var resultsDir = "bench/results"
}
