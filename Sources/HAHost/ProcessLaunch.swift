import Glibc

/// How to start one child process: what it runs, with which environment, where its standard
/// descriptors go, and whether it gets a session of its own. ``start()`` is the only
/// `posix_spawn` in the package; ``SpawnedCommand`` adds capture, a deadline and reaping.
///
/// Every child starts with an empty signal mask and every signal at its default action, whatever
/// the starting thread had: the daemon ignores SIGPIPE and Foundation-style runners hand down a
/// blocked SIGTERM, and a child that inherits either cannot be stopped or never sees a broken
/// pipe. Descriptors other than 0, 1 and 2 are closed in the child.
public struct ProcessLaunch: Sendable {
    /// Where the child's standard input comes from.
    public enum Input: Sendable, Equatable {
        case null
        /// Duplicated from a descriptor of ours.
        case descriptor(Int32)
    }

    /// Where the child's standard output or error goes.
    public enum Output: Sendable, Equatable {
        case null
        /// A pipe whose read end ``start()`` returns (non-blocking, close-on-exec).
        case capture
        /// Appended to, created with mode 0644 if missing.
        case file(String)
        /// Duplicated from a descriptor of ours.
        case descriptor(Int32)
        /// For standard error: wherever standard output goes (one stream, one pipe).
        case standardOutput
    }

    /// The started child: its pid (and, with ``newSession``, its process group id) and the read
    /// ends of the ``Output/capture`` pipes (-1 for a stream not captured), the caller's to close.
    public struct Started: Sendable {
        public let pid: pid_t
        public let standardOutput: Int32
        public let standardError: Int32
    }

    /// Why the child did not start: the call that failed and its errno.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var call: String
        public var errno: Int32
        /// `program: reason` for a failed spawn (what `sh` would print), `call: reason` otherwise.
        public var description: String { "\(call): \(String(cString: strerror(errno)))" }
    }

    /// Spawns refused with ETXTBSY are tried again this many times in all, ``textBusyWait`` µs
    /// apart: at most 50 ms, only when a program is being written at that very moment.
    static let textBusyAttempts = 6
    static let textBusyWait = 10_000

    /// argv; `arguments[0]` is searched on our `PATH` when it has no slash.
    public var arguments: [String]
    /// The child's whole environment; nil hands down ours.
    public var environment: [String: String]?
    public var standardInput: Input = .null
    public var standardOutput: Output = .capture
    public var standardError: Output = .standardOutput
    /// A session (and process group) of its own with no controlling terminal: the whole group
    /// can be killed as `-pid`, and nothing it runs (ssh, sudo) can prompt on our terminal.
    public var newSession = true
    public var workingDirectory: String?

    public init(
        _ arguments: [String], environment: [String: String]? = nil, standardInput: Input = .null, standardOutput: Output = .capture,
        standardError: Output = .standardOutput, newSession: Bool = true, workingDirectory: String? = nil
    ) {
        precondition(!arguments.isEmpty, "a process launch needs a program")
        self.arguments = arguments
        self.environment = environment
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.newSession = newSession
        self.workingDirectory = workingDirectory
    }

    /// Spawns the child. A failure is thrown before anything runs; nothing is left open.
    public func start() throws(Failure) -> Started {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        func closeAll() { for fd in outPipe + errPipe where fd >= 0 { close(fd) } }
        if standardOutput == .capture {
            guard GNUFunctions.pipe2(&outPipe, O_CLOEXEC) == 0 else { throw Failure(call: "pipe", errno: errno) }
        }
        if standardError == .capture {
            guard GNUFunctions.pipe2(&errPipe, O_CLOEXEC) == 0 else {
                let code = errno
                closeAll()
                throw Failure(call: "pipe", errno: code)
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch standardInput {
        case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, 0)
        }
        Self.redirect(&actions, 1, standardOutput, pipe: outPipe[1])
        Self.redirect(&actions, 2, standardError, pipe: errPipe[1])
        _ = GNUFunctions.addCloseFrom(&actions, 3)
        if let workingDirectory {
            let code = GNUFunctions.addChdir(&actions, workingDirectory)
            guard code == 0 else {
                closeAll()
                throw Failure(call: "chdir \(workingDirectory)", errno: code)
            }
        }
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

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid = pid_t()
        var result: Int32 = 0
        // "Text file busy": a fork elsewhere in this process (or a deploy on the host) still holds
        // the program open for writing; that lasts until its exec, so a few short waits suffice.
        for attempt in 0..<Self.textBusyAttempts {
            if attempt > 0 { usleep(useconds_t(Self.textBusyWait)) }
            result =
                envp.map { posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, $0) }
                ?? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
            guard result == ETXTBSY else { break }
        }
        for end in [outPipe, errPipe] where end[1] >= 0 { close(end[1]) }
        (outPipe[1], errPipe[1]) = (-1, -1)
        guard result == 0 else {
            closeAll()
            throw Failure(call: arguments[0], errno: result)
        }
        for fd in [outPipe[0], errPipe[0]] where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return Started(pid: pid, standardOutput: outPipe[0], standardError: errPipe[0])
    }

    private static func redirect(_ actions: inout posix_spawn_file_actions_t, _ target: Int32, _ output: Output, pipe: Int32) {
        switch output {
        case .null: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
        case .capture: posix_spawn_file_actions_adddup2(&actions, pipe, target)
        case .file(let path): posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, target)
        case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, target)
        }
    }
}
