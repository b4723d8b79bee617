import Glibc

/// A child process a poll loop runs without blocking: started by ``ProcessLaunch`` (by default in
/// a session of its own with stdout and stderr on one pipe), read through ``fd`` (and
/// ``errorFD``) when readable, reaped by ``poll(now:)``, and killed with its whole process group
/// when it outlives its deadline. ``run(_:timeout:limit:killGrace:cancelled:)`` is the same thing
/// waited for.
///
/// The command ends when its direct child exits: what the child wrote is read to the last byte,
/// and a grandchild that keeps the pipe open (a daemon a resource script started) does not hold
/// it. Only an overrun kills the group: SIGTERM to `-pid`, then, after the kill grace (or at once
/// without one), SIGKILL to `-pid`, sent while the child is still unreaped so that the id cannot
/// have been reused.
public final class SpawnedCommand {
    /// How a finished command ended.
    public enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed (with its group) after the deadline passed.
        case timedOut
        /// The spawn failed: the text says why.
        case notStarted(String)
    }

    public let arguments: [String]
    /// The read end of the first captured stream (stdout, or stderr when only it is captured);
    /// -1 once it is complete.
    public private(set) var fd: Int32 = -1
    /// The read end of stderr when it is captured apart from stdout; -1 otherwise or once complete.
    public private(set) var errorFD: Int32 = -1
    public private(set) var pid: pid_t = 0
    /// What arrived on ``fd``, up to the limit.
    public private(set) var output: [UInt8] = []
    /// What arrived on ``errorFD``, up to the limit.
    public private(set) var errorOutput: [UInt8] = []
    /// True when either stream passed the limit and bytes were dropped.
    public private(set) var outputTruncated = false
    public private(set) var outcome: Outcome?
    /// Why the spawn failed, with its errno, when the outcome is ``Outcome/notStarted(_:)``.
    public private(set) var startFailure: ProcessLaunch.Failure?
    /// Monotonic milliseconds (``SystemClock/milliseconds()``) after which the group is signalled
    /// (after, not at: a truncated millisecond must not end a run early).
    let deadline: Int64
    /// Bytes kept per stream: a runaway command cannot fill memory (the rest is read and dropped,
    /// so the child never blocks on a full pipe).
    private let limit: Int
    private let killGrace: Int64
    /// Set once the group has had SIGTERM: when it gets SIGKILL.
    private(set) var killAt: Int64?

    /// Starts `arguments` with stdout and stderr on one pipe. `deadline` is a monotonic
    /// millisecond instant (``SystemClock/milliseconds()``). With `standardIO` (one end of a
    /// socket pair) the command reads and writes that descriptor as its stdin and stdout, and
    /// ``output`` collects its stderr alone.
    public convenience init(_ arguments: [String], deadline: Int64, limit: Int = 1 << 20, standardIO: Int32? = nil) {
        var launch = ProcessLaunch(arguments)
        if let standardIO {
            launch.standardInput = .descriptor(standardIO)
            launch.standardOutput = .descriptor(standardIO)
            launch.standardError = .capture
        }
        self.init(launch, deadline: deadline, limit: limit)
    }

    /// Starts `launch`; a failed start is an ``Outcome/notStarted(_:)`` outcome, never a throw.
    /// `killGrace` (milliseconds) is the time between SIGTERM and SIGKILL at the deadline.
    public init(_ launch: ProcessLaunch, deadline: Int64, limit: Int = 1 << 20, killGrace: Int64 = 0) {
        arguments = launch.arguments
        self.deadline = deadline
        self.limit = max(0, limit)
        self.killGrace = max(0, killGrace)
        do {
            let started = try launch.start()
            pid = started.pid
            (fd, errorFD) = started.standardOutput >= 0 ? (started.standardOutput, started.standardError) : (started.standardError, -1)
        } catch {
            startFailure = error
            outcome = .notStarted(error.description)
        }
    }

    deinit {
        if outcome == nil { terminate() }
        closePipes()
    }

    /// The output read so far, handed over and forgotten (for a command that streams).
    public func takeOutput() -> [UInt8] {
        drain()
        defer { output = [] }
        return output
    }

    /// The output as text (invalid UTF-8 repaired).
    public var text: String { String(decoding: output, as: UTF8.self) }

    /// Reads what is there, reaps the child once it has exited, and signals its group when the
    /// deadline (then the kill grace) has passed. Returns the outcome once finished, nil while
    /// it runs.
    @discardableResult
    public func poll(now: Int64) -> Outcome? {
        if let outcome { return outcome }
        drain()
        if hasExited() {
            // Everything the child wrote is in the pipe now; a grandchild's later output is not ours.
            drain()
            if killAt != nil { Glibc.kill(-pid, SIGKILL) }
            let ended = reap()
            finish(killAt != nil ? .timedOut : ended)
        } else if let killAt, now > killAt {
            terminate()
            outcome = .timedOut
        } else if killAt == nil, now > deadline {
            if killGrace == 0 {
                terminate()
                outcome = .timedOut
            } else {
                Glibc.kill(-pid, SIGTERM)
                killAt = now + killGrace
            }
        }
        return outcome
    }

    /// SIGKILLs the command's process group and reaps it, waiting at most a second: a child
    /// stuck in the kernel (a `drbdsetup` in uninterruptible sleep) dies only when its system
    /// call returns, and is then left unreaped rather than stalling the caller.
    public func terminate() {
        guard pid > 0, outcome == nil else { return }
        Glibc.kill(-pid, SIGKILL)
        Glibc.kill(pid, SIGKILL)
        let giveUp = SystemClock.milliseconds() + 1000
        while !hasExited() && SystemClock.milliseconds() < giveUp { usleep(1000) }
        drain()
        finish(hasExited() ? reap() : .signalled(SIGKILL))
    }

    private func finish(_ outcome: Outcome) {
        self.outcome = outcome
        closePipes()
    }

    /// True once the child is a zombie, without reaping it (the pid stays ours to signal).
    private func hasExited() -> Bool {
        var info = siginfo_t()
        let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        // With WNOHANG and nothing to report the kernel leaves si_signo 0; ECHILD: reaped elsewhere.
        return (result == 0 && info.si_signo == SIGCHLD) || (result == -1 && errno == ECHILD)
    }

    /// Waits for the child (called once it has exited or been SIGKILLed) and decodes its status.
    private func reap() -> Outcome {
        var status: Int32 = 0
        var reaped: pid_t
        repeat { reaped = waitpid(pid, &status, 0) } while reaped == -1 && errno == EINTR
        guard reaped == pid else { return .signalled(SIGKILL) }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    private func drain() {
        read(&fd, into: &output)
        read(&errorFD, into: &errorOutput)
    }

    private func read(_ descriptor: inout Int32, into bytes: inout [UInt8]) {
        guard descriptor >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(descriptor, &buffer, buffer.count)
            if n > 0 {
                let room = max(0, limit - bytes.count)
                if n > room { outputTruncated = true }
                bytes += buffer[0..<min(n, room)]
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n == 0 || errno != EAGAIN {
                close(descriptor)
                descriptor = -1
            }
            return
        }
    }

    private func closePipes() {
        for descriptor in [fd, errorFD] where descriptor >= 0 { close(descriptor) }
        (fd, errorFD) = (-1, -1)
    }
}
