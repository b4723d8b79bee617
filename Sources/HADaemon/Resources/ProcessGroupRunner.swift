import Glibc
import Subprocess

/// Runs one program in a new session with a timeout, and kills its whole process group on overrun.
///
/// Why this shape (reference/swift-stack.md §3.2): resource scripts start daemons and can hang, so
/// each run gets its own session (`setsid`, pgid = pid). When the timeout fires the run is
/// cancelled, which makes swift-subprocess send SIGTERM to the group, wait ``killGrace``, then
/// SIGKILL the group; because that teardown is skipped once the direct child is gone, a final
/// `kill(-pgid, SIGKILL)` sweeps whatever is left. A grandchild that keeps stdout open does not
/// hold the run: output reading stops when the direct child exits. Foundation's `Process` is not
/// used: its children inherit a blocked SIGTERM and it cannot signal a group.
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
    func run(_ path: String, arguments: [String], environment: [String: String]) async -> Result {
        let collector = ProcessOutputCollector(limit: outputLimit)
        let clock = ContinuousClock()
        let started = clock.now
        let (finished, timedOut) = await race(path, arguments, environment, collector)
        if timedOut || Task.isCancelled, let pgid = collector.pid {
            // The teardown does nothing once the direct child is gone: sweep the group ourselves.
            _ = kill(-pgid, SIGKILL)
        }
        let status: ScriptOutcome.Status
        switch (timedOut, finished) {
        case (true, _): status = .timedOut(after: timeout)
        case (false, .success(.exited(let code))?): status = .exited(code)
        case (false, .success(.signaled(let signal))?): status = .signaled(signal)
        case (false, .failure(let error)?): status = .couldNotStart("\(error)")
        case (false, nil): status = .couldNotStart("the run was cancelled before it finished")
        }
        let text = collector.text
        return Result(
            status: status, stdout: text.stdout, stderr: text.stderr, outputTruncated: text.truncated,
            duration: clock.now - started, pid: collector.pid)
    }

    /// What ended first: the process, the timer, or the timer's cancellation.
    private enum RaceEvent: Sendable {
        case finished(Swift.Result<TerminationStatus, any Error>)
        case timedOut
        case timerStopped
    }

    /// Runs the process against a timer; cancelling the run on timeout triggers the group teardown.
    private func race(
        _ path: String, _ arguments: [String], _ environment: [String: String], _ collector: ProcessOutputCollector
    ) async -> (Swift.Result<TerminationStatus, any Error>?, Bool) {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: killGrace)]
        let keyed = environment.compactMap { key, value in Environment.Key(rawValue: key).map { ($0, value) } }
        let environment = Environment.custom(Dictionary(keyed) { first, _ in first })
        let (timeout, platformOptions) = (timeout, options)
        return await withTaskGroup(of: RaceEvent.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(
                        .path(.init(path)), arguments: Arguments(arguments), environment: environment, platformOptions: platformOptions,
                        input: .none, output: .sequence, error: .sequence
                    ) { execution in
                        collector.record(pid: execution.processIdentifier.value)
                        async let out: Void = Self.drain(execution.standardOutput, into: collector, .stdout)
                        async let err: Void = Self.drain(execution.standardError, into: collector, .stderr)
                        _ = await (out, err)
                    }
                    return .finished(.success(result.terminationStatus))
                } catch {
                    return .finished(.failure(error))
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                } catch {
                    return .timerStopped
                }
            }
            var finished: Swift.Result<TerminationStatus, any Error>?
            var timedOut = false
            while let event = await group.next() {
                switch event {
                case .finished(let result): finished = result
                case .timedOut: timedOut = true
                case .timerStopped: break
                }
                group.cancelAll()
            }
            return (finished, timedOut)
        }
    }

    /// Reads a stream to its end (or to the direct child's exit) into the collector.
    private static func drain(
        _ sequence: SubprocessOutputSequence, into collector: ProcessOutputCollector, _ stream: ProcessOutputCollector.Stream
    ) async {
        do {
            for try await buffer in sequence {
                buffer.withUnsafeBytes { collector.append($0, to: stream) }
            }
        } catch {
            // A read error ends the capture; the exit status still tells what happened.
        }
    }
}
