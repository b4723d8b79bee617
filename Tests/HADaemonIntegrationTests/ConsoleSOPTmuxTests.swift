import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The real haconsole binary in a real terminal (tmux) on a real cluster (its demo: two hadaemon
/// processes on loopback): the failover SOP end to end, and a run that stops at a failing check.
@Suite(.serialized)
struct ConsoleSOPTmuxTests {
    /// A tmux session running one command, read through capture-pane, in its own tmux server
    /// (`-L name`): another test closing the default server's last session, as tmux then exits,
    /// cannot race this one's start or take it down.
    final class Tmux {
        let name = "haconsole-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        /// `tmux -L NAME ARGUMENTS`: a command for this session's own server.
        func tmux(_ arguments: String...) -> [String] { ["tmux", "-L", name] + arguments }

        init(command: String, width: Int = 100, height: Int = 32) throws {
            let started = try HostCommand.run(tmux("new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command))
            guard started.status == .exited(0) else { throw HarnessError.missingFile("tmux", hint: started.stderr) }
        }

        func screen() -> String {
            (try? HostCommand.run(tmux("capture-pane", "-t", name, "-p")).stdout) ?? ""
        }

        func keys(_ keys: String...) throws {
            for key in keys { _ = try HostCommand.run(tmux("send-keys", "-t", name, key)) }
        }

        func type(_ text: String) throws { _ = try HostCommand.run(tmux("send-keys", "-t", name, "-l", text)) }

        /// Polls the screen (bounded) until it contains `text`.
        func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws {
            let deadline = SystemClock.now() + timeout
            while SystemClock.now() < deadline {
                if screen().contains(text) { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw HarnessError.timedOut(waitingFor: "'\(text)' on the console", after: timeout, cluster: screen())
        }

        func close() { _ = try? HostCommand.run(tmux("kill-server")) }

        /// Picks the failover SOP, passes its health check and asks to stop the primary (alpha),
        /// typing the go/no-go's override if it is red: returns with the confirmation prompt on screen.
        func openFailoverAtStop() async throws {
            try keys("p")
            try await waitFor("Run a procedure")
            try keys("Down", "Enter")  // failover.sop
            try await waitFor("failover step 1/6")
            try keys("Enter")
            try await waitFor("PASSED")
            try keys("Enter")
            try await waitFor("Stop the daemon on the primary — on alpha (primary)")
            try keys("Enter")
            // These pairs have no STONITH device: the go/no-go says NO-GO (fencing) until overridden.
            // ("GO/NO-GO: GO" is a green one, passed at once; "NO-GO before" a red one, waiting.)
            let deadline = SystemClock.now() + .seconds(10)
            while !screen().contains("GO/NO-GO: GO") && !screen().contains("NO-GO before") && SystemClock.now() < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            if screen().contains("NO-GO before") {
                try type("override")
                try keys("Enter")
            }
            // The prompt itself (the key bar always lists "c confirm").
            try await waitFor("Stop the daemon on alpha? It gives up")
        }
    }

    static func console() throws -> String {
        try NetnsCluster.builtDaemon().executable.replacingOccurrences(of: "/hadaemon", with: "/haconsole")
    }

    @Test(
        "the failover SOP runs all six steps on the demo, rejoin included: the console stops alpha, bravo takes over, the console starts alpha again and every step verifies on live state"
    )
    func failoverEndToEnd() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let tmux = try Tmux(command: "TERM=xterm-256color \(try Self.console()) demo --audit \(audit) --port \(20000 + Int(getpid() % 5000))")
        defer { tmux.close() }
        try await tmux.waitFor("demo-service  pref alpha  on alpha  running")
        try await tmux.waitFor("r0  bravo")
        try await tmux.openFailoverAtStop()
        try tmux.keys("c")
        try tmux.type("bravo")
        try tmux.keys("Enter")
        try await tmux.waitFor("shutdown is for alpha, not bravo")
        #expect(tmux.screen().contains("on alpha  running"), "a wrong name must send nothing")
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED")
        try await tmux.waitFor("on bravo  running")
        #expect(tmux.screen().contains("mach_down takeover complete."))
        for step in 3...5 {
            try tmux.keys("Enter")
            try await tmux.waitFor("failover step \(step)/6")
            try tmux.keys("Enter")
            try await tmux.waitFor("PASSED", timeout: .seconds(15))
        }
        // Rejoin: the demo started alpha, so the console starts it again once confirmed.
        try tmux.keys("Enter")
        try await tmux.waitFor("failover step 6/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("Start the daemon on alpha? It rejoins")
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(30))
        try tmux.keys("Enter")
        try await tmux.waitFor("Procedure completed")
        try tmux.keys("Escape")
        try await tmux.waitFor("S start node")
        try await Task.sleep(for: .milliseconds(100))  // S right behind Esc would read as Alt-S
        try tmux.keys("S")  // both nodes run again: the demo says so and starts nothing
        try await tmux.waitFor("both demo nodes are running: nothing to start")
        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(records.first?.contains("run_started") == true, "\(records.first ?? "")")
        #expect(records.contains { $0.contains("confirmation_refused") && $0.contains("bravo") })
        #expect(records.contains { $0.contains("confirmation_given") && $0.contains("alpha") })
        #expect(records.contains { $0.contains("action_result") && $0.contains("rejoin") && $0.contains("started alpha") }, "\(records)")
        #expect(records.filter { $0.contains("verification_passed") }.count == 6, "\(records)")
        #expect(records.last?.contains("run_finished") == true)
        #expect(records.last?.contains("\"completed\"") == true, "\(records.last ?? "")")
        #expect(records.last?.contains("6 passed, 0 skipped") == true, "\(records.last ?? "")")
        #expect(records.contains { $0.contains("verification_passed") && $0.contains("drbd-primary") && $0.contains("Primary") })
        let timeline = try HostCommand.run([try Self.console(), "sop", "timeline", "--audit", audit])
        #expect(timeline.status == .exited(0))
        #expect(timeline.stdout.contains("| ") && timeline.stdout.contains("stop-primary"), "\(timeline.stdout)")
    }

    @Test("a run stops at a failing verification and shows what was observed and what to do next")
    func failingVerificationStops() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let tmux = try Tmux(command: "TERM=xterm-256color \(try Self.console()) demo --audit \(audit) --port \(25000 + Int(getpid() % 5000))")
        defer { tmux.close() }
        try await tmux.waitFor("demo-service  pref alpha  on alpha  running")
        try tmux.keys("p")
        try await tmux.waitFor("Run a procedure")
        try tmux.keys("Down", "Down", "Enter")  // heartbeat-split-brain.sop: its first check needs two holders
        try await tmux.waitFor("Type the")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("step 1/")
        try tmux.keys("Enter")
        try await tmux.waitFor("FAILED", timeout: .seconds(70))
        let screen = tmux.screen()
        #expect(screen.contains("observed:"), "\(screen)")
        #expect(screen.contains("What to do:"), "\(screen)")
        let records = try String(contentsOfFile: audit, encoding: .utf8)
        #expect(records.contains("verification_failed"))
    }
}
