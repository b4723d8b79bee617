import Foundation
import Glibc
import HATestSupport
import Testing

/// The problems-only view, a detail view and a node filter in the real haconsole on its demo
/// pair (two hadaemon processes on loopback), read off a real terminal (tmux) at 80x24.
@Suite(.serialized)
struct ConsoleBrowseTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    @Test("on the healthy demo pair: ! lists no problems and says so, Enter on bravo shows its links, o bravo hides alpha")
    func problemsDetailAndFilter() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let console = try ConsoleSOPTmuxTests.console()
        let tmux = try Tmux(
            command: "TERM=xterm-256color \(console) demo --audit \(audit) --port \(35000 + Int(getpid() % 5000))", width: 80, height: 24)
        defer { tmux.close() }
        try await tmux.waitFor("pref alpha  on alpha  running", timeout: .seconds(240))
        try await tmux.waitFor("r0  bravo")
        try await tmux.waitFor("links 1/1")  // the demo pair talks over lo

        try tmux.keys("!")
        try await tmux.waitFor("No problems: 2 nodes, 1 group, 1 DRBD resource all healthy")
        var screen = tmux.screen()
        #expect(screen.split(separator: "\n").first?.contains("PROBLEMS ONLY") == true, "\(screen)")
        #expect(!screen.contains("Resource groups"), "only problems are listed: \(screen)")
        try tmux.keys("!")
        try await tmux.waitFor("Resource groups")

        try tmux.keys("Tab", "Tab")  // log -> alerts -> nodes
        try await tmux.waitFor("Enter detail")
        try tmux.keys("Down", "Enter")
        try await tmux.waitFor("Node bravo  Esc back")
        screen = tmux.screen()
        #expect(screen.contains("links       lo up, last heard"), "\(screen)")
        #expect(screen.contains("DRBD        via heartbeat"), "\(screen)")
        #expect(screen.contains("Alerts"), "\(screen)")
        try tmux.keys("Escape")
        try await tmux.waitFor("Resource groups")

        try tmux.keys("o")
        try await tmux.waitFor("node or group:")
        try tmux.type("bravo")
        try tmux.keys("Enter")
        try await tmux.waitFor("filter: node=bravo")
        screen = tmux.screen()
        let body = screen.split(separator: "\n").dropFirst().prefix(4).joined(separator: "\n")
        #expect(body.contains("bravo") && !body.contains(" alpha "), "the filter hides alpha: \(screen)")
        try tmux.keys("Escape")
        try await tmux.waitForAbsence(of: "filter: node=bravo")
    }
}
