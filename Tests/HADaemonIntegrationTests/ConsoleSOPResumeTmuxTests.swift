import Foundation
import Glibc
import HAFixtures
import HAHost
import HAProtocol
import HATestSupport
import Testing

@testable import HAConsole

/// The real haconsole on a real pair, SIGKILLed in the middle of the failover SOP: a new console
/// finds the unfinished run in the audit trail, offers it, re-checks the last verified step on
/// the live cluster and goes on at the next step under the same run id.
@Suite(.serialized)
struct ConsoleSOPResumeTmuxTests {
    /// A console in its own tmux server (the failover SOP tests' terminal).
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    static func records(_ audit: String) -> [SOPAuditRecord] {
        SOPAuditRecord.records(in: (try? String(contentsOfFile: audit, encoding: .utf8)) ?? "").records
    }

    @Test("a console SIGKILLed at stop-primary: the next console offers the run, re-verifies healthy and stops alpha under the same run id")
    func killAndResume() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let alpha = try cluster.node("alpha")
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-resume-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl")
            .path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let command =
            "exec env TERM=xterm-256color \(try ConsoleSOPTmuxTests.console()) --socket \(alpha.socketPath) --log \(alpha.logFile) "
            + "--sop-dir \(try Fixtures.shippedSOPDirectory().path) --audit \(audit)"

        let first = try Tmux(command: command)
        defer { first.close() }
        try await first.waitFor("alpha", timeout: .seconds(10))
        try first.keys("p")
        try await first.waitFor("Run a procedure")
        try first.keys("Down", "Enter")  // failover.sop
        try await first.waitFor("failover step 1/6")
        try first.keys("Enter")
        try await first.waitFor("PASSED")
        try first.keys("Enter")
        try await first.waitFor("Stop the daemon on the primary — on alpha (primary)")
        let console = try first.panePID()
        #expect(kill(console, SIGKILL) == 0)
        let before = Self.records(audit)
        let runID = try #require(before.first { $0.event == .runStarted }?.run)
        #expect(before.map(\.event) == [.runStarted, .stepShown, .verificationPassed, .stepShown])
        #expect(before.first?.pid == console)

        let second = try Tmux(command: command)
        defer { second.close() }
        try await second.waitFor("did not finish", timeout: .seconds(15))
        let offer = second.screen()
        #expect(offer.contains("Run \(runID) did not finish"), "\(offer)")
        #expect(offer.contains("step 1/6 healthy") && offer.contains("Esc leaves it unfinished"), "\(offer)")
        try second.keys("Enter")
        try await second.waitFor("PASSED", timeout: .seconds(15))
        try second.keys("Enter")
        try await second.waitFor("Stop the daemon on the primary — on alpha (primary)")
        try second.keys("Enter")
        // The resumed run checks go/no-go afresh (the cluster may have changed while no console
        // ran): this pair has no STONITH device, so it says NO-GO until overridden.
        try await second.waitFor("NO-GO before")
        try second.type("override")
        try second.keys("Enter")
        try await second.waitFor("Stop the daemon on alpha? It gives up")
        try second.keys("c")
        try second.type("alpha")
        try second.keys("Enter")
        try await cluster.waitUntil("bravo takes the address over", timeout: .seconds(10)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        let after = Self.records(audit)
        #expect(after.allSatisfy { $0.run == runID }, "one run id across both consoles")
        let resumed = try #require(after.first { $0.event == .runResumed }, "\(after)")
        #expect(resumed.pid != console && resumed.step == "stop-primary")
        #expect(after.contains { $0.event == .verificationPassed && $0.detail?.hasPrefix("re-verified after resume") == true })
        #expect(after.contains { $0.event == .confirmationGiven && $0.step == "stop-primary" && $0.node == "alpha" })
        #expect(after.contains { $0.event == .goNoGoOverride && $0.step == "stop-primary" }, "the resumed run's override is recorded")
    }
}
