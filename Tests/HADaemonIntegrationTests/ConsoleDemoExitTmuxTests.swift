import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// What the demo leaves behind: after a run and `q`, its last words are on the terminal, whole,
/// and the audit trail they name is there to read.
@Suite(.serialized)
struct ConsoleDemoExitTmuxTests {
    @Test("after q the demo's exit message stays on screen and names the audit trail it kept")
    func exitMessageAndAuditKept() async throws {
        let console = try ConsoleSOPTmuxTests.console()
        let port = 30000 + Int(getpid() % 5000)
        // A shell after the demo: the pane stays open to read, and its marker shows where the demo's output ended.
        let tmux = try ConsoleSOPTmuxTests.Tmux(
            command: "sh -c 'TERM=xterm-256color \(console) demo --port \(port); echo DEMO-EXIT=$?; sleep 60'")
        defer { tmux.close() }
        try await tmux.waitFor("demo-service  pref alpha  on alpha  running")
        try tmux.keys("p")
        try await tmux.waitFor("Run a procedure")
        try tmux.keys("Down", "Enter")  // failover.sop
        try await tmux.waitFor("failover step 1/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED")
        try tmux.keys("a")
        try await tmux.waitFor("Abort this run?")
        try tmux.keys("y")
        try await tmux.waitFor("Esc close")
        try tmux.keys("Escape")
        // q right behind Esc would read as Alt-q: wait until the panel has closed.
        let deadline = SystemClock.now() + Duration.seconds(10)
        while tmux.screen().contains("Esc close"), SystemClock.now() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        try tmux.keys("q")
        try await tmux.waitFor("DEMO-EXIT=0")
        // Joined without line breaks: the message may wrap at the pane's width.
        let text = tmux.screen().split(separator: "\n").joined()
        let prefix = "demo stopped; the audit trail of this run is kept in "
        let start = try #require(text.range(of: prefix), "the exit message was overwritten:\n\(tmux.screen())")
        let path = String(text[start.upperBound...].prefix { $0 != " " })
        defer {
            try? FileManager.default.removeItem(atPath: path)
            rmdir((path as NSString).deletingLastPathComponent)
        }
        let records = try String(contentsOfFile: path, encoding: .utf8)
        #expect(records.contains("\"run_started\"") && records.contains("\"run_aborted\""), "\(records)")
        let directory = (path as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: directory + "/alpha"), "the nodes' files are removed")
    }
}
