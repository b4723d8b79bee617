import HAProtocol
import Testing

@testable import HAConsole

/// The console's one reducer, in memory: keys, feed inputs and the SOP run applied to the
/// whole state together, with the effects the shell would carry out.
@Suite
struct ConsoleModelTests {
    /// A console that follows bravo's daemon (feed 0) and reads alpha's too (feed 1).
    static func model(feeds: [ConsoleModel.FeedKind] = [.daemon, .daemon]) -> ConsoleModel {
        var model = ConsoleModel(
            state: ConsoleState(source: .daemon(socket: "/run/hadaemon/hadaemon.sock"), hostNode: "jump"), feedKinds: feeds,
            readOnly: false, sopDirectory: "sop", identity: .init(user: "oncall", host: "jump"))
        _ = model.apply(.clock(now: 5_000_000, display: DisplayClock(now: Fake.epoch), wallTime: "2026-11-22T04:50:55Z"))
        return model
    }

    /// Applies inputs in order; returns every effect.
    @discardableResult
    static func apply(_ inputs: ConsoleInput..., to model: inout ConsoleModel) -> [ConsoleEffect] {
        inputs.flatMap { model.apply($0) }
    }

    static func keys(_ keys: ConsoleKey...) -> [ConsoleInput] { keys.map { .key($0, pageSize: 10) } }

    static func sent(_ effects: [ConsoleEffect]) -> [(feed: Int, request: ControlRequest)] {
        effects.compactMap { if case .send(let feed, let request) = $0 { (feed, request) } else { nil } }
    }

    @Test("keys change the view and say what the shell must do: redraw, list procedures, quit")
    func keys() {
        var model = Self.model()
        #expect(model.apply(.key(.character("?"), pageSize: 10)) == [.redraw])
        #expect(model.state.showHelp)
        #expect(model.apply(.key(.character("p"), pageSize: 10)) == [.listProcedures, .redraw])
        _ = model.apply(.procedureList(.success(["sop/failover.sop", "sop/rejoin.sop"])))
        #expect(model.picker == ConsoleModel.Picker(paths: ["sop/failover.sop", "sop/rejoin.sop"]))
        _ = model.apply(.key(.down, pageSize: 10))
        #expect(model.apply(.key(.enter, pageSize: 10)) == [.readProcedure("sop/rejoin.sop"), .redraw])
        #expect(model.picker == nil)
        #expect(model.apply(.key(.character("q"), pageSize: 10)) == [.quit])
    }

    @Test("the followed feed's snapshot and connection reach the view; another feed's snapshot only names its node")
    func snapshots() {
        var model = Self.model()
        let effects = Self.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot(local: "bravo"))), to: &model)
        #expect(effects.contains(.redraw))
        #expect(model.state.connection == .connected && model.state.snapshot?.localNode == "bravo")
        _ = model.apply(.feed(1, .snapshot(Fake.snapshot(local: "alpha"))))
        #expect(model.state.snapshot?.localNode == "bravo", "the screen follows feed 0 while it is connected")
        #expect(model.feedNodes == [0: "bravo", 1: "alpha"])
        _ = model.apply(.feed(0, .connection(.unreachable("connection refused"))))
        #expect(model.state.connection == .disconnected(reason: "connection refused"))
    }

    @Test("a DRBD reading is filed under its feed's node, under this host only while the followed daemon is unreachable")
    func drbdReadings() {
        var model = Self.model()
        let reading = DRBDReading(status: Fake.drbd(role: .primary, peer: "bravo"), source: "/proc/drbd", problem: nil)
        _ = model.apply(.feed(1, .drbd(reading)))
        #expect(model.state.drbd.isEmpty, "feed 1 has not said which node it reads")
        _ = model.apply(.feed(0, .drbd(reading)))
        #expect(model.state.drbd.isEmpty, "feed 0 is still connecting: its node is not known yet")
        Self.apply(.feed(0, .connection(.unreachable("no daemon"))), .feed(0, .drbd(reading)), to: &model)
        #expect(model.state.drbd["jump"] == reading.status && model.state.drbdSources["jump"] == "/proc/drbd")
        _ = model.apply(.feed(0, .drbd(DRBDReading(status: nil, source: "/sbin/drbdsetup status", problem: "drbdsetup status failed"))))
        #expect(model.state.drbdProblems["jump"] == "drbdsetup status failed")
        Self.apply(.feed(1, .snapshot(Fake.snapshot(local: "alpha"))), .feed(1, .drbd(reading)), to: &model)
        #expect(model.state.drbd["alpha"] == reading.status)
        #expect(model.state.drbd["jump"] == nil, "a reading filed under this host's name goes once a daemon says who is who")
    }

    @Test("a cl_status snapshot carries the alerts a daemon would have put in it")
    func heartbeatAlerts() {
        var model = Self.model(feeds: [.heartbeat])
        _ = model.apply(.feed(0, .snapshot(Fake.snapshot(holders: ["alpha", "bravo"]))))
        #expect(model.state.snapshot?.alerts.contains { $0.kind == .splitBrain } == true)
    }

    /// The failover procedure opened and walked past the go/no-go to its stop action's confirmation.
    static func failoverAtStop(_ model: inout ConsoleModel) throws -> [ConsoleEffect] {
        var effects = Self.apply(.procedureText(path: "sop/failover.sop", .success(try Fake.procedureText("failover"))), to: &model)
        // The fake pair has no STONITH device: the go/no-go is red until the override is typed.
        let override = GoNoGo.overrideWord.map(ConsoleKey.character) + [.enter]
        for key in [ConsoleKey.enter, .enter, .enter] + override + [.character("c")] + "alpha".map(ConsoleKey.character) + [.enter] {
            effects += model.apply(.key(key, pageSize: 10))
            effects += model.apply(.tick)
        }
        return effects
    }

    @Test("an SOP action goes to the feed of the node it names, and that feed's answer goes back to the run")
    func answersReachTheRun() throws {
        var model = Self.model()
        Self.apply(
            .feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot(local: "bravo"))), .feed(1, .connection(.connected)),
            .feed(1, .snapshot(Fake.snapshot(local: "alpha"))), to: &model)
        let effects = try Self.failoverAtStop(&model)
        #expect(effects.contains { if case .audit(let record) = $0 { record.event == .runStarted } else { false } })
        let sent = try #require(Self.sent(effects).first, "\(effects)")
        #expect(sent.feed == 1 && sent.request.op == .shutdown && sent.request.node == "alpha")
        guard case .actionSent(_, let runID, _) = model.session?.run.state else {
            Issue.record("\(String(describing: model.session?.run.state))")
            return
        }
        #expect(model.apply(.feed(0, .answer(ControlResponse(id: sent.request.id, message: "shutting down")))).isEmpty, "not feed 0's request")
        _ = model.apply(.feed(1, .answer(ControlResponse(id: sent.request.id, message: "shutting down"))))
        #expect(model.pendingRequests.isEmpty)
        if case .actionSent = model.session?.run.state { Issue.record("the run never saw answer \(runID)") }
    }

    @Test("an SOP action for a node no connected feed answers for is refused at once, and nothing is sent")
    func wrongNodeRefused() throws {
        var model = Self.model(feeds: [.daemon])
        Self.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot(local: "bravo"))), to: &model)
        let effects = try Self.failoverAtStop(&model)
        #expect(Self.sent(effects).isEmpty, "\(effects)")
        let audits = effects.compactMap { if case .audit(let record) = $0 { record } else { nil } }
        #expect(audits.contains { "\($0)".contains("cannot be reached from this console") }, "\(audits)")
    }
}
