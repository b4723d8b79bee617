import HAProtocol
import Testing

@testable import HADaemon

@Suite struct ClientOutboxTests {
    let limits = ClientOutbox.Limits(softLimit: 10, hardLimit: 20, stallTimeout: .seconds(10))
    let start = MonotonicTime.milliseconds(1000)

    /// A socket that takes at most `capacity` more bytes, recording what it took.
    final class Socket {
        var taken: [UInt8] = []
        var capacity: Int
        init(capacity: Int) { self.capacity = capacity }
        func write(_ bytes: UnsafeRawBufferPointer) -> Int {
            let count = min(capacity, bytes.count)
            taken += bytes.prefix(count)
            capacity -= count
            return count
        }
    }

    @Test("answers queue in order; past the soft limit it is full; past the hard limit an answer is refused")
    func answers() {
        var outbox = ClientOutbox(limits: limits)
        let first = outbox.queue(Array("aaaaaa".utf8), at: start)
        #expect(first && !outbox.isFull)
        let second = outbox.queue(Array("bbbbbb".utf8), at: start)
        #expect(second && outbox.isFull)
        let third = outbox.queue(Array("cccccccccc".utf8), at: start)
        #expect(!third, "12 + 10 bytes passes the hard limit")
        let socket = Socket(capacity: 100)
        let drained = outbox.drain(at: start) { socket.write($0) }
        #expect(drained == .drained)
        #expect(String(decoding: socket.taken, as: UTF8.self) == "aaaaaabbbbbb" && outbox.isEmpty && !outbox.isFull)
    }

    @Test("a newer snapshot replaces one not yet started; one being written is finished first")
    func snapshotsCoalesce() {
        var outbox = ClientOutbox(limits: limits)
        let socket = Socket(capacity: 2)
        outbox.offer(snapshot: Array("s1s1".utf8), at: start)
        let blocked = outbox.drain(at: start) { socket.write($0) }
        #expect(blocked == .blocked)
        outbox.offer(snapshot: Array("s2s2".utf8), at: start)
        outbox.offer(snapshot: Array("s3s3".utf8), at: start)
        #expect(outbox.pendingBytes == 2 + 4, "the rest of s1 and s3 only")
        socket.capacity = 100
        let drained = outbox.drain(at: start) { socket.write($0) }
        #expect(drained == .drained)
        #expect(String(decoding: socket.taken, as: UTF8.self) == "s1s1s3s3")
    }

    @Test("a client that takes nothing for the stall timeout is stalled; any progress restarts the clock; a failed write is reported")
    func stalls() {
        var outbox = ClientOutbox(limits: limits)
        let socket = Socket(capacity: 1)
        outbox.offer(snapshot: Array("snap".utf8), at: start)
        let blocked = outbox.drain(at: start + .seconds(5)) { socket.write($0) }
        #expect(blocked == .blocked)
        #expect(!outbox.isStalled(at: start + .seconds(14)) && outbox.isStalled(at: start + .seconds(15)))
        let failed = outbox.drain(at: start) { _ in -1 }
        #expect(failed == .failed)
        #expect(!ClientOutbox(limits: limits).isStalled(at: start + .seconds(100)), "nothing waiting, nothing stalled")
    }

    @Test("over the total bound, the clients holding most are dropped until the rest fit")
    func totalBound() {
        let pending: [(fd: Int32, bytes: Int)] = [(4, 10), (5, 50), (6, 30), (7, 30)]
        #expect(ClientOutbox.overBudget(pending, limit: 200).isEmpty)
        #expect(ClientOutbox.overBudget(pending, limit: 60) == [5, 6])
    }
}
