import Foundation
import Glibc
import HATestSupport
import Testing

/// The console on a machine of its own (no daemon there), reaching both hadaemon nodes through
/// ssh as an on-call engineer would from a jump host: `--daemon-via 'ssh … alpha'` and
/// `--daemon-via 'ssh … bravo'`. It walks the failover SOP: the stop goes to alpha through its
/// bridge, the takeover is proven from bravo's ha-log followed through ssh, and alpha's return
/// is seen when its bridge reconnects.
@Suite(.serialized)
struct ConsoleSSHTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    @Test("the failover SOP from a jump host: both hadaemon nodes read and acted on through ssh")
    func failoverThroughSSH() async throws {
        let pair = try await SSHReachedPair()
        defer { pair.close() }
        let (cluster, runtime) = (pair.cluster, pair.runtime)
        let audit = runtime + "/audit.jsonl"
        let via = try ["alpha", "bravo"].map { "--daemon-via '\(try pair.via($0).joined(separator: " "))'" }
        let console = try ConsoleSOPTmuxTests.console()
        let tmux = try Tmux(
            command: "XDG_RUNTIME_DIR=\(runtime) TERM=xterm-256color \(console) \(via.joined(separator: " ")) --audit \(audit)", width: 110,
            height: 36)
        defer { tmux.close() }
        try await tmux.waitFor("pref alpha  on alpha  running", timeout: .seconds(20))
        #expect(tmux.screen().contains("daemon via ssh connected"), "the header says where the data comes from")

        try await tmux.openFailoverAtStop()
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(30))
        // The shutdown went to alpha's daemon through its bridge; it exits once it let go.
        try await cluster.waitUntil("alpha's daemon exited", timeout: .seconds(10)) { !cluster.isRunning("alpha") }
        #expect(try cluster.serviceAddressHolders() == ["bravo"])
        try await tmux.waitFor("on bravo  running")  // the followed node's panel catches up
        try tmux.keys("Enter")
        try await tmux.waitFor("failover step 3/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(15))
        try tmux.keys("Enter")
        try await tmux.waitFor("failover step 4/6")
        try tmux.keys("x")  // no DRBD in this cluster: the step says to skip it (x: s is the log search)
        try await tmux.waitFor("failover step 5/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(15))
        try tmux.keys("Enter")
        try await tmux.waitFor("failover step 6/6")
        try cluster.start("alpha")  // the operator's own `systemctl start hadaemon` on alpha
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(30))
        try tmux.keys("Enter")
        try await tmux.waitFor("Procedure completed")

        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(records.contains { $0.contains("confirmation_given") && $0.contains("alpha") })
        #expect(records.contains { $0.contains("verification_passed") && $0.contains("log on bravo") }, "\(records)")
        #expect(records.filter { $0.contains("verification_passed") }.count == 5, "\(records)")
        #expect(records.last?.contains("run_finished") == true)
    }
}
