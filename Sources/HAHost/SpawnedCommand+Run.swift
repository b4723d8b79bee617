import Glibc

extension SpawnedCommand {
    /// Runs `launch` to its end, blocking the calling thread: at most `timeout`, then the group
    /// gets SIGTERM, then SIGKILL after `killGrace`. Returns the finished command (outcome,
    /// output, pid); a failed start is a ``Outcome/notStarted(_:)`` outcome, never a throw.
    ///
    /// `cancelled` is asked between waits (at least every 100 ms); when it says yes the group is
    /// SIGKILLed at once and the outcome is how the child died.
    public static func run(
        _ launch: ProcessLaunch, timeout: Duration, limit: Int = 1 << 20, killGrace: Duration = .zero,
        cancelled: () -> Bool = { false }
    ) -> SpawnedCommand {
        let started = SystemClock.milliseconds()
        let command = SpawnedCommand(
            launch, deadline: started + milliseconds(timeout), limit: limit, killGrace: milliseconds(killGrace))
        guard command.outcome == nil else { return command }
        // Wakes the wait the moment the child exits, even while a grandchild holds the pipes.
        let exitFD = GNUFunctions.pidfdOpen(command.pid)
        defer { if exitFD >= 0 { close(exitFD) } }
        while command.poll(now: SystemClock.milliseconds()) == nil {
            if cancelled() {
                command.terminate()
                break
            }
            var fds = [command.fd, command.errorFD, exitFD].filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let untilSignal = (command.killAt ?? command.deadline) + 1 - SystemClock.milliseconds()
            // Without a pidfd only a short wait notices an exit that closes no pipe.
            _ = Glibc.poll(&fds, nfds_t(fds.count), Int32(max(0, min(untilSignal, exitFD >= 0 ? 100 : 5))))
        }
        return command
    }

    /// Milliseconds in `duration`, rounded up (a timeout never fires early), saturating.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int64.max / 2 }
        return min(Int64.max / 2, whole + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
