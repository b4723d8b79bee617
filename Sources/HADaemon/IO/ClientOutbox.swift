import HAProtocol

/// What one control client has yet to be sent, and the policy that keeps it small.
///
/// - Answers to requests queue in order. Past ``Limits/softLimit`` the outbox ``isFull``: the
///   server stops reading that client's requests until it reads its answers (back-pressure, so
///   a client that pipelines requests and never reads costs at most the soft limit plus one
///   answer). An answer that would take it past ``Limits/hardLimit`` is refused: drop the client.
/// - A subscription's snapshots do not queue: a newer one replaces one not yet started, so a
///   subscriber costs at most one snapshot being written and one waiting.
/// - A client that takes nothing for ``Limits/stallTimeout`` while something waits
///   ``isStalled(at:)``: drop it.
struct ClientOutbox {
    struct Limits: Sendable {
        var softLimit = 64 * 1024
        var hardLimit = 1 << 20
        var stallTimeout: Duration = .seconds(10)
    }

    enum Drain: Equatable {
        /// Everything was written.
        case drained
        /// The socket takes no more now; try again when poll says it is writable.
        case blocked
        /// The write failed (the client went away): drop it.
        case failed
    }

    let limits: Limits
    private var queued: [UInt8] = []
    /// The first byte of `queued` not yet written.
    private var start = 0
    /// The newest snapshot for a subscriber, not yet started.
    private(set) var latestSnapshot: [UInt8]?
    /// When the client last took something, or when something started waiting.
    private var waitingSince: MonotonicTime?

    init(limits: Limits = Limits()) { self.limits = limits }

    /// Bytes waiting to be written, the waiting snapshot included.
    var pendingBytes: Int { queued.count - start + (latestSnapshot?.count ?? 0) }

    var isEmpty: Bool { pendingBytes == 0 }

    /// Answers pile up past the soft limit: read no more of this client's requests for now.
    var isFull: Bool { queued.count - start >= limits.softLimit }

    /// Queues an answer; false when that would pass the hard limit (the client must be dropped).
    mutating func queue(_ answer: [UInt8], at now: MonotonicTime) -> Bool {
        guard queued.count - start + answer.count <= limits.hardLimit else { return false }
        if isEmpty { waitingSince = now }
        if start > 0 && start * 2 >= queued.count {
            queued.removeFirst(start)
            start = 0
        }
        queued += answer
        return true
    }

    /// Offers a subscriber the newest snapshot; it replaces one that has not started.
    mutating func offer(snapshot: [UInt8], at now: MonotonicTime) {
        if isEmpty { waitingSince = now }
        latestSnapshot = snapshot
    }

    /// Writes what `write` takes. `write` returns how many bytes it wrote, 0 when the socket
    /// would block, or a negative number when it failed.
    mutating func drain(at now: MonotonicTime, write: (UnsafeRawBufferPointer) -> Int) -> Drain {
        while true {
            if start == queued.count {
                queued = []
                start = 0
                guard let snapshot = latestSnapshot else {
                    waitingSince = nil
                    return .drained
                }
                queued = snapshot
                latestSnapshot = nil
            }
            let written = queued.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            if written < 0 { return .failed }
            if written == 0 { return .blocked }
            start += min(written, queued.count - start)
            waitingSince = now
        }
    }

    /// Something has waited for the client to take it for longer than the stall timeout.
    func isStalled(at now: MonotonicTime) -> Bool {
        guard let waitingSince, !isEmpty else { return false }
        return now - waitingSince >= limits.stallTimeout
    }

    /// The clients to drop so that all of them together hold at most `limit` bytes: the ones
    /// holding most, first. `pending` is each client's ``pendingBytes``.
    static func overBudget(_ pending: [(fd: Int32, bytes: Int)], limit: Int) -> [Int32] {
        var total = pending.reduce(0) { $0 + $1.bytes }
        var dropped: [Int32] = []
        for client in pending.sorted(by: { ($0.bytes, $1.fd) > ($1.bytes, $0.fd) }) where total > limit {
            total -= client.bytes
            dropped.append(client.fd)
        }
        return dropped
    }
}
