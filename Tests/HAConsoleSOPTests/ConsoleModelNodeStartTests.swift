import HAProtocol
import Testing

@testable import HAConsole

/// Starting a stopped node from the console: `S` in the demo, and the SOP's `start` action
/// carried out by the shell's launcher, its outcome fed back to the run.
@Suite struct ConsoleModelNodeStartTests {
    static func model(canStartNodes: Bool, readOnly: Bool = false) -> ConsoleModel {
        var model = ConsoleModel(
            state: ConsoleState(source: .daemon(socket: "/tmp/demo/bravo/hadaemon.sock"), hostNode: "demo"), feedKinds: [.daemon, .daemon],
            readOnly: readOnly, sopDirectory: "sop", identity: .init(user: "oncall", host: "demo"), canStartNodes: canStartNodes)
        _ = model.apply(.clock(now: 5_000_000, display: DisplayClock(now: Fake.epoch), wallTime: "2026-11-22T04:50:55Z"))
        return model
    }

    @Test("S starts a stopped node where the console can, says what happened, and is offered in the key hints only there")
    func startKey() {
        var demo = Self.model(canStartNodes: true)
        #expect(demo.state.actionHints.contains(KeyHint(key: "S", label: "start node")))
        #expect(demo.apply(.key(.character("S"), pageSize: 10)) == [.startNode(nil, requestID: nil), .redraw])
        _ = demo.apply(.nodeStart(requestID: nil, .started(node: "alpha", pid: 4242)))
        #expect(demo.state.message?.text == "started alpha's daemon (pid 4242); it rejoins in a few seconds")
        _ = demo.apply(.nodeStart(requestID: nil, .refused("both demo nodes are running: nothing to start")))
        #expect(demo.state.message?.text == "both demo nodes are running: nothing to start")

        for var model in [Self.model(canStartNodes: false), Self.model(canStartNodes: true, readOnly: true)] {
            #expect(!model.state.actionHints.contains { $0.key == "S" })
            #expect(!model.apply(.key(.character("S"), pageSize: 10)).contains(.startNode(nil, requestID: nil)))
        }
    }

    @Test("the SOP's start action goes to the launcher and its outcome reaches the run")
    func sopStart() throws {
        var model = Self.model(canStartNodes: true)
        for input: ConsoleInput in [
            .feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot(local: "bravo"))), .feed(1, .connection(.connected)),
            .feed(1, .snapshot(Fake.snapshot(local: "alpha"))),
        ] { _ = model.apply(input) }
        let text = try Fake.procedureText("failover")
        let procedure = try #require(ProcedureParser.parse(text, file: "sop/failover.sop").procedure)
        _ = model.apply(.procedureText(path: "sop/failover.sop", .success(text)))
        // Straight to the rejoin step: the model only carries the run's effects.
        model.session?.run.state = .showing(step: procedure.steps.count - 1)
        var effects: [ConsoleEffect] = []
        for key in [ConsoleKey.enter, .character("c")] + "alpha".map(ConsoleKey.character) + [.enter] {
            effects += model.apply(.key(key, pageSize: 10))
        }
        let starts: [(node: String?, id: Int)] = effects.compactMap {
            if case .startNode(let node, let id?) = $0 { (node, id) } else { nil }
        }
        let start = try #require(starts.first, "\(effects)")
        #expect(start.node == "alpha")
        _ = model.apply(.nodeStart(requestID: start.id, .started(node: "alpha", pid: 4242)))
        // The answer reached the run: it verified the rejoin (both nodes already active here).
        if case .passed(5, _) = model.session?.run.state {} else { Issue.record("\(String(describing: model.session?.run.state))") }
        #expect(model.pendingRequests.isEmpty)
    }

    @Test("in an SOP, x skips a manual step and s stays the log search the footer names")
    func skipKey() throws {
        var session = SOPSession(procedure: try Fake.procedure("failover"))
        let start = { (_: String?) in SOPRunStart(user: "a", host: "b") }
        let search = session.handle(.character("s"), start: start)
        #expect(search == nil, "s is left to the console: the log search")
        let skip = session.handle(.character("x"), start: start)
        #expect(skip?.count == 1)
        if case .skip? = skip?.first {} else { Issue.record("\(String(describing: skip))") }
    }
}
