import Dispatch
import HAHost
import HAProtocol
import Synchronization

/// Runs one program in a new session with a timeout, and kills its whole process group on overrun.
///
/// Why this shape (reference/swift-stack.md §3.2): resource scripts start daemons and can hang, so
/// each run gets its own session (`setsid`, pgid = pid). When the timeout fires the group gets
/// SIGTERM, then after ``killGrace`` SIGKILL (``SpawnedCommand``). A grandchild that keeps stdout
/// open does not hold the run: output reading stops when the direct child exits. Foundation's
/// `Process` is not used: its children inherit a blocked SIGTERM and it cannot signal a group.
struct ProcessGroupRunner: Sendable {
    /// How one run ended, with what it printed.
    struct Result: Hashable, Sendable {
        var status: ScriptOutcome.Status
        var stdout: String
        var stderr: String
        var outputTruncated: Bool
        var duration: Duration
        /// The pid (and process group id) of the run, when it was spawned.
        var pid: Int32?
    }

    /// Longest a run may take before its process group is killed.
    var timeout: Duration
    /// Time between SIGTERM and SIGKILL to the group after a timeout.
    var killGrace: Duration = .seconds(2)
    /// Bytes kept per stream; the rest is read and dropped.
    var outputLimit: Int = 64 * 1024

    /// Runs `path arguments…` with exactly `environment`, stdin from `/dev/null`.
    ///
    /// Never throws: a non-zero exit, a signal, a timeout and a spawn failure are all results.
    /// The wait happens on a thread of its own, not the caller's executor; cancelling the
    /// calling task kills the group.
    func run(_ path: String, arguments: [String], environment: [String: String]) async -> Result {
        let launch = ProcessLaunch([path] + arguments, environment: environment, standardError: .capture)
        let cancelled = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: runBlocking(launch, cancelled: cancelled)) }
            }
        } onCancel: {
            cancelled.raise()
        }
    }

    private func runBlocking(_ launch: ProcessLaunch, cancelled: CancellationFlag) -> Result {
        let started = SystemClock.now()
        let command = SpawnedCommand.run(launch, timeout: timeout, limit: outputLimit, killGrace: killGrace) { cancelled.isRaised }
        let status: ScriptOutcome.Status
        switch command.outcome {
        case _ where cancelled.isRaised: status = .couldNotStart("the run was cancelled before it finished")
        case .exited(let code)?: status = .exited(code)
        case .signalled(let signal)?: status = .signaled(signal)
        case .timedOut?: status = .timedOut(after: timeout)
        case .notStarted(let why)?: status = .couldNotStart(why)
        case nil: status = .couldNotStart("the run was cancelled before it finished")
        }
        return Result(
            status: status, stdout: String(decoding: command.output, as: UTF8.self),
            stderr: String(decoding: command.errorOutput, as: UTF8.self), outputTruncated: command.outputTruncated,
            duration: SystemClock.now() - started, pid: command.pid > 0 ? command.pid : nil)
    }
}

/// Set from a task's cancellation handler, read by the thread that waits for the process.
private final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
