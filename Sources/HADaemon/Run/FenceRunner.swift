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
final class FenceRunner {
    /// The `stonith` program (cluster-glue's, installed with Debian's `heartbeat`).
    var program = "/usr/sbin/stonith"
    /// Milliseconds a reset may take before it is killed (plugins such as ipmilan take ~10 s).
    var timeout: Int64 = 60_000
    private var running: [(node: String, command: SpawnedCommand)] = []

    /// True while a reset runs: the loop then wakes often enough to see it end.
    var isBusy: Bool { !running.isEmpty }

    /// Starts resetting `node`; a second request for a node already being reset is ignored.
    func start(node: String, device: StonithDevice) {
        guard !running.contains(where: { $0.node == node }) else { return }
        let arguments = [program] + device.commandArguments + ["-T", "reset", node]
        let command = SpawnedCommand(ProcessLaunch(arguments), deadline: SystemClock.milliseconds() + timeout, limit: 16 << 10)
        running.append((node, command))
    }

    /// The resets that ended since the last call, as core events.
    func finished() -> [NodeEvent] {
        let now = SystemClock.milliseconds()
        var events: [NodeEvent] = []
        running.removeAll { node, command in
            guard let outcome = command.poll(now: now) else { return false }
            events.append(Self.event(node: node, outcome: outcome, output: command.text))
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
