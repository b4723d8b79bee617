import HAProtocol
import Testing

@testable import HAConsole

/// The shipped `sop/manual-fence.sop` ("the peer is dead and fencing needs a human", issue 12)
/// run on live state, and the console's `F` key that opens it while a meatware reset waits.
@Suite struct ManualFenceProcedureTests {
    static let deadAlert = Alert(
        kind: .nodeDead, severity: .critical,
        message: "alpha is dead and its reset waits for a human: check it is off, then confirm the fence", node: "alpha")

    /// bravo's view while its meatware reset of alpha waits for a person.
    static func waiting(holders: [String] = []) -> ClusterSnapshot {
        var snapshot = Fake.snapshot(local: "bravo", alpha: .dead, holders: holders, alerts: holders.isEmpty ? [deadAlert] : [])
        snapshot.fenceDevice = "meatware"
        if holders.isEmpty {
            snapshot.fencesInProgress = [FenceInProgress(victim: "alpha", device: "meatware", phase: .awaitingOperator, age: 12_000)]
        }
        return snapshot
    }

    @Test("manual-fence names the fenced node, checks it is off, confirms by its typed name, then proves the takeover")
    func shape() throws {
        let procedure = try Fake.procedure("manual-fence")
        #expect(procedure.choice?.role == "fenced" && procedure.choice?.otherRole == "survivor")
        #expect(procedure.steps.map(\.id) == ["waiting", "check-off", "confirm-fence", "verify"])
        let confirm = try #require(procedure.step("confirm-fence"))
        #expect(confirm.action == .confirmFence)
        #expect(confirm.target == .node(.role("fenced")), "the name typed to confirm is the fenced node's")
        #expect(confirm.confirmation?.contains("{node}") == true)
        #expect(procedure.step("check-off")?.text.contains("Make sure {fenced} is powered off or disconnected") == true)
    }

    @Test("run on live state: a wrong name sends nothing; the fenced node's name sends confirm-fence; the takeover verifies")
    func runsOnLiveState() throws {
        var driver = Driver(try Fake.procedure("manual-fence"))
        driver.send(.snapshot(Self.waiting()))
        driver.send(.start(SOPRunStart(user: "oncall", host: "jump", chosen: "alpha")))
        #expect(driver.run.roles?.nodes["survivor"] == "bravo")
        driver.send(.proceed)
        #expect(driver.run.state == .passed(step: 0, evidence: driver.run.lastEvaluation?.observations ?? []), "\(driver.run.state)")
        driver.send(.proceed)
        driver.send(.proceed)
        guard case .passed(step: 1, _) = driver.run.state else { throw Failure("check-off: \(driver.run.state)") }
        driver.send(.proceed)
        driver.send(.proceed)
        #expect(driver.run.state == .awaitingConfirmation(step: 2, action: .confirmFence, node: "alpha"))
        #expect(driver.send(.confirm(node: "bravo")).contains(.refused("confirm-fence is for alpha, not bravo; type alpha to confirm")))
        #expect(driver.requests.isEmpty)
        driver.send(.confirm(node: "alpha"))
        let request = try #require(driver.requests.first)
        #expect(request.op == .confirmFence && request.node == "alpha")
        driver.send(.response(ControlResponse(id: request.id, message: "bravo confirms the reset of alpha")))
        driver.send(.snapshot(Self.waiting(holders: ["bravo"])))
        driver.send(.log(node: "bravo", entries: Fake.log("bravo", "node alpha now reset.", "mach_down takeover complete.")))
        guard case .passed(step: 2, _) = driver.run.state else { throw Failure("confirm-fence: \(driver.run.state)") }
        driver.send(.proceed)
        driver.send(.proceed)
        driver.send(.snapshot(Self.waiting(holders: ["bravo"])))
        #expect(driver.run.state == .passed(step: 3, evidence: driver.run.lastEvaluation?.observations ?? []))
        driver.send(.proceed)
        #expect(driver.run.state == .completed)
        #expect(driver.records.contains { $0.event == .confirmationRefused && $0.detail?.contains("named bravo") == true })
        #expect(driver.records.contains { $0.event == .confirmationGiven && $0.action == "confirm-fence" })
    }

    @Test("F opens manual-fence while a reset waits for a human, and its confirm-fence goes to the fencing node's feed")
    func keyOpensProcedureAndRoutes() throws {
        var model = ConsoleModelTests.model(feeds: [.daemon, .daemon])
        ConsoleModelTests.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot(local: "bravo"))), to: &model)
        #expect(!model.apply(.key(.character("F"), pageSize: 10)).contains(.readProcedure("sop/manual-fence.sop")), "nothing waits")
        #expect(model.state.actionHints.map(\.key) == ["p"])
        ConsoleModelTests.apply(.feed(0, .snapshot(Self.waiting())), to: &model)
        #expect(model.state.actionHints.map(\.key) == ["p", "F"])
        #expect(model.apply(.key(.character("F"), pageSize: 10)).contains(.readProcedure("sop/manual-fence.sop")))
        var effects = ConsoleModelTests.apply(
            .procedureText(path: "sop/manual-fence.sop", .success(try Fake.procedureText("manual-fence"))), to: &model)
        let keys = "alpha".map(ConsoleKey.character) + [.enter, .enter, .enter, .enter, .enter, .enter, .enter, .character("c")]
        for key in keys + "alpha".map(ConsoleKey.character) + [.enter] {
            effects += model.apply(.key(key, pageSize: 10))
            effects += model.apply(.tick)
        }
        let sent = try #require(ConsoleModelTests.sent(effects).first, "\(String(describing: model.session?.run.state))")
        #expect(sent.feed == 0 && sent.request.op == .confirmFence && sent.request.node == "alpha")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
