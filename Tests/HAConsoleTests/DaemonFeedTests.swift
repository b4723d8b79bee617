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
