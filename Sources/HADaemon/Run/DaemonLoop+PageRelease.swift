import HAHost
import HAProtocol

extension DaemonLoop {
    /// Notes activity that touches code the idle loop does not (a resource action, a reset, a
    /// reload), so the startup-only pages are handed back only once things are quiet again.
    func noteActivity() {
        pageRelease?.activity(at: SystemClock.now())
    }

    /// How long the loop may sleep before the release is due.
    func pageReleaseAwareWait(_ wait: Duration) -> Duration {
        guard let due = pageRelease?.dueAt else { return wait }
        return min(wait, max(.zero, due - SystemClock.now()))
    }

    /// Hands back the pages when the schedule says so.
    func releasePagesIfDue() {
        guard pageRelease?.takeIfDue(at: SystemClock.now()) == true else { return }
        let released = StartupPageRelease.release()
        log.daemon(.debug, "handed back \(released.residentKB) kB of resident pages in \(released.mappings) mappings of the executable")
    }
}
