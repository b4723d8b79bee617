import Glibc
import HATestSupport

/// Start to first frame, and memory once the frame is up, of the console on an ha-log of a
/// given size with no daemon listening (the header then says so at once).
///
/// Each run respawns the pane of a ready tmux session with `exec haconsole --log LOG --socket
/// NOTHING`, starts the stopwatch just before, and captures the pane until its first row is the
/// header and the log panel shows the file's last line (so the tail was read from the end). One
/// second later it reads VmRSS and VmHWM from /proc/PID/status and Pss from smaps_rollup.
struct ConsoleStartupBench {
    /// One run's figures.
    struct Run: Codable, Sendable {
        var firstFrameMS: Double
        var rssKB: Int
        var peakRSSKB: Int
        var pssKB: Int
        var pollIntervalMS: Double
    }

    let console: String
    let directory: String
    let pollMS: Double

    /// The pane command for one run; `log` is the file to tail.
    func command(log: String) -> String {
        "TERM=xterm-256color exec \(console) --log \(log) --socket \(directory)/no-daemon.sock"
    }

    /// A run of the console on `log`, or why it failed.
    func run(log: String) throws -> Run {
        let tmux = try BenchTmux(width: 80, height: 24)
        var pid: pid_t?
        defer {
            tmux.quit(pid)
            tmux.close(killing: pid)
        }
        let start = BenchClock.nowMS()
        try tmux.respawn(command(log: log))
        guard let seen = tmux.waitFor(timeoutMS: 10_000, pollMS: pollMS, Self.showsFirstFrame) else {
            throw ConsoleBenchError("no first frame within 10 s on \(log); the pane showed:\n\(tmux.capture())")
        }
        pid = tmux.panePID()
        guard let pid, ProcFile.text("/proc/\(pid)/comm")?.hasPrefix("haconsole") == true else {
            throw ConsoleBenchError("the pane's process is not haconsole (pid \(pid.map(String.init) ?? "?"))")
        }
        usleep(1_000_000)
        let status = ProcFile.text("/proc/\(pid)/status") ?? ""
        return Run(
            firstFrameMS: seen.atMS - start, rssKB: ProcFile.field("VmRSS:", in: status) ?? 0, peakRSSKB: ProcFile.field("VmHWM:", in: status) ?? 0,
            pssKB: ProcessFootprint.read(pid)?.pssKB ?? 0, pollIntervalMS: seen.meanIntervalMS)
    }

    /// The same stopwatch on a pane that only prints the header's words: tmux's and the shell's
    /// share of every first-frame figure.
    func floor() throws -> Double {
        let tmux = try BenchTmux(width: 80, height: 24)
        defer { tmux.close() }
        let start = BenchClock.nowMS()
        try tmux.respawn("printf ' haconsole floor %s\\n' \(SyntheticLog.endMarker); exec sleep 60")
        guard let seen = tmux.waitFor(timeoutMS: 10_000, pollMS: pollMS, Self.showsFirstFrame) else {
            throw ConsoleBenchError("the floor command never showed")
        }
        return seen.atMS - start
    }

    /// The header on the first row and the log's last line somewhere below.
    static func showsFirstFrame(_ screen: String) -> Bool {
        screen.hasPrefix(" haconsole") && screen.contains(SyntheticLog.endMarker)
    }
}

/// Why a console figure could not be measured.
struct ConsoleBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
