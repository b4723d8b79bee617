import Foundation
import Glibc
import HAFixtures
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The go/no-go panel in a real terminal on a real pair (the demo's two hadaemon processes, run
/// with `--no-screen`), with `haconsole sop run failover` on alpha's socket: bravo's DRBD disk
/// is made to resync (its stand-in `drbdsetup` prints SyncTarget, which bravo's daemon carries to
/// alpha in its heartbeats), and the stop of alpha must wait for the typed override.
@Suite(.serialized)
struct GoNoGoTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    /// bravo's disk, as `drbdsetup status` prints it while it resyncs from alpha.
    static let syncingPeer = """
        r0 role:Secondary
          disk:Inconsistent
          alpha role:Primary
            replication:SyncTarget peer-disk:UpToDate done:42.00

        """

    /// Whether `pid` runs: the demo reaps its daemons only when asked to start one, so an exited
    /// one stays a zombie (state Z in /proc/PID/stat) that `kill(pid, 0)` still finds.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    @Test(
        "the failover SOP on a pair whose peer DRBD disk resyncs: NO-GO names it, confirming does nothing, the typed override proceeds, and the audit has both"
    )
    func syncingPeerNeedsOverride() async throws {
        let console = try ConsoleSOPTmuxTests.console()
        let demo = try ConsoleStatusTests.DemoProcess(console: console, port: 35000 + Int(getpid() % 5000))
        defer { demo.stop() }
        let alpha = try await demo.node("alpha")
        let bravo = try await demo.node("bravo")
        let bravoStatus = bravo.drbdsetup.replacing("/drbdsetup", with: "/drbd-status")
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("gonogo-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let failover = try Fixtures.shippedSOPDirectory().appendingPathComponent("failover.sop").path
        // The operator's name comes from the environment (SOPOperatorIdentity): set it, and drop a sudo's.
        let tmux = try Tmux(
            command: "env -u SUDO_USER USER=night-oncall TERM=xterm-256color \(console) sop run \(failover) --socket \(alpha.socket) "
                + "--log \(alpha.log) --drbdsetup \(alpha.drbdsetup) --audit \(audit)")
        defer { tmux.close() }
        try await tmux.waitFor("demo-service  pref alpha  on alpha  running", timeout: .seconds(20))
        // `sop run` starts the run with the first snapshot; one taken before alpha held the group
        // cannot resolve the roles, and the panel then waits for Enter.
        if !tmux.screen().contains("failover step 1/6") { try tmux.keys("Enter") }
        try await tmux.waitFor("failover step 1/6")
        try Self.syncingPeer.write(toFile: bravoStatus, atomically: true, encoding: .utf8)
        try await tmux.waitFor("SyncTarget", timeout: .seconds(15))

        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED")
        try tmux.keys("Enter")
        try await tmux.waitFor("Stop the daemon on the primary — on alpha (primary)")
        try tmux.keys("Enter")
        try await tmux.waitFor("NO-GO")
        let panel = tmux.screen()
        let drbdLine = try #require(panel.split(separator: "\n").first { $0.contains("NO-GO") && $0.contains("bravo r0") }, "\(panel)")
        #expect(drbdLine.contains("SyncTarget"), "\(panel)")
        #expect(panel.contains("type override"), "the panel says what unlocks it:\n\(panel)")

        // The confirm key and the node's name, as for a go: nothing is sent.
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("not the override word")
        try await Task.sleep(for: .seconds(2))  // a stop would have moved the group by now (500 ms deadtime)
        #expect(tmux.screen().contains("on alpha  running"), "alpha still holds:\n\(tmux.screen())")
        #expect(Self.isRunning(alpha.pid), "alpha's daemon still runs")

        try tmux.type("override")
        try tmux.keys("Enter")
        try await tmux.waitFor("Stop the daemon on alpha? It gives up")
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        // Proceeded: the stop reached alpha's daemon, which gave up the group and exited. (This
        // console reads alpha alone, so the step's takeover check is not this test's business.)
        try await tmux.waitFor("NO-GO overridden by night-oncall")
        try await tmux.waitFor("Heartbeat shutdown complete", timeout: .seconds(15))
        let deadline = SystemClock.now() + .seconds(10)
        while Self.isRunning(alpha.pid), SystemClock.now() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!Self.isRunning(alpha.pid), "alpha's daemon stopped once the override was typed and the stop confirmed")

        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n").map(String.init)
        let verdict = try #require(records.first { $0.contains("\"go_no_go\"") }, "\(records)")
        #expect(verdict.contains("\"no-go\"") && verdict.contains("bravo r0") && verdict.contains("SyncTarget"), "\(verdict)")
        let override = try #require(records.first { $0.contains("\"go_no_go_override\"") }, "\(records)")
        #expect(override.contains("night-oncall") && override.contains("SyncTarget"), "\(override)")
        let overrideAt = try #require(records.firstIndex(of: override))
        let confirmedAt = try #require(records.firstIndex { $0.contains("confirmation_given") }, "\(records)")
        #expect(overrideAt < confirmedAt, "the override comes before the action:\n\(records.joined(separator: "\n"))")
    }
}
