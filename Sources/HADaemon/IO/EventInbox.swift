import Glibc
import HADaemonCore
import Synchronization

/// Where work finished on other threads (resource scripts) is handed to the event loop.
///
/// `post` appends under a lock and writes one byte to a pipe the loop polls, so the loop wakes
/// at once; the loop alone drains it.
final class EventInbox: Sendable {
    private let events = Mutex<[NodeEvent]>([])
    let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var fds: [Int32] = [0, 0]
        makeNonBlockingPipe(&fds)
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    func post(_ event: NodeEvent) {
        events.withLock { $0.append(event) }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Everything posted so far, in order.
    func drain() -> [NodeEvent] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &scratch, scratch.count) > 0 {}
        return events.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
