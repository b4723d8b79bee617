import Foundation
import Glibc
import HAHost
import HAProtocol
import Synchronization

/// A second subscriber on the daemon the console follows: a thread that timestamps each
/// snapshot the moment it arrives, so the change-to-screen figure starts when the console's own
/// feed could first have seen the change (both read the same stream).
final class SnapshotSubscriber: Sendable {
    /// When a snapshot arrived (monotonic ms) and who held the watched group in it.
    struct Seen: Sendable {
        var atMS: Double
        var holders: [String]
        var state: GroupSnapshot.State?
    }

    private let fd: Int32
    private let group: String
    private let seen = Mutex<[Seen]>([])
    private let stopping = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    init(socket path: String, group: String) throws {
        let fd: Int32
        do {
            fd = try UnixSocket.connect(path)
        } catch {
            throw ConsoleBenchError("cannot subscribe at \(path): \(String(cString: strerror(error.errno)))")
        }
        let request = ControlCodec.encode(ControlRequest(id: 1, op: .subscribe))
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        self.fd = fd
        self.group = group
        Thread { [self] in readLoop() }.start()
    }

    /// The first arrival at or after `afterMS` in which `holders` alone hold the group.
    func firstArrival(holders: [String], afterMS: Double) -> Seen? {
        seen.withLock { $0.first { $0.atMS >= afterMS && $0.holders == holders } }
    }

    /// The latest snapshot's view of the group.
    var latest: Seen? { seen.withLock { $0.last } }

    /// Ends the thread (within about 100 ms) and closes the connection.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        for _ in 0..<50 where !finished.load(ordering: .relaxed) { usleep(10_000) }
        close(fd)
    }

    private func readLoop() {
        defer { finished.store(true, ordering: .relaxed) }
        var input: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !stopping.load(ordering: .relaxed) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) >= 0 else { return }
            guard poller.revents != 0 else { continue }
            let count = read(fd, &buffer, buffer.count)
            let arrived = BenchClock.nowMS()
            guard count > 0 else { return }
            input += buffer[0..<count]
            while let newline = input.firstIndex(of: 0x0A) {
                let line = input[..<newline]
                input.removeSubrange(...newline)
                guard let snapshot = try? ControlCodec.decodeResponse(line).snapshot else { continue }
                let watched = snapshot.groups.first { $0.key == group }
                seen.withLock { $0.append(Seen(atMS: arrived, holders: watched?.holders ?? [], state: watched?.state)) }
            }
        }
    }
}
