import Glibc

/// A child process whose output a poll loop collects without blocking: started with its stdout
/// and stderr on one pipe, in a session (and process group) of its own with no controlling
/// terminal (so a timeout kills `sh -c` and whatever it started, and nothing can prompt on the
/// screen), read through ``fd`` when it is readable, and reaped by ``poll(now:)``.
public final class SpawnedCommand {
    /// How a finished command ended.
    public enum Outcome: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed (with its group) after the deadline passed.
        case timedOut
        /// posix_spawn failed: the text says why.
        case notStarted(String)
    }

    public let arguments: [String]
    /// The read end of the output pipe, -1 once the output is complete.
    public private(set) var fd: Int32 = -1
    public private(set) var pid: pid_t = 0
    public private(set) var output: [UInt8] = []
    public private(set) var outcome: Outcome?
    private let deadline: Int64
    /// Output beyond this is dropped (a runaway command cannot fill memory).
    private let limit: Int

    /// Starts `arguments` (argv[0] searched on PATH when it has no slash). `deadline` is a
    /// monotonic millisecond instant (``SystemClock.milliseconds()``). With `standardIO` (one end of
    /// a socket pair) the command reads and writes that descriptor as its stdin and stdout, and
    /// ``output`` collects its stderr alone.
    public init(_ arguments: [String], deadline: Int64, limit: Int = 1 << 20, standardIO: Int32? = nil) {
        self.arguments = arguments
        self.deadline = deadline
        self.limit = limit
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            outcome = .notStarted("pipe: \(String(cString: strerror(errno)))")
            return
        }
        // Not inherited by anything else this process starts (the dup2 below clears it in the child).
        for end in pipeFDs { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let standardIO {
            posix_spawn_file_actions_adddup2(&actions, standardIO, 0)
            posix_spawn_file_actions_adddup2(&actions, standardIO, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A session of its own: a process group to kill at the deadline, and no controlling
        // terminal, so nothing it runs (ssh, sudo) can prompt over the console's screen or stop
        // on a terminal read; it fails instead and says why.
        posix_spawnattr_setflags(&attributes, Self.spawnSetSID)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child = pid_t()
        let result = posix_spawnp(&child, arguments[0], &actions, &attributes, argv, environ)
        close(pipeFDs[1])
        guard result == 0 else {
            close(pipeFDs[0])
            outcome = .notStarted("\(arguments[0]): \(String(cString: strerror(result)))")
            return
        }
        pid = child
        fd = pipeFDs[0]
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    /// glibc's `POSIX_SPAWN_SETSID` (spawn.h, since 2.26), which Swift's Glibc module does not
    /// export (it is behind `__USE_GNU`).
    static let spawnSetSID: Int16 = 0x80

    deinit {
        if outcome == nil { terminate() }
        if fd >= 0 { close(fd) }
    }

    /// The output read so far, handed over and forgotten (for a command that streams).
    public func takeOutput() -> [UInt8] {
        drain()
        defer { output = [] }
        return output
    }

    /// The output as text (invalid UTF-8 repaired).
    public var text: String { String(decoding: output, as: UTF8.self) }

    /// Reads what is there, reaps the child once its output is complete, and kills its group
    /// when the deadline has passed. Returns the outcome once finished, nil while it runs.
    @discardableResult
    public func poll(now: Int64) -> Outcome? {
        if let outcome { return outcome }
        drain()
        if fd < 0 {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let signal = status & 0x7f
                outcome = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
                return outcome
            }
        }
        if now >= deadline {
            terminate()
            outcome = .timedOut
        }
        return outcome
    }

    /// SIGKILLs the command's process group and reaps it (bounded: the kill cannot be ignored).
    public func terminate() {
        guard pid > 0, outcome == nil else { return }
        Glibc.kill(-pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        if fd >= 0 {
            close(fd)
            fd = -1
        }
    }

    private func drain() {
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n > 0 {
                if output.count < limit { output += buffer[0..<min(n, limit - output.count)] }
                continue
            }
            if n == 0 || (errno != EAGAIN && errno != EINTR) {
                close(fd)
                fd = -1
            }
            return
        }
    }
}
