import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The real haconsole in a real terminal (tmux) while one of its sources hangs: a `drbdsetup`
/// stuck in the kernel, a bridge that never answers, a bridge that closed its end but lingers.
/// The console must go on answering keys: opening or closing the help shows on screen within
/// 100 ms, measured from before `tmux send-keys` starts until `capture-pane` shows the change, so
/// the two tmux round trips (a few ms each) count against the console.
@Suite(.serialized)
struct ConsoleResponsivenessTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    /// The most a key may take to reach the screen: one frame (the loop's 100 ms wait).
    static let limit = Duration.milliseconds(100)

    /// A scratch directory, an empty ha-log and a script that records its PID (for the cleanup)
    /// before it does `body`.
    final class Scratch {
        let directory: String

        init() throws {
            directory =
                FileManager.default.temporaryDirectory.appendingPathComponent("haconsole-hang-\(getpid())-\(UInt32.random(in: 0...99999))")
                .path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try "".write(toFile: log, atomically: true, encoding: .utf8)
            try "".write(toFile: pids, atomically: true, encoding: .utf8)
        }

        var log: String { directory + "/ha-log" }
        var pids: String { directory + "/pids" }
        var missingSocket: String { directory + "/no-daemon.sock" }

        func script(_ name: String, _ body: String) throws -> String {
            let path = directory + "/" + name
            try "#!/bin/sh\necho $$ >> \(pids)\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o755)
            return path
        }

        /// Kills every script that is still running (by the PIDs they wrote), then removes the files.
        func close() {
            let text = (try? String(contentsOfFile: pids, encoding: .utf8)) ?? ""
            for pid in text.split(separator: "\n").compactMap({ pid_t($0) }) where pid > 1 { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// The slowest of `toggles` help toggles from key to screen, spread over a few seconds so
    /// that some land while a hung read is under way.
    static func slowestKeyToScreen(_ tmux: Tmux, toggles: Int = 12) async throws -> Duration {
        var slowest = Duration.zero
        for index in 0..<toggles {
            let opening = index % 2 == 0
            let start = SystemClock.now()
            try tmux.keys("?")
            while tmux.screen().contains(" Help ") != opening {
                guard SystemClock.now() - start < .seconds(10) else {
                    throw HarnessError.timedOut(waitingFor: "the help to \(opening ? "open" : "close")", after: .seconds(10), cluster: tmux.screen())
                }
            }
            slowest = max(slowest, SystemClock.now() - start)
            try await Task.sleep(for: .milliseconds(130 + (index * 67) % 250))
        }
        print("ConsoleResponsivenessTmuxTests: slowest of \(toggles) keys to the screen: \(slowest)")
        return slowest
    }

    @Test("a drbdsetup that hangs for a minute leaves the console answering keys within one frame")
    func hungDRBDSetup() async throws {
        let scratch = try Scratch()
        defer { scratch.close() }
        let drbdsetup = try scratch.script("drbdsetup", "exec sleep 60")
        let console = try ConsoleSOPTmuxTests.console()
        let tmux = try Tmux(
            command: "TERM=xterm-256color \(console) --socket \(scratch.missingSocket) --log \(scratch.log) --drbdsetup \(drbdsetup)",
            width: 110, height: 36)
        defer { tmux.close() }
        try await tmux.waitFor("status failed", timeout: .seconds(15))  // one read has hung and was given up
        let slowest = try await Self.slowestKeyToScreen(tmux)
        #expect(slowest < Self.limit, "a key took \(slowest) to reach the screen")
    }

    @Test(
        "a bridge that hangs leaves the console answering keys within one frame",
        arguments: [
            // Never answers: the socket stays open and silent.
            "exec sleep 60",
            // Closes its end at once but lingers before it exits, as a stuck ssh would.
            "echo 'slow bridge: stuck' >&2; exec sleep 60 <&- >&-",
        ])
    func slowBridge(body: String) async throws {
        let scratch = try Scratch()
        defer { scratch.close() }
        let bridge = try scratch.script("slow-bridge", body)
        let drbd = try scratch.script("proc-drbd", "")  // an empty /proc/drbd: read at once
        let console = try ConsoleSOPTmuxTests.console()
        let tmux = try Tmux(
            command:
                "TERM=xterm-256color \(console) --socket \(scratch.missingSocket) --log \(scratch.log) --proc-drbd \(drbd) --daemon-via \(bridge)",
            width: 110, height: 36)
        defer { tmux.close() }
        try await tmux.waitFor("daemon DOWN", timeout: .seconds(15))
        try await Task.sleep(for: .seconds(2))  // the bridge has been started (and ended) by now
        let slowest = try await Self.slowestKeyToScreen(tmux)
        #expect(slowest < Self.limit, "a key took \(slowest) to reach the screen")
    }
}
