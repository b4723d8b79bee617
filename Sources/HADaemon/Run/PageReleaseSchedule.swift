import HAProtocol

/// When the loop hands back its startup-only pages (``StartupPageRelease``): once the node has
/// been quiet for ``quiet`` after starting, and again after each burst of resource actions, a
/// reload or a fence, so the figure an idle node shows is its idle working set and not whatever
/// its last takeover or start touched. Never during the burst: the pages it needs stay mapped.
struct PageReleaseSchedule: Equatable {
    /// How long after the last activity the release happens.
    let quiet: Duration
    /// When the next release is due; nil when nothing has happened since the last one.
    private(set) var dueAt: MonotonicTime?

    init(quiet: Duration = .seconds(10)) {
        self.quiet = quiet
    }

    /// Something touched code the idle loop does not: push the release back to `quiet` from now.
    mutating func activity(at now: MonotonicTime) {
        dueAt = now + quiet
    }

    /// True, once, when the release is due at `now`.
    mutating func takeIfDue(at now: MonotonicTime) -> Bool {
        guard let dueAt, now >= dueAt else { return false }
        self.dueAt = nil
        return true
    }
}
