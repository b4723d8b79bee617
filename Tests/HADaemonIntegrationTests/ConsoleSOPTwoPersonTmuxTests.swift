import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

@testable import HAConsole

/// A two-person step on a real pair: alice's console shows a token; alice cannot approve her own
/// step from a second shell, bob can; the step goes on and its records carry both names.
@Suite(.serialized)
struct ConsoleSOPTwoPersonTmuxTests {
    typealias Tmux = ConsoleSOPResumeTmuxTests.Tmux

    static let procedure = """
        procedure: discard
        title: A destructive step on a healthy pair
        summary: Look, then throw data away with a second operator's approval.

        step: check
          runs-on: any
          say: Both nodes are up.
          verify: node primary is active and node secondary is active
          timeout: 10s
          on-failure: Start the nodes.

        step: discard
          runs-on: secondary
          say: Throw away {secondary}'s data.
          two-person: yes
          command: drbdadm connect --discard-my-data r0
          verify: node secondary is active
          timeout: 10s
          on-failure: Read the kernel log.
        """

    /// `haconsole sop approve TOKEN` as `user`, from another shell.
    static func approve(_ token: String, as user: String, audit: String) throws -> CommandOutput {
        try HostCommand.run(["env", "-u", "SUDO_USER", "USER=\(user)", try ConsoleSOPTmuxTests.console(), "sop", "approve", token, "--audit", audit])
    }

    @Test("alice's token: alice's own approval is refused, bob's counts, and the step's records name both")
    func secondOperator() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let alpha = try cluster.node("alpha")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("two-person-\(getpid())-\(UInt32.random(in: 0...9999))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.procedure.write(toFile: directory + "/discard.sop", atomically: true, encoding: .utf8)
        let audit = directory + "/audit.jsonl"
        let tmux = try Tmux(
            command: "exec env -u SUDO_USER USER=alice TERM=xterm-256color \(try ConsoleSOPTmuxTests.console()) --socket \(alpha.socketPath) "
                + "--log \(alpha.logFile) --sop-dir \(directory) --audit \(audit)")
        defer { tmux.close() }
        try await tmux.waitFor("alpha", timeout: .seconds(10))
        try tmux.keys("p")
        try await tmux.waitFor("Run a procedure")
        try tmux.keys("Enter")
        try await tmux.waitFor("discard step 1/2")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED")
        try tmux.keys("Enter")
        try await tmux.waitFor("Two-person step: run nothing yet")
        try tmux.keys("Enter")
        try await tmux.waitFor("Waiting for a second operator: haconsole sop approve ")
        let screen = tmux.screen()
        let token = try #require(
            screen.split(separator: "\n").first { $0.contains("Waiting for a second operator") }?
                .split(separator: " ").drop { $0 != "approve" }.dropFirst().first.map(String.init), "\(screen)")

        let own = try Self.approve(token, as: "alice", audit: audit)
        #expect(own.status == .exited(1))
        #expect(own.stderr.contains("alice asked for this approval and cannot give it"), "\(own.stderr)")
        try await Task.sleep(for: .milliseconds(300))
        #expect(tmux.screen().contains("Waiting for a second operator"), "alice's own approval must not count")

        let bob = try Self.approve(token, as: "bob", audit: audit)
        #expect(bob.status == .exited(0), "\(bob.stderr)")
        #expect(bob.stdout.contains("approved by bob"), "\(bob.stdout)")
        try await tmux.waitFor("approved by bob", timeout: .seconds(5))
        let again = try Self.approve(token, as: "carol", audit: audit)
        #expect(again.status == .exited(1) && again.stderr.contains("already used"), "\(again.stderr)")

        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(15))
        try tmux.keys("Enter")
        try await tmux.waitFor("Procedure completed")
        let records = SOPAuditRecord.records(in: try String(contentsOfFile: audit, encoding: .utf8)).records
        let events = records.filter { $0.step == "discard" }.map(\.event)
        #expect(events == [.stepShown, .approvalRequested, .approvalRefused, .approvalGiven, .approvalRefused, .verificationPassed], "\(events)")
        let passed = try #require(records.last { $0.event == .verificationPassed && $0.step == "discard" })
        #expect(passed.user == "alice" && passed.approver == "bob")
    }
}
