import Glibc
import HAHost
import HAProtocol
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads a node's ``DRBDSource`` (when it has one to read) about once a second on a thread of
/// its own, so that a `drbdsetup` stuck in the kernel (``DRBDSource/read()`` waits for it up to
/// its limit) never holds up the console's loop.
///
/// One read at a time: the next starts a second after the last began, and not before it
/// returned. The thread hands its reading back through a mailbox and wakes the loop through a
/// pipe (``fd``); ``poll(now:)`` takes the reading and never waits.
final class DRBDReader {
    let source: DRBDSource
    private let mailbox: Mailbox?
    private var reading = false
    private var lastStart: Int64?
    static let interval: Int64 = 1000

    /// The reading a thread left, and the pipe that says it is there. The thread holds the
    /// mailbox until it is done, so the pipe outlives a reader dropped mid-read.
    private final class Mailbox: Sendable {
        let readEnd: Int32
        let writeEnd: Int32
        let slot = Mutex<DRBDReading?>(nil)

        init?() {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return nil }
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            }
            (readEnd, writeEnd) = (ends[0], ends[1])
        }

        deinit {
            close(readEnd)
            close(writeEnd)
        }

        func deliver(_ reading: DRBDReading) {
            slot.withLock { $0 = reading }
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }

        func take() -> DRBDReading? {
            var buffer = [UInt8](repeating: 0, count: 16)
            while read(readEnd, &buffer, buffer.count) > 0 {}
            return slot.withLock { value in
                defer { value = nil }
                return value
            }
        }
    }

    init(source: DRBDSource) {
        self.source = source
        mailbox = Mailbox()
    }

    /// Readable when a reading is waiting (-1 without a pipe).
    var fd: Int32 { mailbox?.readEnd ?? -1 }

    /// The reading that finished since the last call, if any; starts the next one when due.
    func poll(now: Int64) -> DRBDReading? {
        // Nothing to read (the header says why): no thread a second for nothing.
        guard source.isReadable else { return nil }
        guard let mailbox else { return DRBDReading(status: nil, source: source.description, problem: "cannot read DRBD: no pipe") }
        let finished = mailbox.take()
        if finished != nil { reading = false }
        if !reading, lastStart.map({ now - $0 >= Self.interval }) ?? true {
            lastStart = now
            reading = true
            let source = source
            let started = DetachedThread.start {
                let (status, problem) = source.read()
                mailbox.deliver(DRBDReading(status: status, source: source.description, problem: problem))
            }
            if let code = started {
                reading = false
                return DRBDReading(
                    status: nil, source: source.description, problem: "cannot read DRBD: no thread (\(String(cString: strerror(code))))")
            }
        }
        return finished
    }
}
