import HAProtocol
import Testing

@testable import HAConsole

/// The first screen a newcomer sees when the daemon is not there: what is wrong, in full, and
/// what to do; and a log file that cannot be read is said to be unreadable, not empty.
@Suite struct NoDaemonRenderTests {
    static let reason = "cannot connect to /run/hadaemon/hadaemon.sock: No such file or directory"

    static func unreachable() -> ConsoleState {
        var state = ConsoleState(source: .daemon(socket: "/run/hadaemon/hadaemon.sock"), hostNode: "alpha")
        state.clock = DisplayClock(now: Pair.now)
        state.connectionChanged(to: .disconnected(reason: reason))
        return state
    }

    @Test("with no daemon the whole reason and what to do are on screen, at 80x24 and 100x30", arguments: [(80, 24), (100, 30)])
    func reasonAndAdvice(size: (width: Int, height: Int)) {
        let screen = ConsoleView.render(Self.unreachable(), width: size.width, height: size.height)
        let words = screen.lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(words.contains(Self.reason), "\(screen.text)")
        #expect(words.contains("systemctl start hadaemon"), "\(screen.text)")
        #expect(words.contains("--socket"), "\(screen.text)")
    }

    @Test("a log file that cannot be read says so, instead of 'no log lines yet'")
    func unreadableLog() {
        var state = Self.unreachable()
        state.logPath = "/var/log/ha-log"
        state.logProblem = "cannot read /var/log/ha-log: No such file or directory"
        let screen = ConsoleView.render(state, width: 100, height: 30)
        #expect(!screen.text.contains("no log lines yet"), "\(screen.text)")
        #expect(screen.text.contains("cannot read /var/log/ha-log: No such file or directory"), "\(screen.text)")
    }

    @Test("the feed reports a log it cannot read, and the model files it for the screen")
    func modelFilesLogProblem() {
        var model = ConsoleModel(
            state: Self.unreachable(), feedKinds: [.daemon], readOnly: false, sopDirectory: "sop", identity: .init(user: "u", host: "alpha"))
        _ = model.apply(.feed(0, .logProblem("cannot read /var/log/ha-log: No such file or directory")))
        #expect(model.state.logProblem == "cannot read /var/log/ha-log: No such file or directory")
        _ = model.apply(.feed(0, .logProblem(nil)))
        #expect(model.state.logProblem == nil)
    }
}
