import HAProtocol
import Testing

@testable import HAConsole

@Suite struct SOPDryRunTests {
    static let liveRoles = SOPRoles(nodes: ["local": "bravo", "primary": "alpha", "secondary": "bravo"], groupKey: Fake.vip)

    @Test("the dry run of failover prints every step's node, action, confirmation, verification and commands")
    func failoverText() throws {
        let procedure = try Fake.procedure("failover")
        let roles = try SOPRoles.resolve(procedure, snapshot: Fake.snapshot(), chosen: nil).get()
        #expect(roles == Self.liveRoles)
        let lines = SOPDryRun.lines(procedure, roles: roles, source: "live")
        let text = lines.joined(separator: "\n")
        #expect(lines[0].hasPrefix("DRY RUN of failover: Fail over from the primary to the secondary — nothing is sent"))
        #expect(text.contains("Roles (live): local = bravo, primary = alpha, secondary = bravo; group \(Fake.vip)"))
        for (index, step) in procedure.steps.enumerated() {
            #expect(text.contains("Step \(index + 1)/6 \(step.id): "), "step \(step.id)")
            #expect(text.contains("  Verify: \(step.verificationText) (timeout \(SOPTimeline.duration(step.timeoutMilliseconds)))"), "\(step.id)")
            for command in step.commands { #expect(text.contains("  Command (by hand): $ \(command)"), "\(command)") }
        }
        #expect(text.contains("Step 2/6 stop-primary: Stop the daemon on the primary — runs on alpha (primary)"))
        #expect(text.contains("  Action (not performed): send 'shutdown' to the daemon on alpha"))
        #expect(
            text.contains("  Confirmation: Stop the daemon on alpha? It gives up \(Fake.vip) and every other resource. — the operator types alpha"))
        #expect(text.contains("  Action (not performed): start the stopped daemon on alpha"))
        #expect(text.contains("  Command (by hand): $ systemctl start hadaemon"))
        #expect(text.contains("  Action: none; the console only verifies"))
        #expect(!text.contains("{primary}") && !text.contains("{secondary}") && !text.contains("{node}"))
    }

    @Test("a dry run in the console walks every step and performs, verifies and records nothing")
    func rehearsalActsOnNothing() throws {
        var driver = Driver(try Fake.procedure("failover"))
        driver.send(.snapshot(Fake.snapshot()))
        driver.send(.start(SOPRunStart(user: "alice", host: "console1", dryRun: true)))
        #expect(driver.run.state == .showing(step: 0))
        driver.send(.proceed)  // step 1 rehearsed
        driver.send(.proceed)  // step 2 shown
        driver.send(.proceed)
        guard case .passed(1, let evidence) = driver.run.state else {
            Issue.record("not rehearsing stop-primary: \(driver.run.state)")
            return
        }
        #expect(evidence.first == "Action (not performed): send 'shutdown' to the daemon on alpha")
        #expect(
            evidence.last
                == "Would verify: group held by secondary and log on secondary shows takeover-complete and no alert split_brain (timeout 2 min 00 s)")
        driver.send(.confirm(node: "alpha"))  // nothing waits for a confirmation: refused
        while !driver.run.isFinished { driver.send(.proceed) }
        #expect(driver.run.state == .completed)
        #expect(driver.run.outcomes.values.allSatisfy { $0 == .skipped })
        let acted = driver.effects.filter { if case .refused = $0 { false } else { true } }
        #expect(acted == [], "a dry run sent, started or recorded: \(acted)")
    }

    @Test("roles given by hand name the option that is missing")
    func manualRoles() throws {
        let failover = try Fake.procedure("failover")
        let partial = SOPDryRunRoles.parseOrExit(["--primary", "alpha"])
        #expect(throws: SOPStartProblem("failover uses secondary: give --secondary NODE")) {
            try partial.roles(for: failover, localNode: "console1").get()
        }
        let split = try Fake.procedure("drbd-split-brain")
        let both = SOPDryRunRoles.parseOrExit(["--primary", "alpha", "--secondary", "bravo", "--choose", "bravo"])
        let roles = try both.roles(for: split, localNode: "console1").get()
        #expect(roles.nodes["survivor"] == "bravo" && roles.nodes["victim"] == "alpha")
        #expect(roles.groupKey == "the first group in haresources")
        let text = SOPDryRun.lines(split, roles: roles, source: "given").joined(separator: "\n")
        #expect(text.contains("Step 4/9 victim-discard: Reconnect the victim, discarding its data — runs on alpha (victim) [two-person]"))
        #expect(text.contains("  Two-person: a second operator approves with 'haconsole sop approve TOKEN' before this step goes on"))
    }
}

@Suite struct ConsoleDryRunTests {
    @Test("haconsole --dry-run: Enter walks the whole failover on screen; no request, node start or audit record leaves the model")
    func consoleRehearsal() throws {
        var model = ConsoleModelTests.model()
        model.dryRun = true
        ConsoleModelTests.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot())), to: &model)
        var effects = model.apply(.procedureText(path: "sop/failover.sop", .success(try Fake.procedureText("failover"))))
        for _ in 0..<20 where model.session?.run.isFinished == false {
            effects += model.apply(.key(.enter, pageSize: 10))
            effects += model.apply(.key(.character("c"), pageSize: 10))
        }
        #expect(model.session?.run.state == .completed)
        let acted = effects.filter { $0 != .redraw }
        #expect(acted == [], "\(acted)")
        #expect(model.apply(.key(.character("q"), pageSize: 10)) == [.quit], "a rehearsal is nothing to abort")
    }
}
