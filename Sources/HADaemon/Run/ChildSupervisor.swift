import Glibc
import HAHost
import HAProtocol

/// Runs the programs of ha.cf's `respawn` and `failfast` lines as Heartbeat 3.0.6 does
/// (heartbeat.c `start_a_child_client`, `ManagedChildDied`; spec §1.3, §4.3 step 6, §4.6.4 step
/// 4), without ever blocking the poll loop.
///
/// ``start(_:now:)`` at comm-up starts each program as its line's user with
/// `/bin/sh -c "exec COMMAND"`, in a session of its own, standard descriptors on /dev/null, the
/// environment `PATH` plus `HA_NAME=value` for each `env` line. ``supervise(now:shuttingDown:)``,
/// called every loop turn, reaps the children that ended (waking the loop through
/// ``pollDescriptors``), applies ``RespawnPolicy``, restarts, and runs the reboot a `failfast`
/// child asks for. After the release, ``beginStop(now:)`` stops the children last line first,
/// each with SIGTERM to its process group, then SIGKILL after ``stopGrace``. Every method
/// returns the ha-log lines to write, in Heartbeat's words.
final class ChildSupervisor {
    /// One supervised line and its current run.
    struct Child {
        let line: HACF.ClientChild
        let command: String
        var uid: uid_t = 0
        var gid: gid_t = 0
        var policy = RespawnPolicy()
        var process: SpawnedCommand?
        var exitFD: Int32 = -1
        var startedAt = MonotonicTime(nanoseconds: 0)
        var restartAt: MonotonicTime?
        /// Starts so far, for the snapshot and tests.
        var starts = 0
    }

    typealias Line = RespawnPolicy.Line

    /// The reboot a dying `failfast` child asks for (Heartbeat's fallback `reboot -nf`).
    var rebootCommand = ["/sbin/reboot", "-nf"]
    /// How long a child may take to end after SIGTERM at a clean stop before it gets SIGKILL.
    var stopGrace: Duration = .seconds(5)
    private(set) var children: [Child] = []
    private(set) var hasStarted = false
    /// Set by ``beginStop(now:)``: the children are being stopped for good.
    private(set) var stopRequested = false
    /// The child being stopped (an index into ``children``, last first) and when it gets SIGKILL.
    private var stopping: (index: Int, killAt: MonotonicTime?)?
    private var reboot: SpawnedCommand?
    /// True once the reboot command failed: Heartbeat then exits 1 (`ALL REBOOT OPTIONS FAILED`).
    private(set) var rebootFailed = false
    private var environment: [String: String] = [:]

    /// True when every child has been stopped after ``beginStop(now:)``.
    var isStopped: Bool { stopRequested && stopping == nil }

    /// The descriptors that wake the loop when a child (or the reboot) exits.
    var pollDescriptors: [Int32] { children.map(\.exitFD).filter { $0 >= 0 } }

    /// The supervised programs for the snapshot, in file order; nil when there are none.
    var snapshot: [ChildSnapshot]? {
        guard !children.isEmpty else { return nil }
        return children.map { child in
            let state: ChildSnapshot.State =
                child.process != nil ? .running : child.restartAt != nil && !stopRequested ? .restarting : .down
            return ChildSnapshot(
                command: child.command, user: child.line.user, failfast: child.line.failfast, state: state,
                pid: child.process.map { Int($0.pid) }, restarts: max(0, child.starts - 1))
        }
    }

    deinit {
        for child in children where child.exitFD >= 0 { close(child.exitFD) }
    }

    /// At comm-up: says what becomes of each line and starts the programs, in file order.
    func start(_ cf: HACF, now: MonotonicTime) -> [Line] {
        guard !hasStarted else { return [] }
        hasStarted = true
        environment = cf.childEnvironment
        environment["PATH"] = ResourceScriptRunner.defaultPath
        var lines: [Line] = []
        for line in cf.respawn {
            let directive = line.failfast ? "failfast" : "respawn"
            switch line.client {
            case .ipfail, .dopd:
                let name = line.client == .ipfail ? "ipfail" : "dopd"
                lines.append(Line(level: .info, text: "\(directive) line \(line.line): \(name) is built into hadaemon; not started"))
            case .apiClient(let name):
                lines.append(Line(level: .warn, text: "\(directive) line \(line.line): \(name) needs Heartbeat's API; not started"))
            case .program:
                var child = Child(line: line, command: line.commandLine)
                guard let user = getpwnam(line.user) else {
                    lines.append(Line(level: .error, text: "Invalid uid [\(line.user)] specified for client child"))
                    continue
                }
                (child.uid, child.gid) = (user.pointee.pw_uid, user.pointee.pw_gid)
                children.append(child)
                lines += spawn(children.count - 1, now: now)
            }
        }
        return lines
    }

    /// Reaps, restarts and stops; call every loop turn. `shuttingDown`: a clean stop has begun,
    /// so nothing is restarted and no death reboots.
    func supervise(now: MonotonicTime, shuttingDown: Bool) -> [Line] {
        var lines: [Line] = []
        for index in children.indices {
            lines += reap(index, now: now, shuttingDown: shuttingDown || stopRequested)
            if let due = children[index].restartAt, due <= now, !shuttingDown, !stopRequested, reboot == nil {
                children[index].restartAt = nil
                lines += spawn(index, now: now)
            }
        }
        lines += checkReboot()
        lines += continueStop(now: now)
        return lines
    }

