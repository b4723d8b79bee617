import Dispatch
import Glibc
import HATestSupport
import Synchronization

/// Every cluster the benchmark has alive, so that SIGINT, SIGTERM or SIGHUP tear them down (their
/// daemons, resource scripts and namespaces, by pid) before the process exits with 130.
///
/// Clusters are made through `makeCluster`, which counts creations in flight: the signal handler
/// shuts down what is registered, and a cluster whose creation finishes after the signal is shut
/// down by `makeCluster` itself while the handler waits (bounded) for it.
final class ClusterRegistry: Sendable {
    static let shared = ClusterRegistry()

    private struct State {
        var clusters: [ObjectIdentifier: NetnsCluster] = [:]
        /// Fenced pairs' plugins: each installs a script in cluster-glue's plugin directory.
        var plugins: [ObjectIdentifier: StonithTestPlugin] = [:]
        var creating = 0
        var interrupted = false
    }

    private let state = Mutex(State())

    /// A new cluster of `spec`, registered; throws `CancellationError` once interrupted.
    func makeCluster(_ spec: ClusterSpec) throws -> NetnsCluster {
        try state.withLock { state in
            guard !state.interrupted else { throw CancellationError() }
            state.creating += 1
        }
        defer { state.withLock { $0.creating -= 1 } }
        let cluster = try NetnsCluster(spec)
        let registered = state.withLock { state in
            guard !state.interrupted else { return false }
            state.clusters[ObjectIdentifier(cluster)] = cluster
            return true
        }
        guard registered else {
            cluster.shutdown()
            throw CancellationError()
        }
        return cluster
    }

    /// Shuts `cluster` down and forgets it.
    func release(_ cluster: NetnsCluster) {
        cluster.shutdown()
        _ = state.withLock { $0.clusters.removeValue(forKey: ObjectIdentifier(cluster)) }
    }

    /// A new STONITH test plugin, registered so that a signal removes its script too.
    func makePlugin() throws -> StonithTestPlugin {
        try state.withLock { state in
            guard !state.interrupted else { throw CancellationError() }
            let plugin = try StonithTestPlugin()
            state.plugins[ObjectIdentifier(plugin)] = plugin
            return plugin
        }
    }

    /// Removes `plugin`'s script and state directory and forgets it.
    func release(_ plugin: StonithTestPlugin) {
        plugin.remove()
        _ = state.withLock { $0.plugins.removeValue(forKey: ObjectIdentifier(plugin)) }
    }

    /// Installs the handlers; keep the returned sources alive for as long as they should act.
    func installSignalHandlers() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            // Ignored first, so the default action (exit at once) never runs; the children get
            // default dispositions back from ChildProcess.spawn.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in interrupted(by: number) }
            source.resume()
            return source
        }
    }

    private func interrupted(by number: Int32) {
        let (clusters, plugins) = state.withLock { state in
            state.interrupted = true
            return (Array(state.clusters.values), Array(state.plugins.values))
        }
        let message = Array("\nhabench: signal \(number): shutting down \(clusters.count) cluster(s) and exiting\n".utf8)
        _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        for cluster in clusters { cluster.shutdown() }
        for plugin in plugins { plugin.remove() }
        // A creation in flight registers nothing now and shuts its own cluster down.
        for _ in 0..<1000 where state.withLock({ $0.creating }) > 0 { usleep(10_000) }
        exit(130)
    }
}
