import Glibc
import HAHost
import HATestSupport

/// A detached tmux session whose one pane runs the console, read with `capture-pane`.
///
/// The session starts on a placeholder (`sleep`), so the tmux server is up before anything is
/// timed; ``respawn(_:)`` then replaces the pane's process with the command under test, which is
/// what a stopwatch starts on.
final class BenchTmux {
    /// One poll of the pane until a condition held.
    struct Sighting {
        /// Monotonic ms when the capture that first showed it returned (an upper bound).
        var atMS: Double
        var captures: Int
        /// Mean ms between the starts of consecutive captures: the polling resolution.
        var meanIntervalMS: Double
        var screen: String
    }

    let name = "habench-console-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    init(width: Int, height: Int) throws {
        try HostCommand.check(["tmux", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "exec sleep 3600"])
    }

    /// Kills the pane's process and runs `command` (through `sh -c`) in its place.
    func respawn(_ command: String) throws {
        try HostCommand.check(["tmux", "respawn-pane", "-k", "-t", name, command])
    }

    func capture() -> String {
        (try? HostCommand.run(["tmux", "capture-pane", "-p", "-t", name]).stdout) ?? ""
    }

    /// The pid of the pane's process (the console, when the command `exec`s it).
    func panePID() -> pid_t? {
        guard let text = try? HostCommand.run(["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"]).stdout else { return nil }
        return pid_t(text.trimmingWhitespace)
    }

    /// Captures the pane every `pollMS` (plus the capture's own cost) until `condition` holds;
    /// nil after `timeoutMS`.
    func waitFor(timeoutMS: Double, pollMS: Double, _ condition: (String) -> Bool) -> Sighting? {
        let start = BenchClock.nowMS()
        var captures = 0
        while BenchClock.nowMS() - start < timeoutMS {
            let screen = capture()
            captures += 1
            let now = BenchClock.nowMS()
            if condition(screen) {
                return Sighting(atMS: now, captures: captures, meanIntervalMS: (now - start) / Double(captures), screen: screen)
            }
            usleep(useconds_t(pollMS * 1000))
        }
        return nil
    }

    /// Presses `q`, as an operator would, and waits up to `timeoutMS` for `pid` to exit (the
    /// demo stops its daemons and removes its files on the way out). Ending the session instead
    /// hangs up the terminal, which the console does not yet survive cleanly.
    func quit(_ pid: pid_t?, timeoutMS: Double = 10_000) {
        guard let pid else { return }
        _ = try? HostCommand.run(["tmux", "send-keys", "-t", name, "q"])
        let deadline = BenchClock.nowMS() + timeoutMS
        while Glibc.kill(pid, 0) == 0, BenchClock.nowMS() < deadline { usleep(20_000) }
    }

    /// Ends the session (its processes get SIGHUP); `pid` (by default the pane's process) is
    /// SIGKILLed when it is still alive 3 s later.
    func close(killing pid: pid_t? = nil) {
        let pid = pid ?? panePID()
        _ = try? HostCommand.run(["tmux", "kill-session", "-t", name])
        guard let pid else { return }
        let deadline = BenchClock.nowMS() + 3000
        while Glibc.kill(pid, 0) == 0, BenchClock.nowMS() < deadline { usleep(10_000) }
        if Glibc.kill(pid, 0) == 0 { Glibc.kill(pid, SIGKILL) }
    }
}

/// ``SystemClock``'s monotonic reading in fractional milliseconds, for the console figures
/// (sub-millisecond resolution matters to a frame time).
enum BenchClock {
    static func nowMS() -> Double { Double(SystemClock.now().nanoseconds) / 1_000_000 }
}

extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
