import Foundation
import HAFixtures
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The real haconsole at 80x24 on the survivor of a real meatware fence (issue 12): the screen
/// says the reset waits for a human, `F` opens the shipped manual-fence procedure, a wrong name
/// is refused, the fenced node's name confirms through the daemon (which runs the real
/// `meatclient`), and the takeover verifies on live state with an audit record of it all.
extension ConsoleFencingTmuxTests {
    @Test("meatware on screen: F, the fenced node's typed name, then the takeover verified and audited")
    func manualFenceOnScreen() async throws {
        let fencing = FencingTests()
        let cluster = try await fencing.meatwarePair()
        defer { cluster.shutdown() }
        let bravo = try cluster.node("bravo")
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-meat-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl")
            .path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let sop = try Fixtures.shippedSOPDirectory().path
        let tmux = try Tmux(
            command: "TERM=xterm-256color \(try ConsoleSOPTmuxTests.console()) --socket \(bravo.socketPath) --log \(bravo.logFile) "
                + "--sop-dir \(sop) --audit \(audit)",
            width: 80, height: 24)
        defer { tmux.close() }
        try await tmux.waitFor("bravo fences with meatware", timeout: .seconds(15))
        #expect(!tmux.screen().contains("F confirm fence"), "no fence waits yet")

        try cluster.kill("alpha")
        try await tmux.waitFor("resetting alpha: a human must confirm it is off", timeout: .seconds(15))
        #expect(tmux.screen().contains("F confirm fence"), "\(tmux.screen())")
        try tmux.keys("F")
        try await tmux.waitFor("Type the fenced node's name")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("manual-fence step 1/4")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED")
        try tmux.keys("Enter")
        try await tmux.waitFor("manual-fence step 2/4")
        // The operator powers alpha off (its crashed host still held the address).
        try fencing.powerOff(cluster, "alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED")
        try tmux.keys("Enter")
        try await tmux.waitFor("manual-fence step 3/4")
        try tmux.keys("Enter")
        try await tmux.waitFor("to confirm its reset")
        try tmux.keys("c")
        try tmux.type("bravo")
        try tmux.keys("Enter")
        try await tmux.waitFor("confirm-fence is for alpha, not bravo")
        #expect(try cluster.serviceAddressHolders() == [], "a wrong name sends nothing")
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(20))
        #expect(try cluster.serviceAddressHolders() == ["bravo"])
        try tmux.keys("Enter")
        try await tmux.waitFor("manual-fence step 4/4")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(10))
        try tmux.keys("Enter")
        try await tmux.waitFor("Procedure completed")
        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(records.contains { $0.contains("confirmation_refused") && $0.contains("bravo") })
        #expect(records.contains { $0.contains("confirmation_given") && $0.contains("confirm-fence") && $0.contains("alpha") })
        #expect(records.contains { $0.contains("action_result") && $0.contains("confirms the reset of alpha") }, "\(records)")
        #expect(records.last?.contains("run_finished") == true)
        #expect(cluster.log("bravo").contains("confirm-fence [alpha] requested by"))
    }
}