    /// After the release (§4.6.4 step 4): stop the children in reverse order of their lines.
    func beginStop(now: MonotonicTime) -> [Line] {
        guard !stopRequested else { return [] }
        stopRequested = true
        for index in children.indices { children[index].restartAt = nil }
        stopping = children.isEmpty ? nil : (children.count - 1, nil)
        return continueStop(now: now)
    }

    /// The latest instant the loop may sleep to: a restart due, a SIGKILL due, or a short
    /// poll when a child runs without a pidfd to wake the loop.
    func nextWake(now: MonotonicTime) -> MonotonicTime? {
        var wake: MonotonicTime?
        func consider(_ instant: MonotonicTime) { wake = min(wake ?? instant, instant) }
        for child in children {
            if let due = child.restartAt, !stopRequested { consider(due) }
            if child.process != nil && child.exitFD < 0 { consider(now + .milliseconds(100)) }
        }
        if let killAt = stopping?.killAt { consider(killAt) }
        if reboot != nil { consider(now + .milliseconds(50)) }
        return wake
    }

    private func spawn(_ index: Int, now: MonotonicTime) -> [Line] {
        let child = children[index]
        var lines = [Line(level: .info, text: "Starting child client \"\(child.command)\" (\(child.uid),\(child.gid))")]
        // Heartbeat checks before it forks: what will not exec is not respawned either.
        guard let program = child.line.command.first, access(program, X_OK) == 0 else {
            lines.append(Line(level: .error, text: "Cannot exec \(child.command): \(String(cString: strerror(errno)))"))
            return lines
        }
        let launch = ProcessLaunch(
            ["/bin/sh", "-c", "exec " + child.command], environment: environment, standardOutput: .null, standardError: .null
        ).running(asUser: child.uid, group: child.gid)
        let process = SpawnedCommand(launch, deadline: .max, limit: 0)
        if case .notStarted(let why) = process.outcome {
            lines.append(Line(level: .error, text: "Cannot exec \(child.command): \(why)"))
            return lines
        }
        children[index].process = process
        children[index].exitFD = process.openExitDescriptor()
        children[index].startedAt = now
        children[index].starts += 1
        lines.append(
            Line(level: .info, text: "Starting \"\(child.command)\" as uid \(child.uid)  gid \(child.gid) (pid \(process.pid))"))
        return lines
    }

    private func reap(_ index: Int, now: MonotonicTime, shuttingDown: Bool) -> [Line] {
        guard let process = children[index].process, let outcome = process.poll(now: SystemClock.milliseconds()) else { return [] }
        if children[index].exitFD >= 0 { close(children[index].exitFD) }
        children[index].exitFD = -1
        children[index].process = nil
        let ending: RespawnPolicy.Ending
        switch outcome {
        case .exited(let code): ending = .exited(code)
        case .signalled(let signal): ending = .signalled(signal)
        case .timedOut, .notStarted: ending = .signalled(SIGKILL)
        }
        let child = children[index]
        let verdict = children[index].policy.ended(
            ending, pid: process.pid, command: child.command, ranFor: now - child.startedAt, failfast: child.line.failfast,
            stopping: shuttingDown)
        switch verdict.next {
        case .restart(let pause): children[index].restartAt = now + pause
        case .reboot: return verdict.lines + startReboot()
        case .leaveDown, .stopped: break
        }
        return verdict.lines
    }

    private func startReboot() -> [Line] {
        guard reboot == nil, !rebootCommand.isEmpty else { return [] }
        // cl_reboot syncs first: the reason must survive the reboot in ha-log.
        sync()
        // A reboot that has not taken the machine down in 30 s has failed (and is killed).
        reboot = SpawnedCommand(
            ProcessLaunch(rebootCommand, standardOutput: .null, standardError: .null), deadline: SystemClock.milliseconds() + 30_000,
            limit: 0)
        return checkReboot()
    }

    private func checkReboot() -> [Line] {
        guard let reboot, !rebootFailed, let outcome = reboot.poll(now: SystemClock.milliseconds()) else { return [] }
        let returned: String
        switch outcome {
        case .exited(0): return []
        case .exited(let code): returned = String(code)
        case .signalled(let signal): returned = "signal \(signal)"
        case .timedOut: returned = "a timeout"
        case .notStarted(let why): returned = why
        }
        rebootFailed = true
        return [Line(level: .other("EMERG"), text: "ALL REBOOT OPTIONS FAILED: \(rebootCommand.joined(separator: " ")) returned \(returned)")]
    }

    /// One step of the reverse-order stop: signal the current child, escalate, or move on.
    private func continueStop(now: MonotonicTime) -> [Line] {
        var lines: [Line] = []
        while let (index, killAt) = stopping {
            let child = children[index]
            guard let process = child.process else {
                if killAt == nil { lines.append(Line(level: .info, text: "client [\(child.command)] is not running.")) }
                stopping = index > 0 ? (index - 1, nil) : nil
                continue
            }
            if killAt == nil {
                lines.append(Line(level: .info, text: "killing \(child.command) process group \(process.pid) with signal \(SIGTERM)"))
                kill(-process.pid, SIGTERM)
                stopping = (index, now + stopGrace)
            } else if let killAt, now >= killAt {
                lines.append(Line(level: .warn, text: "killing \(child.command) process group \(process.pid) with signal \(SIGKILL)"))
                process.terminate()
                lines += reap(index, now: now, shuttingDown: true)
                stopping = index > 0 ? (index - 1, nil) : nil
                continue
            }
            return lines
        }
        return lines
    }
}
