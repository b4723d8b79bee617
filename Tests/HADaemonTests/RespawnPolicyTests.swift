import HAProtocol
import Testing

@testable import HADaemon

/// Heartbeat's rules for a `respawn`/`failfast` child that ended (heartbeat.c `ManagedChildDied`).
@Suite struct RespawnPolicyTests {
    static let command = "/usr/local/bin/agent --flag"

    func end(
        _ policy: inout RespawnPolicy, _ ending: RespawnPolicy.Ending, ranFor: Duration = .seconds(1), failfast: Bool = false,
        stopping: Bool = false
    ) -> RespawnPolicy.Verdict {
        policy.ended(ending, pid: 4242, command: Self.command, ranFor: ranFor, failfast: failfast, stopping: stopping)
    }

    @Test("a non-zero exit is logged in Heartbeat's words and restarted after the one-second pause of a short run")
    func nonZeroExit() {
        var policy = RespawnPolicy()
        let verdict = end(&policy, .exited(3))
        #expect(verdict.next == .restart(after: .seconds(1)))
        #expect(
            verdict.lines == [
                .init(level: .error, text: "Client /usr/local/bin/agent --flag exited with return code 3."),
                .init(level: .error, text: "Respawning client \"/usr/local/bin/agent --flag\":"),
            ])
    }

    @Test("a death by a signal names the pid and the signal; a long run restarts at once and clears the count")
    func signalledAfterLongRun() {
        var policy = RespawnPolicy()
        _ = end(&policy, .exited(1))
        let verdict = end(&policy, .signalled(9), ranFor: .seconds(31))
        #expect(verdict.next == .restart(after: .zero))
        #expect(verdict.lines.first == .init(level: .error, text: "Client /usr/local/bin/agent --flag (pid=4242) killed by signal 9."))
        #expect(policy.quickDeaths == 0 && policy.restarts == 2)
    }

    @Test("exit code 100 means do not restart me: only the exit is logged")
    func exit100() {
        var policy = RespawnPolicy()
        let verdict = end(&policy, .exited(100))
        #expect(verdict.next == .leaveDown)
        #expect(verdict.lines == [.init(level: .error, text: "Client /usr/local/bin/agent --flag exited with return code 100.")])
    }

    @Test("ten quick deaths in a row are restarted; the eleventh leaves the child down and resets the count")
    func respawningTooFast() {
        var policy = RespawnPolicy()
        for _ in 1...10 { #expect(end(&policy, .exited(1), ranFor: .milliseconds(29_999)).next == .restart(after: .seconds(1))) }
        let verdict = end(&policy, .exited(1), ranFor: .milliseconds(10))
        #expect(verdict.next == .leaveDown)
        #expect(verdict.lines.last == .init(level: .error, text: "Client /usr/local/bin/agent --flag \"respawning too fast\""))
        #expect(policy.quickDeaths == 0)
    }

    @Test("a run of 30 s or more breaks the series of quick deaths")
    func longRunBreaksSeries() {
        var policy = RespawnPolicy()
        for _ in 1...10 { _ = end(&policy, .exited(1)) }
        _ = end(&policy, .exited(1), ranFor: .seconds(30))
        for _ in 1...10 { #expect(end(&policy, .exited(1)).next != .leaveDown) }
    }

    @Test("a failfast child that dies by a signal or exits non-zero reboots, with cl_reboot's words")
    func failfastReboots() {
        for ending in [RespawnPolicy.Ending.exited(1), .signalled(15)] {
            var policy = RespawnPolicy()
            let verdict = end(&policy, ending, failfast: true)
            #expect(verdict.next == .reboot)
            #expect(verdict.lines.last == .init(level: .other("EMERG"), text: "Rebooting system.  Reason: /usr/local/bin/agent --flag"))
        }
    }

    @Test("a failfast child that exits 0 is only respawned")
    func failfastCleanExit() {
        var policy = RespawnPolicy()
        #expect(
            end(&policy, .exited(0), failfast: true)
                == .init(
                    next: .restart(after: .seconds(1)),
                    lines: [
                        .init(level: .error, text: "Respawning client \"/usr/local/bin/agent --flag\":")
                    ]))
    }

    @Test("during a clean stop nothing is logged, restarted or rebooted")
    func stopping() {
        var policy = RespawnPolicy()
        #expect(end(&policy, .signalled(15), failfast: true, stopping: true) == .init(next: .stopped, lines: []))
        #expect(policy.restarts == 0)
    }
}
