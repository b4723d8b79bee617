import ArgumentParser
import Foundation
import Glibc
import HAHost
import HATestSupport

/// `habench console`: the console issue's figures for a release `haconsole`: start to first
/// frame and memory with a 1 GiB ha-log, state change to screen, and frame time for 64 nodes and
/// 256 groups, printed as a Markdown table against the targets and written as JSON.
struct ConsoleBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Time the console: first frame and memory on a 1 GiB ha-log, change to screen, frame time (no root needed).",
        discussion: """
            Needs tmux. Writes a 1 GiB ha-log in a temporary directory (deleted afterwards), runs the \
            console in detached tmux sessions and reads them with capture-pane, runs `haconsole demo` \
            (two hadaemon nodes on 127.0.0.2 and 127.0.0.3) for the change figure, and \
            `haconsole bench-render` for the frame time. See bench/README.md.
            """
    )

    @Option(help: "Runs per figure (first frame per log size, frame time).") var repetitions = 5
    @Option(help: "Group moves for the change-to-screen figure.") var moves = 8
    @Option(help: "The haconsole to measure. Default: the one beside habench (the release build).") var console: String?
    @Option(name: .customLong("poll-ms"), help: "Sleep between pane captures, in ms.") var pollMS = 2.0
    @Option(name: .customLong("big-log-mib"), help: "Size of the big ha-log, in MiB.") var bigLogMiB = 1024
    @Option(help: "Frames per bench-render run.") var frames = 1000
    @Option(help: "UDP port for the demo's heartbeats (loopback only).") var port = 36000 + Int(getpid() % 1000)
    @OptionGroup var results: ResultsDirectoryOption

    func validate() throws {
        guard (1...100).contains(repetitions), (1...100).contains(moves) else { throw ValidationError("--repetitions and --moves: 1 to 100") }
        guard (0...1000).contains(pollMS), (1...4096).contains(bigLogMiB) else { throw ValidationError("--poll-ms 0-1000, --big-log-mib 1-4096") }
        guard (1...100_000).contains(frames), (1024...65535).contains(port) else { throw ValidationError("--frames 1-100000, --port 1024-65535") }
    }

    func run() throws {
        let consolePath = console ?? DefaultPaths.executableDirectory() + "/haconsole"
        guard access(consolePath, X_OK) == 0 else { throw ValidationError("\(consolePath) not found: build it (bench/run console does)") }
        let startLoad = BenchResults.loadAverage
        var template = Array("/tmp/habench-console-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ConsoleBenchError("cannot create a temporary directory") }
        let directory = String(cString: made)
        defer { _ = try? FileManager.default.removeItem(atPath: directory) }
        var figures: [ConsoleBenchResults.Figure] = []
        // Figures here are built from whole runs, not filed by key: only the failures and periods count.
        var book = SampleBook<String>()
        let startup = ConsoleStartupBench(console: consolePath, directory: directory, pollMS: pollMS)
        figures.append(
            .init(
                "harness floor: respawn a pane that prints the header's words", unit: "ms", samples: book.collect(repetitions) { try startup.floor() }
            ))
        for (label, bytes) in [("1 KiB", 1 << 10), ("1 MiB", 1 << 20), (bigLogMiB == 1024 ? "1 GiB" : "\(bigLogMiB) MiB", bigLogMiB << 20)] {
            let log = directory + "/ha-log-\(bytes)"
            progress("writing a \(label) ha-log …")
            try SyntheticLog.write(log, bytes: bytes)
            progress("first frame on the \(label) ha-log, \(repetitions) runs …")
            let runs = book.collect(repetitions) { try startup.run(log: log) }
            unlink(log)
            book.note(periods: runs.map(\.pollIntervalMS))
            figures.append(.init("start → first frame, \(label) ha-log", unit: "ms", samples: runs.map(\.firstFrameMS), limit: 150))
            figures.append(
                .init(
                    "RSS 1 s after the first frame, \(label) ha-log", unit: "MB", samples: runs.map { Double($0.rssKB) / 1024 }, limit: 30,
                    statistic: "max"))
            figures.append(
                .init("peak RSS (VmHWM), \(label) ha-log", unit: "MB", samples: runs.map { Double($0.peakRSSKB) / 1024 }, limit: 30, statistic: "max")
            )
            figures.append(.init("PSS, \(label) ha-log", unit: "MB", samples: runs.map { Double($0.pssKB) / 1024 }))
        }
        progress("change to screen on the demo, \(moves) moves …")
        do {
            let moved = try ConsoleChangeBench(console: consolePath, port: port, pollMS: pollMS).run(moves: moves, log: progress)
            book.note(periods: moved.map(\.pollIntervalMS))
            figures.append(
                .init("state change → screen (demo, standby)", unit: "ms", samples: moved.map(\.changeToScreenMS), limit: 100, statistic: "max"))
            figures.append(.init("standby request → screen (adds the daemons' hand-over)", unit: "ms", samples: moved.map(\.requestToScreenMS)))
        } catch {
            book.fail("change to screen: \(error)")
        }
        progress("frame time, \(repetitions) x \(frames) frames …")
        let renders = book.collect(repetitions) { try FrameTimeBench(console: consolePath, frames: frames).run() }
        for size in ["80x24", "200x60"] {
            figures.append(.init("frame, 64 nodes, 256 groups, full log, \(size)", unit: "ms", samples: renders.compactMap { $0[size] }, limit: 5))
        }
        let measured = ConsoleBenchResults(
            date: ISO8601DateFormatter().string(from: Date()), kernel: BenchResults.kernelRelease, nproc: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
            loadAverageAtStart: startLoad, loadAverage: BenchResults.loadAverage, console: consolePath, repetitions: repetitions,
            pollPeriodMS: book.meanPeriod ?? 0, figures: figures, failures: book.failures)
        print(measured.markdown)
        progress("results written to \(try measured.write(to: results.resultsDir))")
        if !book.failures.isEmpty { throw ExitCode(1) }
    }

    private func progress(_ line: String) { printProgress("habench console: \(line)") }
}
