import Foundation
import Glibc
import HAHost
import HAProtocol

extension NetnsCluster {
    /// Starts `node`'s daemon (`spec.daemon`, or the built `hadaemon run …`) as
    /// `ip netns exec NS PROGRAM ARGS…` in a session of its own, working directory the node's
    /// directory, stdout and stderr appended to `daemon.stdout` / `daemon.stderr` there.
    /// `ip netns exec` execs the program, so the pid the harness keeps is the daemon's own.
    @discardableResult
    public func start(_ name: String, command: DaemonCommand? = nil) throws -> pid_t {
        let node = try node(name)
        if let pid = pid(name) { throw HarnessError.alreadyRunning(node: name, pid: pid) }
        let daemon = try command ?? spec.daemon ?? Self.builtDaemon()
        // Spawned under the lock so a concurrent `shutdown` either sees this child or refuses it.
        return try state.withLock { state in
            guard !state.isShutDown else { throw HarnessError.shutDown }
            let child = try ChildProcess.spawn(
                ["ip", "netns", "exec", node.namespace, daemon.executable] + daemon.arguments(node), stdout: .file(node.stdoutFile),
                stderr: .file(node.stderrFile), newSession: true, workingDirectory: node.directory)
            state.processes[name] = NodeProcess(child: child, exit: nil)
            state.stalled.remove(name)
            return child.pid
        }
    }

    /// A clean stop: SIGTERM to the daemon, then waits up to `timeout` for it to exit and returns
    /// how long that took. On timeout the group is SIGKILLed and `stopTimedOut` thrown.
    @discardableResult
    public func stop(_ name: String, timeout: Duration = .seconds(10)) async throws -> Duration {
        let child = try runningChild(name)
        let started = SystemClock.now()
        child.send(SIGTERM, toGroup: false)
        // A stalled daemon would only see SIGTERM after SIGCONT.
        if state.withLock({ $0.stalled.remove(name) }) != nil { child.send(SIGCONT, toGroup: true) }
        while SystemClock.now() - started < timeout {
            if !isRunning(name) { return SystemClock.now() - started }
            try await Task.sleep(for: .milliseconds(2))
        }
        child.send(SIGKILL, toGroup: true)
        _ = waitForExitBlocking(name, timeout: .seconds(2))
        throw HarnessError.stopTimedOut(node: name, after: timeout)
    }

    /// A crash: SIGKILL to the daemon's process group and the daemon, then reaps it (bounded).
    /// Processes the daemon started in sessions of their own live on, as after a real crash.
    public func kill(_ name: String) throws {
        let child = try runningChild(name)
        child.send(SIGKILL, toGroup: true)
        _ = waitForExitBlocking(name, timeout: .seconds(5))
        state.withLock { _ = $0.stalled.remove(name) }
    }

    /// Sends `signal` (e.g. SIGHUP for a reload) to the daemon alone.
    public func signal(_ name: String, _ signal: Int32) throws {
        try runningChild(name).send(signal, toGroup: false)
    }

    /// Whether `node`'s daemon was started and has not exited (a stalled one is running).
    public func isRunning(_ name: String) -> Bool {
        (try? runningChild(name)) != nil
    }

    /// How `node`'s last daemon ended; nil while it runs or if it never started.
    public func exitStatus(_ name: String) -> ExitStatus? {
        _ = isRunning(name)
        return state.withLock { $0.processes[name]?.exit }
    }

    /// The pid of `node`'s daemon while it runs.
    public func pid(_ name: String) -> pid_t? {
        try? runningChild(name).pid
    }

    /// The daemon of a running node. Reaping happens under the lock, so concurrent callers never
    /// both `waitpid` the same child.
    func runningChild(_ name: String) throws -> ChildProcess {
        _ = try node(name)
        let child = state.withLock { state -> ChildProcess? in
            guard let process = state.processes[name], process.exit == nil else { return nil }
            if let exit = process.child.reapIfExited() {
                state.processes[name]?.exit = exit
                return nil
            }
            return process.child
        }
        guard let child else { throw HarnessError.notRunning(node: name) }
        return child
    }

    /// Blocks the calling thread, polling every millisecond, until `node`'s daemon has exited or
    /// `timeout` passes; true once it has exited. For exits that are due at once (SIGKILL).
    public func waitForExitBlocking(_ name: String, timeout: Duration) -> Bool {
        let deadline = SystemClock.now() + timeout
        while isRunning(name) {
            if SystemClock.now() >= deadline { return false }
            usleep(1000)
        }
        return true
    }

    /// The package's product `name` (`hb_standby`, `hb_takeover`, `cl_status`) beside the running
    /// executable, where `builtDaemon` finds `hadaemon`.
    public static func builtProduct(_ name: String) throws -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw HarnessError.missingFile(path, hint: "build it first (`swift build --build-tests`)")
        }
        return path
    }

    /// Runs the built product `name ARGS…` inside `node`'s namespace against its daemon's control
    /// socket (`HADAEMON_SOCKET`), as an operator on that node would run it.
    public func runProduct(_ name: String, on node: String, _ arguments: [String] = [], timeout: Duration = .seconds(10)) throws
        -> CommandOutput
    {
        let socket = try self.node(node).socketPath
        return try run(in: node, ["/usr/bin/env", "HADAEMON_SOCKET=\(socket)", try Self.builtProduct(name)] + arguments, timeout: timeout)
    }

    /// `hadaemon` beside the running executable (the test runner, or `habench`), where SwiftPM
    /// puts every product of one build configuration: a debug test run gets the debug daemon, a
    /// release `habench` the release one.
    public static func builtDaemon() throws -> DaemonCommand {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("hadaemon").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw HarnessError.missingFile(
                path,
                hint: "build it first (`swift build --build-tests` for the tests, `swift build -c release --product hadaemon` for the benchmark)")
        }
        return .hadaemon(at: path)
    }
}
