import Foundation
import HAProtocol
import Testing

@testable import HAConsole

/// Two-person steps: a second operator, another person, approves with a one-time token.
@Suite struct SOPTwoPersonTests {
    static let text = """
        procedure: discard
        title: Discard a node's data
        summary: A destructive step between two checks.

        step: check
          runs-on: any
          say: Look first.
          verify: node primary is active
          timeout: 10s
          on-failure: Stop.

        step: discard
          runs-on: secondary
          say: Throw away {secondary}'s data.
          two-person: yes
          command: drbdadm connect --discard-my-data r0
          verify: node secondary is active
          timeout: 30s
          on-failure: Read the kernel log.

        step: stop
          runs-on: primary
          say: Stop {primary}.
          action: shutdown
          confirm: Stop {node}?
          two-person: yes
          verify: node primary is stopping|dead
          timeout: 30s
          on-failure: Stop it by hand.
        """

    /// A run by alice at the discard step (healthy pair), tokens fixed to `k7m2qx9p`.
    static func atDiscard() throws -> Driver {
        let procedure = try #require(ProcedureParser.parse(text, file: "sop/discard.sop").procedure)
        var driver = Driver(procedure)
        driver.run.makeToken = { "k7m2qx9p" }
        driver.send(.snapshot(Fake.snapshot()))
        driver.send(.start(SOPRunStart(user: "alice", host: "console1")))
        driver.send(.proceed)
        driver.send(.proceed)
        #expect(driver.run.state == .showing(step: 1))
        return driver
    }

    static func notices(_ effects: [SOPRun.Effect]) -> [String] {
        effects.compactMap { if case .refused(let why) = $0 { why } else { nil } }
    }

