import HAProtocol
import Testing

@testable import HAConsole

@Suite struct SOPRunTests {
    static let operatorStart = SOPRunStart(user: "alice", host: "console1")

    /// A failover run started on a healthy pair (alpha holds the VIP) and moved to `stop-primary`'s confirmation.
    static func atConfirmation() throws -> Driver {
        var driver = Driver(try Fake.procedure("failover"))
        driver.send(.snapshot(Fake.snapshot()))
        // A takeover line from an earlier failover: it must not prove this one.
        driver.send(.log(node: "bravo", entries: Fake.log("bravo", "mach_down takeover complete.", at: "03:00:00")))
        driver.send(.start(operatorStart))
        driver.send(.proceed)
        driver.send(.proceed)
        driver.send(.proceed)
        #expect(driver.run.state == .awaitingConfirmation(step: 1, action: .shutdown, node: "alpha"))
        return driver
    }

    @Test("a whole failover passes step by step with evidence")
    func wholeFailover() throws {
        var driver = try Self.atConfirmation()
        #expect(driver.run.roles?.nodes == ["local": "bravo", "primary": "alpha", "secondary": "bravo"])
        #expect(
            driver.run.outcomes[0]
                == .passed(
                    evidence: [
                        "alpha is active", "bravo is active", "alpha holds \(Fake.vip) since 04:50:55", "no split_brain alert",
                        "no config_mismatch alert",
                    ], durationMilliseconds: 0))

