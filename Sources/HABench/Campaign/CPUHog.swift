import Foundation
import HAHost
import HAProtocol
import Synchronization

/// Busy threads in the benchmark's own process, more than the machine has cores, until
/// `stop()`: the daemons compete with them as with any runaway process on the node. Bounded:
/// each thread also stops by itself after `limit`.
final class CPUHog: Sendable {
    private let stopped = Atomic<Bool>(false)

    init(threads: Int, limit: Duration) {
        let deadline = SystemClock.now() + limit
        for _ in 0..<max(threads, 1) {
            Thread { [self] in
                var spin: UInt64 = 0
                while !stopped.load(ordering: .relaxed) && SystemClock.now() < deadline {
                    for _ in 0..<10_000 { spin &+= 1 }
                }
                _ = spin
            }.start()
        }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }
}
