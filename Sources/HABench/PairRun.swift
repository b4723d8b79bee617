import HAHost
import HAProtocol
import HATestSupport

/// One fresh pair for one repetition: alpha (the home node of 192.0.2.100 and `hbdummy`) and
/// bravo, started together with `profile`'s timers and `auto_failback on`, watched from before
/// the daemons start by a `VIPWatcher` whose samples the measurements read.
///
/// Waits during a measurement poll the watcher, never `ip`: spawning processes on this 2-core
/// machine would perturb the failover being timed. `finish()` shuts everything down.
///
/// A fenced pair (`fencing` given) also has a ``StonithTestPlugin`` named by a `stonith_host`
/// line in both nodes' ha.cf and armed with their daemons' pids, and runs its daemons with
/// `--fencing-delay` when the scenario sets one.
struct PairRun: Sendable {
    let cluster: NetnsCluster
    let watcher: VIPWatcher
    let profile: TimerProfile
    var plugin: StonithTestPlugin? = nil

    /// Builds the pair, starts both daemons and waits until alpha alone holds the address and
    /// both see both active and stable; then waits two keepalives more, so the fault lands on
    /// a steady pair.
    static func start(
        _ profile: TimerProfile, daemon: DaemonCommand, sampleInterval: Duration, fencing: FencingSetup? = nil
    ) async throws -> PairRun {
        var spec = ClusterSpec.pair(profile)
        spec.daemon = daemon
        let plugin = try fencing.map { _ in try ClusterRegistry.shared.makePlugin() }
        if let plugin, let fencing {
            spec.extraDirectives.append(plugin.stonithHostLine)
            spec.daemon = daemon.adding(fencing.daemonArguments)
        }
        let cluster: NetnsCluster
        do { cluster = try ClusterRegistry.shared.makeCluster(spec) } catch {
            if let plugin { ClusterRegistry.shared.release(plugin) }
            throw error
        }
        do {
            let run = PairRun(
                cluster: cluster, watcher: try VIPWatcher(cluster: cluster, interval: sampleInterval), profile: profile, plugin: plugin)
            try cluster.start("alpha")
            try cluster.start("bravo")
            try plugin?.arm(cluster)
            try await run.waitFor("alpha alone holds the address and both are settled", timeout: profile.initdead + .seconds(15)) {
                run.watcher.holders == ["alpha"] && cluster.isSettled()
            }
            try await Task.sleep(for: profile.keepalive * 2)
            return run
        } catch {
            ClusterRegistry.shared.release(cluster)
            if let plugin { ClusterRegistry.shared.release(plugin) }
            throw error
        }
    }

    /// Stops the watcher and shuts the cluster down (daemons, scripts, namespaces, files), and
    /// removes the plugin of a fenced pair.
    func finish() {
        watcher.stop()
        ClusterRegistry.shared.release(cluster)
        if let plugin { ClusterRegistry.shared.release(plugin) }
    }

    /// Sleeps a random part of one keepalive, so faults land at random points of the heartbeat
    /// cycle (as keepalived's measurements did with its advert cycle).
    func randomPhase() async throws {
        try await Task.sleep(for: .microseconds(Int64.random(in: 0..<Int64(profile.keepaliveMS) * 1000)))
    }

    /// Polls `condition` every millisecond; after `timeout` throws `timedOut` with what the
    /// watcher saw and the cluster's state.
    func waitFor(_ what: String, timeout: Duration, _ condition: () throws -> Bool) async throws {
        let deadline = SystemClock.now() + timeout
        while try !condition() {
            guard SystemClock.now() < deadline else {
                throw HarnessError.timedOut(waitingFor: what, after: timeout, cluster: watcher.timeline.summary + "\n" + cluster.describe())
            }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Whether `node` answers and calls its own resources stable, with no group mid-transition.
    func isStable(_ node: String) -> Bool {
        guard let snapshot = cluster.snapshot(node) else { return false }
        return snapshot.node(node)?.stable == true && snapshot.groups.allSatisfy { $0.state == .running || $0.state == .stopped }
    }

    /// The time from `from` to `node`'s first gaining (or losing) the address after `after`.
    func firstTime(_ node: String, holds: Bool, after: MonotonicTime, from: MonotonicTime? = nil) throws -> Duration {
        guard let instant = watcher.timeline.firstTime(node, holds: holds, after: after) else {
            throw BenchError.missingTransition("\(node) \(holds ? "gains" : "loses") the address", timeline: watcher.timeline.summary)
        }
        return instant - (from ?? after)
    }

    /// The longest span with no holder that began at or after `instant` (zero if none).
    func longestNoHolder(after instant: MonotonicTime) -> Duration {
        watcher.timeline.noHolderIntervals(after: instant).map(\.duration).max() ?? .zero
    }
}
