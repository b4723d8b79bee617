import HAProtocol

/// What happens when a `respawn` or `failfast` child ends, in Heartbeat 3.0.6's words and
/// numbers (heartbeat.c `ManagedChildDied`, spec §1.3): pure, so every rule is unit-tested.
///
/// Outside a clean stop a non-zero exit and a death by a signal are logged; a `failfast` child
/// that ended so reboots the machine; exit code 100 means "do not restart me"; any other end is
/// restarted, after a one-second pause when the run was short (Heartbeat's child sleeps 1 s),
/// unless this was the eleventh death in a row each within 30 s of its start: then the child is
/// left down and the count starts again. During a clean stop nothing is restarted or rebooted.
struct RespawnPolicy: Sendable, Equatable {
    /// A run shorter than this counts as a quick death (Heartbeat: 30000 ms).
    static let quickRun: Duration = .seconds(30)
    /// Quick deaths in a row tolerated; one more leaves the child down (Heartbeat: `> 10`).
    static let quickDeathsTolerated = 10
    /// The pause before restarting a child whose last run was short (Heartbeat: `sleep(1)`).
    static let quickRestartPause: Duration = .seconds(1)

    /// How a child ended, from its wait status.
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// What the supervisor does next.
    enum Next: Sendable, Equatable {
        /// Start it again after this pause.
        case restart(after: Duration)
        /// Leave it down: it asked (exit 100), or it respawned too fast.
        case leaveDown
        /// A `failfast` child died: reboot the machine now.
        case reboot
        /// A clean stop is under way: it stays down.
        case stopped
    }

    /// One ha-log line.
    struct Line: Sendable, Equatable {
        var level: HALogLevel
        var text: String
    }

    struct Verdict: Sendable, Equatable {
        var next: Next
        var lines: [Line]
    }

    /// Quick deaths in a row (Heartbeat's `shortrcount`).
    private(set) var quickDeaths = 0
    /// Restarts so far (Heartbeat's `respawncount`).
    private(set) var restarts = 0

    /// The verdict on a child running `command` (as pid `pid`, for `ranFor`) that ended.
    mutating func ended(
        _ ending: Ending, pid: Int32, command: String, ranFor: Duration, failfast: Bool, stopping: Bool
    ) -> Verdict {
        var lines: [Line] = []
        if stopping { return Verdict(next: .stopped, lines: lines) }
        switch ending {
        case .exited(0): break
        case .exited(let code): lines.append(Line(level: .error, text: "Client \(command) exited with return code \(code)."))
        case .signalled(let signal): lines.append(Line(level: .error, text: "Client \(command) (pid=\(pid)) killed by signal \(signal)."))
        }
        if failfast && ending != .exited(0) {
            // cl_reboot's words, at LOG_EMERG.
            lines.append(Line(level: .other("EMERG"), text: "Rebooting system.  Reason: \(command)"))
            return Verdict(next: .reboot, lines: lines)
        }
        if ending == .exited(100) { return Verdict(next: .leaveDown, lines: lines) }
        restarts += 1
        quickDeaths = ranFor < Self.quickRun ? quickDeaths + 1 : 0
        if quickDeaths > Self.quickDeathsTolerated {
            quickDeaths = 0
            lines.append(Line(level: .error, text: "Client \(command) \"respawning too fast\""))
            return Verdict(next: .leaveDown, lines: lines)
        }
        lines.append(Line(level: .error, text: "Respawning client \"\(command)\":"))
        return Verdict(next: .restart(after: quickDeaths > 0 ? Self.quickRestartPause : .zero), lines: lines)
    }
}
