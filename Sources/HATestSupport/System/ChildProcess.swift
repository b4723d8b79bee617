import Glibc
import HAHost
import HAProtocol

/// How a child process ended, decoded from a `waitpid` status.
public enum ExitStatus: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public init(waitStatus status: Int32) {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// A process the harness started, identified by its pid.
///
/// Started by HAHost's ``ProcessLaunch``, never Foundation's `Process`, which hands children the
/// spawning thread's blocked signal mask on this machine (swift-stack.md §3.2): the child gets an
/// empty mask, every signal at its default action (an ignored SIGPIPE would otherwise be
/// inherited), and optionally a session of its own, so the whole group can be signalled as `-pid`.
struct ChildProcess: Sendable {
    /// Where a standard descriptor of the child goes.
    enum Redirect {
        case null
        /// Appended to, created with mode 0644 if missing.
        case file(String)
        /// Duplicated from a descriptor of ours.
        case descriptor(Int32)

        var output: ProcessLaunch.Output {
            switch self {
            case .null: .null
            case .file(let path): .file(path)
            case .descriptor(let fd): .descriptor(fd)
            }
        }
    }

    let pid: pid_t
    let arguments: [String]

    /// Spawns `arguments` (the first is looked up with `HostCommand.resolve`) with standard input from /dev/null.
    /// Descriptors other than 0, 1 and 2 are closed in the child.
    static func spawn(
        _ arguments: [String], stdout: Redirect = .null, stderr: Redirect = .null, newSession: Bool = false,
        workingDirectory: String? = nil
    ) throws -> ChildProcess {
        precondition(!arguments.isEmpty, "spawn needs a program")
        let launch = ProcessLaunch(
            [HostCommand.resolve(arguments[0])] + arguments.dropFirst(), standardOutput: stdout.output, standardError: stderr.output,
            newSession: newSession, workingDirectory: workingDirectory)
        do {
            return ChildProcess(pid: try launch.start().pid, arguments: arguments)
        } catch {
            throw HarnessError(error, arguments: arguments)
        }
    }

    /// Reaps the child if it has exited; nil while it runs. Call it only until it returns a status.
    func reapIfExited() -> ExitStatus? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return ExitStatus(waitStatus: status) }
        // ECHILD: somebody else reaped it; report it as gone rather than running forever.
        if result == -1 && errno == ECHILD { return .signaled(0) }
        return nil
    }

    /// Polls every millisecond, blocking the calling thread, until the child exits or `timeout`
    /// passes; nil on timeout. For short waits (a SIGKILLed child, a quick command).
    func waitBlocking(timeout: Duration) -> ExitStatus? {
        let deadline = SystemClock.now() + timeout
        while true {
            if let status = reapIfExited() { return status }
            if SystemClock.now() >= deadline { return nil }
            usleep(1000)
        }
    }

    /// Sends `signal` to the child's process group when it leads one (spawned with
    /// `newSession`), and to the child itself.
    func send(_ signal: Int32, toGroup: Bool) {
        if toGroup { Glibc.kill(-pid, signal) }
        Glibc.kill(pid, signal)
    }
}

extension HarnessError {
    /// A failed ``ProcessLaunch``: the spawn itself, or a call made to prepare it.
    init(_ failure: ProcessLaunch.Failure, arguments: [String]) {
        let isSpawn = failure.call == HostCommand.resolve(arguments[0])
        self = isSpawn ? .spawnFailed(arguments: arguments, errno: failure.errno) : .system(call: failure.call, errno: failure.errno)
    }
}
