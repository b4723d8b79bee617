import HAProtocol
import Testing

@testable import HAConsole

/// Ctrl-C reaches the model as a key (the terminal turns the tty's interrupt character off):
/// it quits like `q`, asks like `q` during a run, and cancels what is being typed.
@Suite struct ConsoleModelControlCTests {
    typealias Base = ConsoleModelTests

    /// The failover run walked to its stop action, with `c` pressed: the node name is being typed.
    static func typingConfirmation() throws -> ConsoleModel {
        var model = Base.model()
        Base.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot(local: "bravo"))), to: &model)
        _ = model.apply(.procedureText(path: "sop/failover.sop", .success(try Fake.procedureText("failover"))))
        let override = GoNoGo.overrideWord.map(ConsoleKey.character) + [.enter]
        for key in [ConsoleKey.enter, .enter, .enter] + override + [.character("c"), .character("a")] {
            _ = model.apply(.key(key, pageSize: 10))
            _ = model.apply(.tick)
        }
        return model
    }

    @Test("Ctrl-C on the main screen and in the procedure picker quits")
    func quitsOutsideARun() {
        var model = Base.model()
        #expect(model.apply(.key(.control("c"), pageSize: 10)) == [.quit])
        _ = model.apply(.procedureList(.success(["sop/failover.sop"])))
        #expect(model.picker != nil)
        #expect(model.apply(.key(.control("c"), pageSize: 10)) == [.quit])
    }

    @Test("Ctrl-C while a node name is typed cancels the typing; once more, it asks as q does")
    func cancelsTypingThenAsks() throws {
        var model = try Self.typingConfirmation()
        #expect(model.session?.typing == .confirmation("a"), "\(String(describing: model.session?.typing))")
        #expect(!model.apply(.key(.control("c"), pageSize: 10)).contains(.quit))
        #expect(model.session?.typing == SOPSession.Typing.none)
        let effects = model.apply(.key(.control("c"), pageSize: 10))
        #expect(!effects.contains(.quit))
        #expect(model.state.message?.text.contains("An SOP run is in progress") == true)
        #expect(model.apply(.key(.character("q"), pageSize: 10)) == effects, "q and Ctrl-C answer alike")
    }

    @Test("Ctrl-C at the abort question cancels the question, not the run")
    func cancelsAbortQuestion() throws {
        var model = try Self.typingConfirmation()
        _ = model.apply(.key(.escape, pageSize: 10))
        _ = model.apply(.key(.character("a"), pageSize: 10))
        #expect(model.session?.typing == .abortQuestion)
        #expect(!model.apply(.key(.control("c"), pageSize: 10)).contains(.quit))
        #expect(model.session?.typing == SOPSession.Typing.none)
        #expect(model.session?.run.isFinished == false)
    }
}
