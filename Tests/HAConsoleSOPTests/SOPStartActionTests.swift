import HAProtocol
import Testing

@testable import HAConsole

/// Action `start`: the failover's rejoin step. The console starts the stopped node where it
/// launched the nodes (the demo); elsewhere it shows the commands and waits for the rejoin.
@Suite struct SOPStartActionTests {
    /// A failover run taken to its rejoin step (alpha stopped, bravo holding the VIP), started
    /// by a console that can (or cannot) start nodes.
    static func atRejoin(canStartNodes: Bool) throws -> Driver {
        var driver = Driver(try Fake.procedure("failover"))
        driver.send(.snapshot(Fake.snapshot()))
        driver.send(.start(SOPRunStart(user: "alice", host: "console1", canStartNodes: canStartNodes)))
        driver.send(.proceed)
        driver.send(.proceed)
        driver.send(.proceed)
        driver.send(.confirm(node: "alpha"))
        driver.send(.response(ControlResponse(id: 100, message: "shutdown started")))
        driver.send(.snapshot(Fake.snapshot(alpha: .dead, holders: ["bravo"], since: Fake.epoch + 7_000)))
        driver.send(.log(node: "bravo", entries: Fake.log("bravo", "mach_down takeover complete.")))
        driver.send(.proceed)
        driver.send(.proceed)  // primary-down: verified at once
        driver.send(.proceed)
        driver.send(.skip)  // drbd-primary
        driver.send(.skip)  // site-specific
        #expect(driver.run.state == .showing(step: 5), "\(driver.run.state)")
        return driver
    }

    @Test("the failover's rejoin step is a start action that still carries the commands for a real node")
    func rejoinIsStart() throws {
        let rejoin = try #require(try Fake.procedure("failover").step("rejoin"))
        #expect(rejoin.action == .start)
        #expect(rejoin.commands == ["systemctl start hadaemon", "service heartbeat start"])
        #expect(rejoin.isManual, "the rejoin stays optional")
    }

    @Test("where the console launched the nodes, a confirmed start asks the shell to start the node and the rejoin is verified")
    func startsWithLauncher() throws {
        var driver = try Self.atRejoin(canStartNodes: true)
        driver.send(.proceed)
        #expect(driver.run.state == .awaitingConfirmation(step: 5, action: .start, node: "alpha"))
        let effects = driver.send(.confirm(node: "alpha"))
        #expect(effects.contains(.start(node: "alpha", requestID: 101)), "\(effects)")
        #expect(driver.requests.map(\.op) == [.shutdown], "nothing goes to a daemon for start")
        driver.send(.response(ControlResponse(id: 101, message: "started alpha's daemon (pid 4242); it rejoins on its own")))
        #expect(driver.run.state == .verifying(step: 5, deadline: driver.at(.seconds(180))))
        driver.send(.snapshot(Fake.snapshot(holders: ["alpha"], since: Fake.epoch + 20_000)))
        driver.send(.proceed)
        #expect(driver.run.state == .completed)
        #expect(driver.records.last?.detail == "run completed: 4 passed, 2 skipped")
        #expect(driver.records.contains { $0.event == .actionResult && $0.detail?.contains("start on alpha: started alpha") == true })
    }

    @Test("a launcher that cannot start the node fails the step with its reason")
    func launcherRefuses() throws {
        var driver = try Self.atRejoin(canStartNodes: true)
        driver.send(.proceed)
        driver.send(.confirm(node: "alpha"))
        driver.send(.response(.failure(id: 101, ControlError(.notReady, "alpha's daemon is already running (pid 7)"))))
        #expect(driver.run.state.failedObserved == ["could not start alpha: alpha's daemon is already running (pid 7)"])
    }

    @Test("on real nodes, Enter on a start step goes straight to the verification: the operator runs the commands")
    func realNodesWaitForTheOperator() throws {
        var driver = try Self.atRejoin(canStartNodes: false)
        var shown = SOPSession(procedure: driver.run.procedure)
        shown.run = driver.run
        let prompt = SOPView.stateLines(shown, step: driver.run.presentation(ofStep: 5), width: 200).map(\.0)
        #expect(prompt == ["Run one of the commands above on alpha, then press Enter to watch it rejoin (x skips this step)."])
        let effects = driver.send(.proceed)
        #expect(!effects.contains { if case .start = $0 { true } else { false } }, "\(effects)")
        #expect(driver.run.state == .verifying(step: 5, deadline: driver.at(.seconds(180))))
        var session = SOPSession(procedure: driver.run.procedure)
        session.run = driver.run
        let screen = SOPView.stateLines(session, step: driver.run.presentation(ofStep: 5), width: 200).map(\.0)
        #expect(screen.contains { $0.hasPrefix("Verifying on live state") }, "\(screen)")
    }

    @Test("an aborted step says so on the panel, with the reason")
    func abortedStepSaysSo() throws {
        var driver = try Self.atRejoin(canStartNodes: true)
        driver.send(.abort(reason: "aborted by the operator"))
        var session = SOPSession(procedure: driver.run.procedure)
        session.run = driver.run
        let lines = SOPView.stateLines(session, step: driver.run.presentation(ofStep: 5), width: 200).map(\.0)
        #expect(lines == ["ABORTED — aborted by the operator; nothing more is sent. Esc closes the panel."])
    }

    @Test("the parser takes 'start' only with the commands a real node needs")
    func parserNeedsCommands() throws {
        let text = try Fake.procedureText("failover").replacingOccurrences(
            of: "  command: systemctl start hadaemon\n  command: service heartbeat start\n", with: "")
        let parsed = ProcedureParser.parse(text, file: "sop/failover.sop")
        #expect(parsed.procedure == nil)
        #expect(parsed.diagnostics.map(\.message).contains { $0.hasPrefix("action 'start' needs 'command:' lines") }, "\(parsed.diagnostics)")
        let standby = try Fake.procedureText("failover").replacingOccurrences(of: "action: start", with: "action: standby")
        #expect(
            ProcedureParser.parse(standby, file: "f.sop").diagnostics.map(\.message).contains {
                $0.hasPrefix("a step has either an action or commands to copy, not both")
            })
    }

    @Test("Enter while a step waits says what it waits for, not just that there is nothing to proceed to")
    func enterSaysWhatItWaitsFor() throws {
        var driver = try Self.atRejoin(canStartNodes: true)
        driver.send(.proceed)
        #expect(
            driver.send(.proceed) == [.refused("start on alpha waits for your confirmation: press c and type alpha, or d to decline")])
        driver.send(.confirm(node: "alpha"))
        #expect(driver.send(.proceed) == [.refused("waiting for alpha to answer; the step goes on by itself")])
        driver.send(.response(ControlResponse(id: 101, message: "started")))
        #expect(driver.send(.proceed) == [.refused("verifying on live state; the step passes by itself, or fails in 3 min 00 s")])
    }
}
