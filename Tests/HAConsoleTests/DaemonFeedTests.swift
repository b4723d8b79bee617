import Foundation
import Glibc
import HAHost
import HAProtocol
import Testing

@testable import HAConsole

/// ``DaemonFeed`` behind a stand-in bridge: its `via` prefix is a script that plays a bridge
/// which closed its end of the connection but lingers. The real bridge is in ConsoleSSHTests.
@Suite(.serialized)
struct DaemonFeedTests {
    @Test("a bridge that closed its end but lingers never holds up a poll, and its last words become the reason")
    func lingeringBridge() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("daemonfeed-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bridge = directory + "/bridge"
        try "#!/bin/sh\necho 'bridge: stuck' >&2\nexec sleep 3 <&- >&-\n".write(toFile: bridge, atomically: true, encoding: .utf8)
        chmod(bridge, 0o755)
        let feed = DaemonFeed(path: "/run/hadaemon/hadaemon.sock", via: [bridge])
        defer { feed.disconnect("done") }
        var slowest: Int64 = 0
        var inputs: [FeedInput] = []
        let deadline = SystemClock.milliseconds() + 5000
        while SystemClock.milliseconds() < deadline, !inputs.contains(where: { if case .connection(.unreachable) = $0 { true } else { false } }) {
            let start = SystemClock.milliseconds()
            inputs += feed.poll(now: SystemClock.now())
            slowest = max(slowest, SystemClock.milliseconds() - start)
            usleep(10_000)
        }
        #expect(slowest < 50, "one poll took \(slowest) ms")
        #expect(inputs.first == .connection(.connecting))
        #expect(inputs.last == .connection(.unreachable("hadaemon bridge via \(bridge): bridge: stuck")), "\(inputs)")
    }
}

extension DaemonFeedTests {
    @Test("a daemon whose connection queue is full (hung, never accepting) does not hold up a poll")
    func fullBacklog() throws {
        var template = Array("/tmp/daemonfeed-XXXXXX".utf8CString)
        let directory = String(cString: try #require(mkdtemp(&template)))
        let path = directory + "/hung.sock"
        defer {
            unlink(path)
            rmdir(directory)
        }
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = try #require(UnixSocket.address(path))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(listener, 0) == 0)
        // Fill the queue the way clients of a hung daemon would: until a connect would wait.
        var queued: [Int32] = []
        defer { queued.forEach { close($0) } }
        for _ in 0..<8 {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard connected == 0 else {
                close(fd)
                break
            }
            queued.append(fd)
        }
        try #require(!queued.isEmpty)
        // Bounds the old, blocking connect: closing the listener wakes it.
        let closer = Thread {
            usleep(2_000_000)
            close(listener)
        }
        closer.start()
        let feed = DaemonFeed(path: path, via: [])
        defer { feed.disconnect("done") }
        let start = SystemClock.milliseconds()
        let inputs = feed.poll(now: SystemClock.now())
        let took = SystemClock.milliseconds() - start
        #expect(took < 50, "the poll took \(took) ms")
        #expect(inputs.contains { if case .connection(.unreachable(let why)) = $0 { why.contains("queue is full") } else { false } }, "\(inputs)")
        usleep(2_100_000)  // the closer has run: the listener is not closed twice or leaked
    }
}

extension DaemonFeedTests {
    @Test("a daemon that sends an endless line is dropped at the line limit, and no poll holds the screen")
    func endlessLine() throws {
        var template = Array("/tmp/daemonfeed-XXXXXX".utf8CString)
        let directory = String(cString: try #require(mkdtemp(&template)))
        let path = directory + "/flood.sock"
        defer {
            unlink(path)
            rmdir(directory)
        }
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = try #require(UnixSocket.address(path))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(listener, 1) == 0)
        // A stand-in daemon: 40 MiB without a newline, then it hangs up.
        let flooder = Thread {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<40 where chunk.withUnsafeBytes({ send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) > 0 {}
            close(client)
        }
        flooder.start()
        let feed = DaemonFeed(path: path, via: [])
        defer { feed.disconnect("done") }
        var inputs: [FeedInput] = []
        var slowest: Int64 = 0
        let deadline = SystemClock.milliseconds() + 10_000
        while SystemClock.milliseconds() < deadline, !inputs.contains(where: { if case .connection(.unreachable) = $0 { true } else { false } }) {
            let start = SystemClock.milliseconds()
            inputs += feed.poll(now: SystemClock.now())
            slowest = max(slowest, SystemClock.milliseconds() - start)
            usleep(1000)
        }
        // 835 ms before the read budget; a 1 MiB read and scan takes a few ms, but a loaded
        // 2-core machine (the suite runs in parallel) has taken 140.
        #expect(slowest < 250, "one poll took \(slowest) ms")
        let reasons = inputs.compactMap { if case .connection(.unreachable(let why)) = $0 { why } else { nil } }
        #expect(reasons.contains { $0.contains("longer than") }, "\(inputs.suffix(3))")
    }
}
