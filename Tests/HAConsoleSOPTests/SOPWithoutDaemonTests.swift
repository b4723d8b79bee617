import HAProtocol
import Testing

@testable import HAConsole

/// An SOP opened while the daemon does not answer: it says why it cannot start and what to
/// do, and Enter starts it once data comes (the panel says "Press Enter to start").
@Suite struct SOPWithoutDaemonTests {
    @Test("with no cluster data the run says why it cannot start; Enter starts it once data comes")
    func startsWhenDataComes() throws {
        var model = ConsoleModel(
            state: ConsoleState(source: .daemon(socket: "/run/hadaemon/hadaemon.sock"), hostNode: "alpha"), feedKinds: [.daemon],
            readOnly: false, sopDirectory: "sop", identity: .init(user: "oncall", host: "alpha"))
        _ = model.apply(.clock(now: 5_000_000, display: DisplayClock(now: Fake.epoch), wallTime: "2026-11-22T04:50:55Z"))
        _ = model.apply(.feed(0, .connection(.unreachable("cannot connect to /run/hadaemon/hadaemon.sock: No such file or directory"))))
        _ = model.apply(.procedureText(path: "sop/failover.sop", .success(try Fake.procedureText("failover"))))
        #expect(
            model.session?.notice
                == "no cluster data yet: the daemon does not answer (the screen says why); start it, then press Enter to start the run")
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.session?.notice?.hasPrefix("no cluster data yet") == true, "\(String(describing: model.session?.notice))")
        _ = model.apply(.feed(0, .connection(.connected)))
        _ = model.apply(.feed(0, .snapshot(Fake.snapshot(local: "alpha"))))
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.session?.run.state == .showing(step: 0), "\(String(describing: model.session?.run.state))")
    }
}
