import HAHost
import HAProtocol

/// The commands a tool feed (``HeartbeatFeed``, ``PacemakerFeed``) runs for the console's
/// actions: each a child process through the node's prefix, answered when it exits, under its
/// request's id, with its last line of output. Never waits: ``collect()`` only looks.
final class FeedActions {
    private var running: [Int: (command: SpawnedCommand, what: String)] = [:]
    private var answers: [Int: ControlResponse] = [:]

    /// The descriptors of the running commands, to wake the loop when they print or end.
    var descriptors: [Int32] { running.values.map(\.command.fd).filter { $0 >= 0 } }

    /// Runs `script` with `sh -c` behind `prefix`, killed after `timeout` ms; `what` names it
    /// in the answer (`hb_standby all done: …`).
    func start(_ id: Int, script: String, prefix: CommandPrefix, what: String, timeout: Int64) {
        running[id] = (SpawnedCommand(prefix.command(["sh", "-c", script]), deadline: SystemClock.milliseconds() + timeout), what)
    }

    /// Answers `id` at once (a refusal, or a read this feed has nothing to add to).
    func answer(_ id: Int, _ response: ControlResponse) { answers[id] = response }

    /// Turns the commands that ended into answers.
    func collect() {
        let now = SystemClock.milliseconds()
        for (id, action) in running {
            guard let outcome = action.command.poll(now: now) else { continue }
            running[id] = nil
            let output = action.command.text.split(separator: "\n").last.map { ": \($0)" } ?? ""
            answers[id] =
                switch outcome {
                case .exited(0): ControlResponse(id: id, message: "\(action.what) done\(output)")
                case .exited(let status): .failure(id: id, ControlError(.internalError, "\(action.what) failed (exit \(status))\(output)"))
                case .signalled(let signal): .failure(id: id, ControlError(.internalError, "\(action.what) killed by signal \(signal)"))
                case .timedOut: .failure(id: id, ControlError(.busy, "\(action.what) did not return in time; it was killed"))
                case .notStarted(let why): .failure(id: id, ControlError(.internalError, "cannot run \(action.what): \(why)"))
                }
        }
    }

    /// The answers so far, by request id, handed out once.
    func takeAnswers() -> [ControlResponse] {
        defer { answers = [:] }
        return answers.keys.sorted().compactMap { answers[$0] }
    }
}
