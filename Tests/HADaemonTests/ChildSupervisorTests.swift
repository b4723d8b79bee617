import Foundation
import Glibc
import HAHost
import HAProtocol
import Testing

@testable import HADaemon

/// The supervisor with real processes and no network: what the netns tests cannot wait for
/// cheaply (a child that ignores SIGTERM) or do not reach (a program that cannot exec).
@Suite(.serialized) struct ChildSupervisorTests {
    static let base = "node alpha\nnode bravo\nucast hb0 192.0.2.12\nlogfile /x\nauto_failback on\n"

    /// A supervisor started on `lines` (its stop grace `grace`).
    func started(_ lines: String, grace: Duration = .milliseconds(200)) -> (ChildSupervisor, [String]) {
        let supervisor = ChildSupervisor()
        supervisor.stopGrace = grace
        let cf = HACFParser.parse(Self.base + lines).value
        return (supervisor, supervisor.start(cf, now: SystemClock.now()).map(\.text))
    }

    /// Supervises until `done` or two seconds; returns every line written meanwhile.
    func supervise(_ supervisor: ChildSupervisor, until done: () -> Bool) async throws -> [String] {
        var lines: [String] = []
        let giveUp = SystemClock.now() + .seconds(2)
        while !done() && SystemClock.now() < giveUp {
            lines += supervisor.supervise(now: SystemClock.now(), shuttingDown: supervisor.stopRequested).map(\.text)
            try await Task.sleep(for: .milliseconds(10))
        }
        return lines
    }

    @Test("a child that ignores SIGTERM gets SIGKILL after the grace, and the stop then completes")
    func stopEscalates() async throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let script = tmp.path + "/stubborn.sh"
        try "#!/bin/sh\ntrap '' TERM\necho up > \(tmp.path)/up\nwhile :; do sleep 0.05; done\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let (supervisor, startLines) = started("respawn root \(script)\n")
        #expect(startLines.first == "Starting child client \"\(script)\" (0,0)")
        _ = try await supervise(supervisor) { FileManager.default.fileExists(atPath: tmp.path + "/up") }
        let pid = try #require(supervisor.children.first?.process?.pid)

        let began = SystemClock.now()
        var lines = supervisor.beginStop(now: began).map(\.text)
        lines += try await supervise(supervisor) { supervisor.isStopped }
        #expect(supervisor.isStopped)
        #expect(SystemClock.now() - began >= .milliseconds(200))
        #expect(
            lines == [
                "killing \(script) process group \(pid) with signal 15", "killing \(script) process group \(pid) with signal 9",
            ])
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "the stubborn child is still there")
    }

    @Test("a program that cannot be executed is logged as Heartbeat's 'Cannot exec' and never started")
    func cannotExec() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        try "#!/bin/sh\n".write(toFile: tmp.path + "/plain", atomically: true, encoding: .utf8)
        let (supervisor, lines) = started("respawn root \(tmp.path)/plain --x\n")
        #expect(lines == ["Starting child client \"\(tmp.path)/plain --x\" (0,0)", "Cannot exec \(tmp.path)/plain --x: Permission denied"])
        #expect(supervisor.children.first?.process == nil && supervisor.nextWake(now: SystemClock.now()) == nil)
    }

    @Test("a failfast child's death runs the reboot command once; when it fails, Heartbeat's last words and rebootFailed")
    func rebootFails() async throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let script = tmp.path + "/dies.sh"
        try "#!/bin/sh\nexit 2\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let supervisor = ChildSupervisor()
        supervisor.rebootCommand = ["/bin/false", "-nf"]
        _ = supervisor.start(HACFParser.parse(Self.base + "failfast root \(script)\n").value, now: SystemClock.now())
        let lines = try await supervise(supervisor) { supervisor.rebootFailed }
        #expect(
            lines == [
                "Client \(script) exited with return code 2.", "Rebooting system.  Reason: \(script)",
                "ALL REBOOT OPTIONS FAILED: /bin/false -nf returned 1",
            ])
        #expect(supervisor.children.first?.process == nil && supervisor.snapshot?.first?.state == .down)
    }
}
