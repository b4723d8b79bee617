import Foundation
import Glibc
import HAHost
import HAProtocol
import Synchronization

/// One raw connection to a daemon's control socket, for abuse: it connects, may write, and
/// never reads. Writes never block (a full socket buffer ends them). Closed on `close()` or
/// when released.
final class RawControlConnection: Sendable {
    let fd: Int32

    /// Connects to `path`; nil when the daemon refuses or does not accept in time.
    init?(path: String) {
        guard let fd = try? UnixSocket.connect(path, sendTimeout: .seconds(1)) else { return nil }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.fd = fd
    }

    deinit { Glibc.close(fd) }

    /// Writes as much of `bytes` as the socket takes now; the count written.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Int {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { break }
            sent += count
        }
        return sent
    }
}

/// The control-socket floods of the campaign, each bounded in count, bytes and time.
enum ControlFlood {
    /// `count` clients that connect and say nothing (those the daemon accepted).
    static func idleClients(path: String, count: Int) -> [RawControlConnection] {
        (0..<count).compactMap { _ in RawControlConnection(path: path) }
    }

    /// `count` clients that subscribe and never read.
    static func slowSubscribers(path: String, count: Int) -> [RawControlConnection] {
        (0..<count).compactMap { index in
            guard let connection = RawControlConnection(path: path) else { return nil }
            connection.send(Array(#"{"v":1,"id":\#(index),"op":"subscribe"}"#.utf8) + [0x0A])
            return connection
        }
    }

    /// Writes up to `megabytes` MiB of bare newlines into one connection, on a thread of its
    /// own, until done or `deadline`; `Flood.bytesSent` says how far it got.
    static func newlines(path: String, megabytes: Int, deadline: MonotonicTime) -> Flood {
        let flood = Flood()
        Thread {
            defer { flood.finished.store(true, ordering: .relaxed) }
            guard let connection = RawControlConnection(path: path) else { return }
            let chunk = [UInt8](repeating: 0x0A, count: 65536)
            let total = megabytes << 20
            var sent = 0
            while sent < total && SystemClock.now() < deadline {
                var pending = pollfd(fd: connection.fd, events: Int16(POLLOUT), revents: 0)
                guard poll(&pending, 1, 50) >= 0 else { break }
                if pending.revents & Int16(POLLERR | POLLHUP) != 0 { break }
                sent += connection.send(Array(chunk.prefix(total - sent)))
                flood.bytesSent.store(sent, ordering: .relaxed)
            }
        }.start()
        return flood
    }

    /// A newline flood under way.
    final class Flood: Sendable {
        let bytesSent = Atomic<Int>(0)
        let finished = Atomic<Bool>(false)
    }
}