    @Test("the parser reads 'two-person: yes|no' and reports a bad value or a step with nothing to approve by line")
    func parser() throws {
        let procedure = try #require(ProcedureParser.parse(Self.text, file: "sop/discard.sop").procedure)
        #expect(procedure.steps.map(\.twoPerson) == [false, true, true])
        let bad = Self.text.replacingOccurrences(of: "  two-person: yes\n  command:", with: "  two-person: maybe\n  command:")
            .replacingOccurrences(of: "  say: Look first.", with: "  say: Look first.\n  two-person: yes")
        #expect(
            ProcedureParserTests.diagnostics(bad) == [
                "sop/demo.sop:8: error: 'two-person: yes' needs an 'action:' or 'command:' lines: a step that only verifies has nothing to approve",
                "sop/demo.sop:16: error: two-person must be 'yes' or 'no', found 'maybe'",
            ])
        let shipped = try Fake.procedure("drbd-split-brain")
        #expect(shipped.steps.filter(\.twoPerson).map(\.id) == ["victim-discard"])
        #expect(shipped.step("victim-discard")?.commands.first == "drbdadm connect --discard-my-data r0")
    }

    @Test("Enter on a two-person step records a token with the first operator and does nothing else")
    func tokenRequested() throws {
        var driver = try Self.atDiscard()
        let effects = driver.send(.proceed)
        #expect(driver.run.state == .showing(step: 1), "not verifying: nothing may be run yet")
        let request = try #require(driver.records.last)
        #expect(request.event == .approvalRequested && request.token == "k7m2qx9p" && request.user == "alice")
        #expect(request.expires == "2026-11-22T05:00:55Z" && request.step == "discard" && request.node == "bravo")
        #expect(Self.notices(effects).first?.contains("haconsole sop approve k7m2qx9p  before 2026-11-22T05:00:55Z") == true)
        driver.send(.proceed)
        #expect(driver.records.filter { $0.event == .approvalRequested }.count == 1, "Enter again shows the same token")
        driver.send(.skip)  // skipping performs nothing: still allowed
        #expect(driver.run.state == .showing(step: 2) && driver.run.pendingApproval == nil)
    }

    @Test("the operator running the procedure cannot approve it; a wrong token does not count")
    func refusals() throws {
        var driver = try Self.atDiscard()
        driver.send(.proceed)
        var effects = driver.send(.approval(SOPApprovalGiven(token: "k7m2qx9p", approver: "alice", host: "console2", time: "t")))
        #expect(Self.notices(effects) == ["approval not counted: alice runs this procedure and cannot approve it too; a second operator must"])
        #expect(driver.records.last?.event == .approvalRefused && driver.records.last?.approver == "alice")
        effects = driver.send(.approval(SOPApprovalGiven(token: "aaaaaaaa", approver: "bob", host: "console2", time: "t")))
        #expect(Self.notices(effects) == ["approval not counted: token aaaaaaaa is not the one this run waits for"])
        driver.send(.proceed)
        #expect(driver.run.state == .showing(step: 1) && driver.run.approvals == [:])
    }

    @Test("a token expires after 10 minutes: dropped and recorded, and a late approval does not count")
    func expiry() throws {
        var driver = try Self.atDiscard()
        driver.send(.proceed)
        driver.wait(.seconds(599))
        #expect(driver.run.pendingApproval != nil)
        let effects = driver.wait(.seconds(1))
        #expect(Self.notices(effects) == ["token k7m2qx9p expired unused; press Enter for a new one"])
        #expect(driver.records.last?.event == .approvalRefused && driver.run.pendingApproval == nil)
        driver.send(.approval(SOPApprovalGiven(token: "k7m2qx9p", approver: "bob", host: "console2", time: "t")))
        #expect(driver.run.approvals == [:])
    }

    @Test("a second operator's approval lets the step go on, and its records carry both names")
    func approved() throws {
        var driver = try Self.atDiscard()
        driver.send(.proceed)
        let effects = driver.send(.approval(SOPApprovalGiven(token: "k7m2qx9p", approver: "bob", host: "console2", time: "04:52:00")))
        #expect(Self.notices(effects) == ["approved by bob on console2 at 04:52:00: run the commands, then press Enter to verify"])
        driver.send(.proceed)
        let passed = try #require(driver.records.last)
        #expect(passed.event == .verificationPassed && passed.step == "discard")
        #expect(passed.user == "alice" && passed.approver == "bob" && passed.approverHost == "console2")
        // The action step needs its own approval, then the usual confirmation by node name.
        driver.send(.proceed)
        driver.send(.proceed)
        #expect(driver.run.state == .showing(step: 2))
        driver.send(.approval(SOPApprovalGiven(token: "k7m2qx9p", approver: "bob", host: "console2", time: "t")))
        driver.send(.proceed)
        #expect(driver.run.state == .awaitingConfirmation(step: 2, action: .shutdown, node: "alpha"))
        driver.send(.confirm(node: "alpha"))
        let confirmed = try #require(driver.records.last { $0.event == .confirmationGiven })
        #expect(confirmed.user == "alice" && confirmed.approver == "bob")
        #expect(driver.requests.map(\.op) == [.shutdown])
    }

    @Test("sop approve's check: the requester, an unknown, expired or used token are refused; an approval names both")
    func check() throws {
        var request = SOPAuditRecord(time: "2026-11-22T04:51:00Z", run: "discard-1", event: .approvalRequested, procedure: "discard", step: "discard")
        request.user = "alice"
        request.token = "k7m2qx9p"
        request.expires = "2026-11-22T05:01:00Z"
        request.node = "bravo"
        let now = try #require(SOPInterruptedRun.epochSeconds("2026-11-22T04:55:00Z"))
        #expect(SOPApproval.check(token: "k7m2qx9p", approver: "alice", records: [request], now: now) == .failure(.sameOperator("alice")))
        #expect(SOPApproval.check(token: "zzzzzzzz", approver: "bob", records: [request], now: now) == .failure(.unknownToken("zzzzzzzz")))
        #expect(
            SOPApproval.check(token: "k7m2qx9p", approver: "bob", records: [request], now: now + 360)
                == .failure(.expired(token: "k7m2qx9p", at: "2026-11-22T05:01:00Z")))
        #expect(SOPApproval.check(token: "k7m2qx9p", approver: "bob", records: [request], now: now) == .success(request))
        let approval = SOPApproval.approval(of: request, approver: "bob", host: "console2", time: "2026-11-22T04:55:00Z")
        #expect(approval.event == .approvalGiven && approval.user == "alice" && approval.approver == "bob" && approval.run == "discard-1")
        #expect(approval.jsonLine.contains("\"approver\":\"bob\"") && approval.jsonLine.contains("\"user\":\"alice\""))
        #expect(
            SOPApproval.check(token: "k7m2qx9p", approver: "carol", records: [request, approval], now: now)
                == .failure(.alreadyUsed(token: "k7m2qx9p", by: "bob")))
    }

    @Test("tokens are 8 unambiguous characters and differ")
    func tokens() {
        let tokens = (0..<50).map { _ in SOPApproval.token() }
        #expect(tokens.allSatisfy { $0.count == 8 && $0.allSatisfy(SOPApproval.alphabet.contains) })
        #expect(Set(tokens).count == 50)
        #expect(SOPApproval.isoTime("2026-12-31T23:55:00Z", plus: 600) == "2027-01-01T00:05:00Z")
    }

    @Test("the console's watcher finds an approval appended to the trail, and reads a half-written line only once it is whole")
    func watcher() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("approvals-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var request = SOPAuditRecord(time: "2026-11-22T04:51:00Z", run: "r", event: .approvalRequested, procedure: "discard", step: "discard")
        request.token = "k7m2qx9p"
        try (request.jsonLine + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var watcher = SOPApprovalWatcher()
        #expect(watcher.approvals(in: path, token: "k7m2qx9p") == [])
        let line = SOPApproval.approval(of: request, approver: "bob", host: "console2", time: "2026-11-22T04:52:00Z").jsonLine + "\n"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8.prefix(40)))
        #expect(watcher.approvals(in: path, token: "k7m2qx9p") == [])
        handle.write(Data(line.utf8.dropFirst(40)))
        try handle.close()
        #expect(
            watcher.approvals(in: path, token: "k7m2qx9p") == [
                SOPApprovalGiven(token: "k7m2qx9p", approver: "bob", host: "console2", time: "2026-11-22T04:52:00Z")
            ])
        #expect(watcher.approvals(in: path, token: "k7m2qx9p") == [], "each line once")
    }
}