        driver.send(.confirm(node: "alpha"))
        #expect(
            driver.requests == [
                ControlRequest(id: 100, op: .shutdown, node: "alpha", reason: "SOP failover step stop-primary (run failover-20261122T045055Z)")
            ])
        driver.elapsed += .milliseconds(300)
        driver.send(.response(ControlResponse(id: 100, message: "shutdown started")))
        driver.wait(.seconds(6))
        driver.send(.snapshot(Fake.snapshot(holders: ["bravo"], since: Fake.epoch + 7_000)))
        #expect(driver.run.state == .verifying(step: 1, deadline: driver.at(.milliseconds(300) + .seconds(120))))
        driver.send(.log(node: "bravo", entries: Fake.log("bravo", "Received shutdown notice from 'alpha'.", "mach_down takeover complete.")))
        #expect(
            driver.run.state
                == .passed(
                    step: 1,
                    evidence: [
                        "bravo holds \(Fake.vip) since 04:51:02", "log on bravo at 04:51:02: \"mach_down takeover complete.\"",
                        "no split_brain alert",
                    ]))

        driver.send(.proceed)
        driver.send(.proceed)
        driver.send(.snapshot(Fake.snapshot(alpha: .stopping, holders: ["bravo"], since: Fake.epoch + 7_000)))
        #expect(driver.run.state == .passed(step: 2, evidence: ["alpha is stopping", "bravo holds \(Fake.vip) since 04:51:02"]))

        driver.send(.proceed)  // drbd-primary: the operator runs the commands, then proceeds
        driver.send(.proceed)
        driver.send(.drbd(node: "bravo", status: Fake.drbd(role: .primary, connection: .standAlone, peer: "alpha")))
        #expect(driver.run.state == .passed(step: 3, evidence: ["r0 on bravo: role Primary", "r0 on bravo: disk UpToDate"]))

        driver.send(.proceed)
        driver.send(.skip)  // site-specific
        driver.send(.skip)  // rejoin
        #expect(driver.run.state == .completed)
        #expect(
            driver.records.map(\.event) == [
                .runStarted, .stepShown, .verificationPassed, .stepShown, .confirmationGiven, .actionResult, .verificationPassed,
                .stepShown, .verificationPassed, .stepShown, .verificationPassed, .stepShown, .stepSkipped, .stepShown, .stepSkipped,
                .runFinished,
            ])
        #expect(driver.records.last?.detail == "run completed: 4 passed, 2 skipped")
        #expect(Set(driver.records.map(\.run)) == ["failover-20261122T045055Z"])
    }

    @Test("an action waits for a confirmation and is never sent without one")
    func waitsForConfirmation() throws {
        var driver = try Self.atConfirmation()
        driver.wait(.seconds(600))
        driver.send(.snapshot(Fake.snapshot(holders: ["bravo"])))
        driver.send(.proceed)
        #expect(driver.requests == [])
        #expect(driver.run.state == .awaitingConfirmation(step: 1, action: .shutdown, node: "alpha"))
        driver.send(.decline)
        #expect(driver.run.state == .showing(step: 1))
        #expect(driver.requests == [])
        #expect(driver.records.last?.event == .confirmationDeclined)
    }

    @Test("a confirmation naming another node is refused and sends nothing")
    func refusesOtherNode() throws {
        var driver = try Self.atConfirmation()
        let effects = driver.send(.confirm(node: "bravo"))
        #expect(driver.requests == [])
        #expect(driver.run.state == .awaitingConfirmation(step: 1, action: .shutdown, node: "alpha"))
        #expect(effects.contains(.refused("shutdown is for alpha, not bravo; type alpha to confirm")))
        #expect(driver.records.last?.detail == "confirmation named bravo, but shutdown targets alpha; nothing sent")
    }

    @Test("a verification that times out fails the run with the observed values and the on-failure text")
    func timeoutFails() throws {
        var driver = try Self.atConfirmation()
        driver.send(.confirm(node: "alpha"))
        driver.send(.response(ControlResponse(id: 100, message: "shutdown started")))
        driver.wait(.seconds(119))
        #expect(driver.run.state == .verifying(step: 1, deadline: driver.at(.seconds(120))))
        driver.wait(.seconds(1))
        let observed = ["alpha holds \(Fake.vip) since 04:50:55", "log on bravo: no takeover-complete line yet", "no split_brain alert"]
        guard case .failed(1, let seen, let next) = driver.run.state else { return #expect(Bool(false), "\(driver.run.state)") }
        #expect(seen == observed)
        #expect(next.hasPrefix("Look at ha-log on bravo for \"Received shutdown notice from\""))
        #expect(next.contains("If alpha still holds the resources"))
        let failed = try #require(driver.records.first { $0.event == .verificationFailed })
        #expect(failed.evidence == observed)
        #expect(failed.durationMs == 120_000)
        #expect(
            failed.detail
                == "not verified within 2 min 00 s: group held by secondary and log on secondary shows takeover-complete and no alert split_brain")
        #expect(driver.records.last?.outcome == "failed")
        #expect(driver.send(.proceed) == [.refused("the run has ended: Esc closes it (the audit trail has the record)")])
    }

    @Test("a refused action or a silent daemon fails the step")
    func actionFailures() throws {
        var refused = try Self.atConfirmation()
        refused.send(.confirm(node: "alpha"))
        refused.send(.response(.failure(id: 100, ControlError(.wrongNode, "this is bravo; the request is for alpha"))))
        #expect(
            refused.run.state.failedObserved == ["the daemon on alpha refused shutdown: wrong_node: this is bravo; the request is for alpha"])
        #expect(refused.records.suffix(2).map(\.event) == [.actionResult, .runFinished])

        var silent = try Self.atConfirmation()
        silent.send(.confirm(node: "alpha"))
        silent.send(.response(ControlResponse(id: 99, message: "someone else's")))
        silent.wait(.seconds(120))
        #expect(silent.run.state.failedObserved == ["no answer from the daemon on alpha within 2 min 00 s"])
    }

    @Test("the operator can abort mid-run; nothing more is sent")
    func abortMidRun() throws {
        var driver = try Self.atConfirmation()
        driver.send(.abort(reason: "change window closed"))
        #expect(driver.run.state == .aborted(step: 1, reason: "change window closed"))
        #expect(driver.run.isFinished)
        #expect(driver.send(.confirm(node: "alpha")) == [.refused("no action is waiting for confirmation")])
        #expect(driver.requests == [])
        let last = try #require(driver.records.last)
        #expect(last.event == .runAborted)
        #expect(last.step == "stop-primary")
        #expect(last.outcome == "aborted")
    }

    @Test("only manual steps can be skipped")
    func skipOnlyManual() throws {
        var driver = try Self.atConfirmation()
        let effects = driver.send(.skip)
        #expect(effects == [.refused("there is no step to skip now")])
        driver.send(.decline)
        #expect(driver.send(.skip) == [.refused("only manual steps (commands to run by hand) can be skipped; abort to stop")])
    }

    @Test("a run does not start without live state that resolves its roles")
    func startNeedsRoles() throws {
        var driver = Driver(try Fake.procedure("failover"))
        #expect(
            driver.send(.start(Self.operatorStart)) == [
                .refused("no cluster data yet: the daemon does not answer (the screen says why); start it, then press Enter to start the run")
            ])
        driver.send(.snapshot(Fake.snapshot(holders: [])))
        #expect(
            driver.send(.start(Self.operatorStart)) == [
                .refused("cannot start failover: cannot tell which node is the primary: nobody holds \(Fake.vip)")
            ])
        #expect(driver.run.state == .notStarted)

        var split = Driver(try Fake.procedure("heartbeat-split-brain"))
        split.send(.snapshot(Fake.snapshot(holders: ["alpha", "bravo"])))
        #expect(split.send(.start(Self.operatorStart)) == [.refused("cannot start heartbeat-split-brain: name the survivor: one of alpha, bravo")])
        split.send(.start(SOPRunStart(user: "alice", host: "console1", chosen: "bravo")))
        #expect(split.run.roles?.nodes["victim"] == "alpha")
        split.send(.proceed)
        #expect(split.run.state == .passed(step: 0, evidence: ["alpha and bravo both hold \(Fake.vip)"]))
        split.send(.proceed)
        split.send(.proceed)
        #expect(split.run.state == .awaitingConfirmation(step: 1, action: .shutdown, node: "alpha"))
    }
}

extension SOPRun.State {
    /// The observed values of a failed run; nil in any other state.
    var failedObserved: [String]? {
        if case .failed(_, let observed, _) = self { return observed }
        return nil
    }
}

@Suite struct SOPStepPresentationTests {
    @Test("a step shows its node and its texts with the run's roles filled in")
    func presentation() throws {
        let driver = try SOPRunTests.atConfirmation()
        let step = driver.run.presentation(ofStep: 1)
        #expect(step.location == "on alpha (primary)")
        #expect(step.confirmation == "Stop the daemon on alpha? It gives up \(Fake.vip) and every other resource.")
        #expect(step.text.hasPrefix("Stop the daemon on alpha. It releases every resource, tells bravo, and exits;"))
        #expect(step.number == 2 && step.count == 6 && step.timeout == "2 min 00 s" && !step.isManual)
        #expect(driver.run.presentation(ofStep: 0).location == "on any node")
        #expect(driver.run.presentation(ofStep: 5).commands == ["systemctl start hadaemon", "service heartbeat start"])
    }
}
