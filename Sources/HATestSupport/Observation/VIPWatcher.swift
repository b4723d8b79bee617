import Dispatch
import Foundation
import HAHost
import HAProtocol
import Synchronization

/// Samples every node's `hb0` addresses every `interval` on a background thread and records each
/// time a node gains or loses the watched address, with monotonic timestamps. `stop()` returns the
/// `VIPTimeline`, from which "no holder" and "double holder" intervals are read.
///
/// Sampling goes through netlink (`AddressProbe`), not `ip`, so it costs almost nothing; the
/// timestamps are accurate to about one `interval`. The thread also ends when the cluster is
/// shut down, so a test that fails before `stop()` leaves nothing running.
public final class VIPWatcher: Sendable {
    public let address: String
    public let interval: Duration
    private let cluster: NetnsCluster
    private let probes: [(node: String, probe: AddressProbe)]
    private let recording: Mutex<Recording>
    private let finished = DispatchSemaphore(value: 0)

    private struct Recording {
        var holders: Set<String> = []
        var initialHolders: Set<String> = []
        var transitions: [VIPTransition] = []
        var samples = 0
        var started: MonotonicTime
        var ended: MonotonicTime?
        var problem: String?
        var stopRequested = false
    }

    /// Opens one probe per node, takes the first sample (the initial holders) and starts sampling.
    public init(cluster: NetnsCluster, address: String = NetnsCluster.serviceAddress, interval: Duration = .milliseconds(5)) throws {
        self.cluster = cluster
        self.address = address
        self.interval = interval
        var probes: [(node: String, probe: AddressProbe)] = []
        do {
            for node in cluster.nodes {
                probes.append((node.name, try AddressProbe.open(namespace: node.namespace, interface: NetnsCluster.interface)))
            }
        } catch {
            for entry in probes { entry.probe.close() }
            throw error
        }
        self.probes = probes
        recording = Mutex(Recording(started: SystemClock.now()))
        sample()
        recording.withLock { $0.initialHolders = $0.holders }
        Thread { [self] in
            while !recording.withLock({ $0.stopRequested || $0.problem != nil }) && !cluster.state.withLock({ $0.isShutDown }) {
                usleep(useconds_t(interval / .microseconds(1)))
                sample()
            }
            finished.signal()
        }.start()
    }

    /// Stops sampling (waits for the thread), closes the probes and returns what was recorded.
    /// Calling it again returns the same timeline.
    @discardableResult
    public func stop() -> VIPTimeline {
        let firstStop = recording.withLock { recording -> Bool in
            defer { recording.stopRequested = true }
            return !recording.stopRequested
        }
        if firstStop {
            _ = finished.wait(timeout: .now() + 5)
            recording.withLock { $0.ended = SystemClock.now() }
            for entry in probes { entry.probe.close() }
        }
        return timeline
    }

    /// The nodes that held the address at the last sample: no `ip` spawn, so it can be polled
    /// while a measurement runs.
    public var holders: Set<String> {
        recording.withLock { $0.holders }
    }

    /// What has been recorded so far (ending now, or at `stop()`).
    public var timeline: VIPTimeline {
        recording.withLock { recording in
            VIPTimeline(
                address: address, started: recording.started, ended: recording.ended ?? SystemClock.now(),
                initialHolders: recording.initialHolders, transitions: recording.transitions, samples: recording.samples,
                problem: recording.problem)
        }
    }

    /// One round: each node's addresses, a transition for every change of holding.
    ///
    /// Changes seen in one round happened somewhere in the last interval, in an order the samples
    /// cannot tell: they are dated alike, losses before gains, so a handover inside one interval
    /// reads as neither a gap nor an overlap (which node was probed first used to decide).
    private func sample() {
        var seen: [(node: String, holds: Bool)] = []
        for (node, probe) in probes {
            do {
                seen.append((node, try probe.addresses().contains { $0.hasPrefix(address + "/") }))
            } catch {
                // The namespace went away under us (cluster shutdown): stop, keep what we have.
                recording.withLock { $0.problem = "\(node): \(error)" }
                return
            }
        }
        let now = SystemClock.now()
        recording.withLock { recording in
            for (node, holds) in seen.sorted(by: { !$0.holds && $1.holds }) where holds != recording.holders.contains(node) {
                if holds { recording.holders.insert(node) } else { recording.holders.remove(node) }
                recording.transitions.append(VIPTransition(node: node, holds: holds, at: now))
            }
            recording.samples += 1
        }
    }
}
