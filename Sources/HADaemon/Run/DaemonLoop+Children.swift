import HAHost
import HAProtocol

extension DaemonLoop {
    /// Once per loop turn: starts the `respawn`/`failfast` children at comm-up, reaps and
    /// restarts them, and ends the process once a clean stop has stopped them all.
    func superviseChildren() {
        let now = SystemClock.now()
        if !children.hasStarted, core.isCommunicationUp, !core.isShuttingDown { write(children.start(cf, now: now)) }
        write(children.supervise(now: now, shuttingDown: core.isShuttingDown))
        if children.rebootFailed && exitCode == nil {
            // Heartbeat's cl_reboot exits 1 when no way to reboot worked.
            exitCode = 1
        }
        completeShutdownOnceChildrenStopped()
    }

    /// The core released everything and sent `shutdone`: stop the children (reverse order),
    /// then exit (spec §4.6.4 step 4).
    func finishShutdown() {
        write(children.beginStop(now: SystemClock.now()))
        completeShutdownOnceChildrenStopped()
    }

    /// How long the loop may sleep: no later than the children's next deadline; once the core
    /// has finished (its deadlines no longer move), only as long as the children need.
    func childAwareWait(_ wait: Duration) -> Duration {
        let now = SystemClock.now()
        let childWake = children.nextWake(now: now).map { max(.zero, $0 - now) }
        guard children.stopRequested else { return childWake.map { min(wait, $0) } ?? wait }
        return control.hasPendingWork ? .zero : childWake ?? .seconds(1)
    }

    private func completeShutdownOnceChildrenStopped() {
        guard children.isStopped, exitCode == nil else { return }
        log.daemon(.info, "\(settings.node) Heartbeat shutdown complete.")
        exitCode = 0
    }

    private func write(_ lines: [RespawnPolicy.Line]) {
        for line in lines { log.daemon(line.level, line.text) }
    }
}
