import Glibc
import HADaemonCore
import HAHost
import HAProtocol

/// Runs cluster-glue's `stonith` command for each reset the core asks for, without blocking the
/// poll loop: each run is a ``SpawnedCommand`` the loop polls every turn while any runs.
///
/// `stonith -t TYPE {-p PARAMS | -F FILE} -T reset NODE` exits 0 when the device confirmed,
/// 4 (`S_BADHOST`) when the device cannot reset that host, anything else when the host was not
/// reset; a run past ``timeout`` is killed with its process group and counts as failed.
///
/// `meatware` (a person is the device) has no timeout: the plugin waits on its FIFO
/// (`/run/meatware.NODE`) for as long as the human takes, and killing it would throw away the
/// one run a later `meatclient -c NODE` can confirm. ``confirm(node:)`` runs that `meatclient`.
/// When the daemon stops, the runner goes with its loop and every run still going is killed
/// with its group (``SpawnedCommand``'s deinit), so no meatware wait outlives the daemon.
final class FenceRunner {
    /// The `stonith` program (cluster-glue's, installed with Debian's `heartbeat`).
    var program = "/usr/sbin/stonith"
    /// cluster-glue's `meatclient`, which confirms a meatware reset.
    var meatclient = "/usr/sbin/meatclient"
    /// Milliseconds a reset may take before it is killed (plugins such as ipmilan take ~10 s).
    /// Not applied to meatware.
    var timeout: Int64 = 60_000
    /// Milliseconds a `meatclient` may wait for the plugin's FIFO (`-w`) before it is killed.
    var confirmTimeout: Int64 = 15_000
    /// Where a confirmation's outcome is logged (ha-log).
    var log: (HALogLevel, String) -> Void = { _, _ in }
    private var running: [(node: String, command: SpawnedCommand)] = []
    private var confirming: [(node: String, command: SpawnedCommand)] = []

    /// True while a reset or a confirmation runs: the loop then wakes often enough to see it end.
    var isBusy: Bool { !running.isEmpty || !confirming.isEmpty }

    /// Starts resetting `node`; a second request for a node already being reset is ignored.
    func start(node: String, device: StonithDevice) {
        guard !running.contains(where: { $0.node == node }) else { return }
        let arguments = [program] + device.commandArguments + ["-T", "reset", node]
        let deadline = device.isManual ? Int64.max : SystemClock.milliseconds() + timeout
        let command = SpawnedCommand(ProcessLaunch(arguments), deadline: deadline, limit: 16 << 10)
        running.append((node, command))
    }

    /// Confirms a meatware reset of `node` as `meatclient -c NODE` does when a person types `y`
    /// at its "PROCEED? [yN]". `-w` waits for the plugin's FIFO, should the plugin not have
    /// opened it yet, up to ``confirmTimeout``.
    func confirm(node: String) {
        guard !confirming.contains(where: { $0.node == node }) else { return }
        var answer: [Int32] = [-1, -1]
        guard pipe(&answer) == 0 else { return log(.error, "meatclient -c \(node) not started: pipe: \(String(cString: strerror(errno)))") }
        // Two bytes fit any pipe's buffer: the write never blocks, and the child reads EOF after.
        _ = write(answer[1], "y\n", 2)
        close(answer[1])
        var launch = ProcessLaunch([meatclient, "-c", node, "-w"])
        launch.standardInput = .descriptor(answer[0])
        let command = SpawnedCommand(launch, deadline: SystemClock.milliseconds() + confirmTimeout, limit: 16 << 10)
        close(answer[0])
        confirming.append((node, command))
    }

    /// Kills the reset of `node` (with its process group), if it runs, and forgets it.
    func cancel(node: String) {
        for (_, command) in running where command.arguments.last == node { command.terminate() }
        running.removeAll { $0.node == node }
    }

    /// The resets that ended since the last call, as core events; confirmations that ended are
    /// logged.
    func finished() -> [NodeEvent] {
        let now = SystemClock.milliseconds()
        var events: [NodeEvent] = []
        running.removeAll { node, command in
            guard let outcome = command.poll(now: now) else { return false }
            events.append(Self.event(node: node, outcome: outcome, output: command.text))
            return true
        }
        confirming.removeAll { node, command in
            guard let outcome = command.poll(now: now) else { return false }
            // Its answer follows the "PROCEED? [yN] " prompt on the same line.
            let last = command.text.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            let said = String((last.components(separatedBy: "[yN] ").last ?? last).prefix(200))
            if outcome == .exited(0) {
                log(.info, "meatclient -c \(node): \(said)")
            } else {
                log(.error, "meatclient -c \(node) failed (\(outcome)): \(said)")
            }
            return true
        }
        return events
    }

    static func event(node: String, outcome: SpawnedCommand.Outcome, output: String) -> NodeEvent {
        let said = output.split(separator: "\n").last.map { String($0.prefix(200)) }
        switch outcome {
        case .exited(0): return .fenceFinished(node: node, result: .ok, detail: nil)
        case .exited(4): return .fenceFinished(node: node, result: .badHost, detail: said ?? "stonith: the device cannot reset \(node)")
        case .exited(let code): return .fenceFinished(node: node, result: .failed, detail: said ?? "stonith exited \(code)")
        case .signalled(let signal): return .fenceFinished(node: node, result: .failed, detail: "stonith killed by signal \(signal)")
        case .timedOut: return .fenceFinished(node: node, result: .failed, detail: "stonith timed out")
        case .notStarted(let why): return .fenceFinished(node: node, result: .failed, detail: "stonith not started: \(why)")
        }
    }
}
