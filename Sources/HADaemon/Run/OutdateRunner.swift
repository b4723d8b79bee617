import HADaemonCore
import HAHost

/// Runs `drbdadm outdate RESOURCE` for each peer's outdate request the core accepts, without
/// blocking the poll loop: each run is a ``SpawnedCommand`` the loop polls while any runs.
///
/// dopd ran the same command with `system()` and mapped its exit status (0, 5, 17, else);
/// a run past ``timeout`` is killed with its process group and counts as "did not finish".
final class OutdateRunner {
    /// The `drbdadm` program: found on `PATH` unless `hadaemon run --drbdadm` names another.
    var program = "drbdadm"
    /// Milliseconds a run may take (drbdadm waits for the kernel, not for the network).
    var timeout: Int64 = 30_000
    private var running: [(resource: String, requester: String, command: SpawnedCommand)] = []

    /// True while a run is going: the loop then wakes often enough to see it end.
    var isBusy: Bool { !running.isEmpty }

    func start(resource: String, requester: String) {
        // The core passed the name through HAMessage.isValidDRBDResource: no option, no "all".
        let command = SpawnedCommand(
            ProcessLaunch([program, "outdate", resource]), deadline: SystemClock.milliseconds() + timeout, limit: 16 << 10)
        running.append((resource, requester, command))
    }

    /// The runs that ended since the last call, as core events.
    func finished() -> [NodeEvent] {
        let now = SystemClock.milliseconds()
        var events: [NodeEvent] = []
        running.removeAll { resource, requester, command in
            guard let outcome = command.poll(now: now) else { return false }
            var status: Int32?
            if case .exited(let code) = outcome { status = code }
            events.append(.outdateFinished(resource: resource, requester: requester, exitStatus: status))
            return true
        }
        return events
    }
}
