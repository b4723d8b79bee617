import HAProtocol
import Testing

@testable import HAConsole

/// The go/no-go gate through the console's one reducer: keys in, effects out (what is sent,
/// what the audit trail gets), on the failover procedure (`go-no-go: yes`).
@Suite
struct GoNoGoGateTests {
    typealias Base = ConsoleModelTests

    /// The console following bravo (feed 0) and reading alpha (feed 1), with the failover run
    /// shown at its stop step; bravo's DRBD as given, fencing as given.
    static func atStop(bravoDRBD: DRBDStatus, fenced: Bool = true, procedure: String? = nil) throws -> ConsoleModel {
        var model = Base.model()
        var snapshot = Fake.snapshot(local: "bravo")
        if fenced { snapshot.fenceDevice = "external/ssh" }
        Base.apply(
            .feed(0, .connection(.connected)), .feed(0, .snapshot(snapshot)), .feed(1, .connection(.connected)),
            .feed(1, .snapshot(Fake.snapshot(local: "alpha"))),
            .feed(0, .drbd(DRBDReading(status: bravoDRBD, source: "drbdsetup status", problem: nil))), to: &model)
        _ = model.apply(.procedureText(path: "sop/failover.sop", .success(try procedure ?? Fake.procedureText("failover"))))
        for key in [ConsoleKey.enter, .enter] {  // verify the health step, then show the stop step
            _ = model.apply(.key(key, pageSize: 10))
            _ = model.apply(.tick)
        }
        #expect(model.session?.run.state == .showing(step: 1), "\(String(describing: model.session?.run.state))")
        return model
    }

    static func press(_ keys: [ConsoleKey], _ model: inout ConsoleModel) -> [ConsoleEffect] {
        keys.flatMap { key in model.apply(.key(key, pageSize: 10)) + model.apply(.tick) }
    }

    static func typed(_ text: String) -> [ConsoleKey] { text.map(ConsoleKey.character) + [.enter] }

    static func records(_ effects: [ConsoleEffect]) -> [SOPAuditRecord] {
        effects.compactMap { if case .audit(let record) = $0 { record } else { nil } }
    }

    static let healthyBravo = Fake.drbd(role: .secondary, peer: "alpha")

    @Test("a red go/no-go holds the run: c and the node's name send nothing; the typed override goes on to the usual confirmation")
    func overrideFlow() throws {
        var model = try Self.atStop(bravoDRBD: GoNoGoTests.syncingBravo())
        let hint = ConsoleModelView.render(model, width: 100, height: 30, options: RenderOptions()).text
        #expect(hint.contains("Press Enter for the go/no-go, then c and type alpha"), "\(hint)")
        var effects = Self.press([.enter], &model)
        #expect(model.session?.goNoGo?.isBlocked == true)
        let verdict = try #require(Self.records(effects).first { $0.event == .goNoGo })
        #expect(verdict.outcome == "no-go" && verdict.step == "stop-primary" && verdict.action == "shutdown")
        #expect(verdict.evidence?.contains { $0.hasPrefix("NO-GO DRBD in sync: bravo r0: SyncTarget with alpha") } == true, "\(verdict)")
        #expect(verdict.evidence?.contains { $0.hasPrefix("GO fencing: bravo fences with external/ssh") } == true, "\(verdict)")

        effects = Self.press([.character("c")] + Self.typed("alpha"), &model)
        #expect(Base.sent(effects).isEmpty, "\(effects)")
        #expect(model.session?.run.state == .showing(step: 1))
        #expect(model.session?.notice?.contains("'calpha' is not the override word") == true, "\(model.session?.notice ?? "")")

        effects = Self.press(Self.typed(GoNoGo.overrideWord), &model)
        let override = try #require(Self.records(effects).first { $0.event == .goNoGoOverride }, "\(effects)")
        #expect(override.user == "oncall" && override.host == "jump" && override.outcome == "overridden")
        #expect(override.evidence == ["NO-GO DRBD in sync: bravo r0: SyncTarget with alpha 42.0% done, disk Inconsistent (drbdsetup status)"])
        #expect(override.detail?.contains("oncall on jump typed 'override'") == true, "\(override.detail ?? "")")
        let json = override.jsonLine
        #expect(json.contains(#""event":"go_no_go_override""#) && json.contains(#""user":"oncall""#), "\(json)")
        #expect(json.contains("SyncTarget with alpha") && json.contains(#""step":"stop-primary""#), "\(json)")
        #expect(Base.sent(effects).isEmpty, "the override leads to the confirmation, not to the action")
        guard case .awaitingConfirmation = model.session?.run.state else {
            Issue.record("\(String(describing: model.session?.run.state))")
            return
        }

        effects = Self.press([.character("c")] + Self.typed("alpha"), &model)
        let sent = try #require(Base.sent(effects).first, "\(effects)")
        #expect(sent.feed == 1 && sent.request.op == .shutdown && sent.request.node == "alpha")
        let records = Self.records(effects)
        #expect(records.contains { $0.event == .confirmationGiven })
    }

