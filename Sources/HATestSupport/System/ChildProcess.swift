import Glibc

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

/// A process the harness spawned with `posix_spawn`, identified by its pid.
///
/// Foundation's `Process` hands children the spawning thread's blocked signal mask on this
/// machine (swift-stack.md §3.2), so a daemon started with it never sees SIGTERM. `spawn` clears
/// the mask (POSIX_SPAWN_SETSIGMASK), resets every signal to its default action
/// (POSIX_SPAWN_SETSIGDEF: an ignored SIGPIPE would otherwise be inherited) and can put the child
/// in a session of its own, so the whole group can be signalled as `-pid`.
struct ChildProcess: Sendable {
    /// Where a standard descriptor of the child goes.
    enum Redirect {
        case null
        /// Appended to, created with mode 0644 if missing.
        case file(String)
        /// Duplicated from a descriptor of ours.
        case descriptor(Int32)
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
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        if newSession { flags |= GNUFunctions.spawnSetSID }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (target, redirect) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch redirect {
            case .null: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, target)
            }
        }
        _ = GNUFunctions.addCloseFrom(&actions, 3)
        if let workingDirectory, GNUFunctions.addChdir(&actions, workingDirectory) != 0 {
            throw HarnessError.system(call: "posix_spawn_file_actions_addchdir_np", errno: ENOSYS)
        }

        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, HostCommand.resolve(arguments[0]), &actions, &attributes, &cArguments, environ)
        guard result == 0 else { throw HarnessError.spawnFailed(arguments: arguments, errno: result) }
        return ChildProcess(pid: pid, arguments: arguments)
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
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = reapIfExited() { return status }
            if ContinuousClock.now >= deadline { return nil }
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
