import Foundation
import Glibc
import HATestSupport
import Testing

extension ConsoleTerminalTmuxTests {
    @Test("Ctrl-C during an SOP run asks like q does and the console stays up")
    func controlCInSOPAsks() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let console = try ConsoleSOPTmuxTests.console()
        let tmux = try Tmux(command: "TERM=xterm-256color \(console) demo --audit \(audit) --port \(30000 + Int(getpid() % 5000))")
        defer { tmux.close() }
        try await tmux.waitFor("demo-service  pref alpha  on alpha  running", timeout: .seconds(30))
        try tmux.keys("p")
        try await tmux.waitFor("Run a procedure")
        try tmux.keys("Down", "Enter")  // failover.sop
        try await tmux.waitFor("failover step 1/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED")
        try tmux.keys("C-c")
        try await tmux.waitFor("An SOP run is in progress")
        try await Task.sleep(for: .milliseconds(500))
        #expect(tmux.isRunning, "Ctrl-C ended the console in the middle of a run")
        #expect(tmux.screen().contains("failover step"), "\(tmux.screen())")
    }

    @Test("Ctrl-C outside an SOP quits and leaves the terminal as it was (Ctrl-C still interrupts, echo and lines on)")
    func controlCQuits() async throws {
        let lone = try Lone()
        defer { lone.close() }
        try await lone.tmux.waitFor("daemon DOWN", timeout: .seconds(15))
        try lone.tmux.keys("C-c")
        try await lone.tmux.waitFor(timeout: .seconds(5), "the console to exit") { _ in lone.sttyAfterExit?.isEmpty == false }
        let stty = lone.sttyAfterExit ?? ""
        #expect(stty.contains("intr = ^C"), "\(stty)")
        let settings = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(settings.isSuperset(of: ["icanon", "echo", "isig"]), "\(stty)")
    }
}