    @Test("a green go/no-go is recorded and Enter goes straight to the confirmation, as before")
    func greenGoesOn() throws {
        var model = try Self.atStop(bravoDRBD: Self.healthyBravo)
        let effects = Self.press([.enter], &model)
        let verdict = try #require(Self.records(effects).first { $0.event == .goNoGo })
        #expect(verdict.outcome == "go" && verdict.evidence?.count == GoNoGo.Check.allCases.count)
        guard case .awaitingConfirmation = model.session?.run.state else {
            Issue.record("\(String(describing: model.session?.run.state))")
            return
        }
        let sent = Base.sent(Self.press([.character("c")] + Self.typed("alpha"), &model))
        #expect(sent.first?.request.op == .shutdown)
    }

    @Test("Esc (and Ctrl-C) at a red go/no-go backs out: recorded, nothing sent, and Enter checks again")
    func escBacksOut() throws {
        for key in [ConsoleKey.escape, .control("c")] {
            var model = try Self.atStop(bravoDRBD: Self.healthyBravo, fenced: false)
            _ = Self.press([.enter], &model)
            let effects = Self.press([key], &model)
            #expect(model.session?.goNoGo == nil && model.session?.run.state == .showing(step: 1))
            #expect(Self.records(effects).map(\.outcome) == ["backed out"])
            #expect(Base.sent(effects).isEmpty && !effects.contains(.quit))
            let again = Self.records(Self.press([.enter], &model))
            #expect(again.first?.outcome == "no-go" && again.first?.evidence?.contains { $0.contains("no fencing configured") } == true)
        }
    }

    @Test("a red item that turns green while the gate is open: Enter with nothing typed goes on, recorded as a go")
    func turnsGreen() throws {
        var model = try Self.atStop(bravoDRBD: GoNoGoTests.syncingBravo())
        _ = Self.press([.enter], &model)
        _ = model.apply(.feed(0, .drbd(DRBDReading(status: Self.healthyBravo, source: "drbdsetup status", problem: nil))))
        _ = model.apply(.tick)
        #expect(model.session?.goNoGo?.verdict.isGo == true, "the open panel follows the cluster")
        let effects = Self.press([.enter], &model)
        #expect(Self.records(effects).map(\.outcome) == ["go"])
        guard case .awaitingConfirmation = model.session?.run.state else {
            Issue.record("\(String(describing: model.session?.run.state))")
            return
        }
    }

    @Test("a procedure without 'go-no-go: yes' has no gate")
    func notAsked() throws {
        let text = try Fake.procedureText("failover").replacingOccurrences(of: "go-no-go: yes\n", with: "")
        var model = try Self.atStop(bravoDRBD: GoNoGoTests.syncingBravo(), procedure: text)
        let effects = Self.press([.enter], &model)
        #expect(model.session?.goNoGo == nil && Self.records(effects).isEmpty)
        guard case .awaitingConfirmation = model.session?.run.state else {
            Issue.record("\(String(describing: model.session?.run.state))")
            return
        }
    }

    @Test("the shipped failover asks for a go/no-go; 'go-no-go:' takes yes or no only")
    func parsing() throws {
        #expect(try Fake.procedure("failover").goNoGo)
        let text = try Fake.procedureText("failover").replacingOccurrences(of: "go-no-go: yes", with: "go-no-go: maybe")
        let result = ProcedureParser.parse(text, file: "sop/failover.sop")
        #expect(result.procedure == nil)
        #expect(result.diagnostics.map(\.message) == ["go-no-go must be 'yes' or 'no', found 'maybe'"], "\(result.diagnostics)")
    }

    @Test("at 80x24 the panel shows the verdict, the red item with its evidence, and the word that unlocks it", arguments: [(80, 24), (100, 30)])
    func rendered(size: (width: Int, height: Int)) throws {
        var model = try Self.atStop(bravoDRBD: GoNoGoTests.syncingBravo())
        _ = Self.press([.enter] + "over".map(ConsoleKey.character), &model)
        let screen = ConsoleModelView.render(model, width: size.width, height: size.height, options: RenderOptions())
        let lines = screen.lines
        #expect(lines.contains { $0.contains("NO-GO before shutdown on alpha: 1 of 6 checks red") }, "\(screen.text)")
        #expect(lines.contains { $0.contains("NO-GO DRBD in sync") && $0.contains("bravo r0: SyncTarget") }, "\(screen.text)")
        #expect(lines.contains { $0.contains("type override and press Enter") && $0.contains("your name): over_") }, "\(screen.text)")
        #expect(lines.contains { $0.contains("Esc back out") }, "the key row says it too\n\(screen.text)")
        let ascii = ConsoleModelView.render(model, width: size.width, height: size.height, options: RenderOptions(ascii: true))
        let text = ascii.text
        let allASCII = text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII, "\(text)")
    }
}
