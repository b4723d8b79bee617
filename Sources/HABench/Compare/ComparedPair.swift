import HAHost
import HAProtocol
import HATestSupport

/// A settled pair of one implementation — alpha, the home node of 192.0.2.100 and preferred
/// master, and bravo — with the faults the comparison applies to it. Each conformer starts its
/// daemons its own way; the scenarios (`ComparedPair+Scenarios`) and the `VIPWatcher` that
/// times them are the same for all three.
///
/// Every fault returns the instant it took effect, taken just before the signal or after the
/// rule is in place, so that preparation (listing pids, spawning `ip`) is not counted.
protocol ComparedPair: Sendable {
    var implementation: Implementation { get }
    var cluster: NetnsCluster { get }
    var watcher: VIPWatcher { get }
    var profile: TimerProfile { get }

    /// SIGKILL of every process of `node`'s daemon; returns the instant of the first signal.
    func crash(_ node: String) throws -> MonotonicTime
    /// Drops what the implementation's peers send arriving at `node` (iptables INPUT).
    func cut(_ node: String) throws
    /// Removes every rule `cut` added, in every node.
    func healAll() throws
    /// A clean stop (SIGTERM); returns when the signal went and when the daemon had exited.
    func stop(_ node: String) async throws -> (signalled: MonotonicTime, exited: MonotonicTime)
    /// What a reboot after a crash would leave (the stale address gone), before `restart`.
    func resetAfterCrash(_ node: String) throws
    /// Starts `node`'s daemon again; returns the instant just before the start.
    func restart(_ node: String) throws -> MonotonicTime
    /// Whether `node`'s daemon calls its state settled (no resource or VRRP transition under
    /// way). May spawn a process: poll it slowly.
    func isStable(_ node: String) -> Bool
    /// Stops the watcher and tears everything down.
    func finish()
    /// How long a takeover after a crash or a cut may take before the repetition fails.
    var takeoverTimeout: Duration { get }
}

extension ComparedPair {
    /// Polls `condition` every `poll`; after `timeout` throws `timedOut` with what the watcher saw.
    func waitFor(_ what: String, timeout: Duration, poll: Duration = .milliseconds(1), _ condition: () throws -> Bool) async throws {
        let deadline = SystemClock.now() + timeout
        while try !condition() {
            guard SystemClock.now() < deadline else {
                throw HarnessError.timedOut(
                    waitingFor: "\(implementation.rawValue): \(what)", after: timeout, cluster: watcher.timeline.summary + "\n" + cluster.describe())
            }
            try await Task.sleep(for: poll)
        }
    }

    /// Sleeps a random part of one keepalive (advert interval), so faults land at random
    /// points of the cycle.
    func randomPhase() async throws {
        try await Task.sleep(for: .microseconds(Int64.random(in: 0..<Int64(profile.keepaliveMS) * 1000)))
    }

    /// When `node` first gained (or lost) the address at or after `after`.
    func firstTime(_ node: String, holds: Bool, after: MonotonicTime) throws -> MonotonicTime {
        guard let instant = watcher.timeline.firstTime(node, holds: holds, after: after) else {
            throw BenchError.missingTransition(
                "\(implementation.rawValue): \(node) \(holds ? "gains" : "loses") the address", timeline: watcher.timeline.summary)
        }
        return instant
    }

    /// The longest span with no holder that began at or after `instant` (zero if none).
    func longestNoHolder(after instant: MonotonicTime) -> Duration {
        watcher.timeline.noHolderIntervals(after: instant).map(\.duration).max() ?? .zero
    }

    /// The slowest takeover hadaemon, Heartbeat or keepalived may need after a crash or a cut,
    /// with room to spare.
    var takeoverTimeout: Duration {
        max(profile.deadtime, profile.keepalive * 4) + .seconds(5)
    }
}
