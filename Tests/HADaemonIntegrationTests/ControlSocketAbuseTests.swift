import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Synchronization
import Testing

/// The control socket under attack, black-box, on a pair with fast timers (200 ms keepalive,
/// 1 s deadtime) so that any stall of alpha's loop shows as bravo taking the address: a flood of
/// newlines, clients that connect and say nothing, subscribers that never read (issue 10).
@Suite(.serialized)
struct ControlSocketAbuseTests {
    static func fastPair(start nodes: [String] = ["alpha", "bravo"]) async throws -> NetnsCluster {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.keepalive = .milliseconds(200)
        spec.warntime = .milliseconds(500)
        spec.deadtime = .seconds(1)
        spec.initdead = .seconds(2)
        let cluster = try NetnsCluster(spec)
        do {
            for node in nodes { try cluster.start(node) }
            try await cluster.waitUntil("alpha holds the address, the pair is settled", timeout: .seconds(10)) {
                try cluster.serviceAddressHolders() == ["alpha"] && (nodes.count < 2 || cluster.isSettled())
            }
        } catch {
            cluster.shutdown()
            throw error
        }
        return cluster
    }

    @Test("10 MB of bare newlines is worked through a slice at a time: status answered meanwhile, the peer never takes over")
    func newlineFlood() async throws {
        let cluster = try await Self.fastPair()
        defer { cluster.shutdown() }
        let path = try cluster.node("alpha").socketPath
        let watcher = try VIPWatcher(cluster: cluster)
        let flooder = try RawClient(path: path)
        let fd = flooder.fd
        let flood = Background { () -> Duration in
            let started = SystemClock.now()
            _ = RawClient.send(fd, Array(repeating: 0x0A, count: 10_000_000), blocking: true)
            return SystemClock.now() - started
        }
        var latencies: [Duration] = []
        var duringFlood = 0
        var unanswered = 0
        var floodEnded: MonotonicTime?
        // Back to back while the flood lasts, then through a deadtime and a half after it, when
        // a stall would show as a takeover.
        while floodEnded.map({ SystemClock.now() - $0 < .milliseconds(1500) }) ?? true {
            let asked = SystemClock.now()
            if cluster.snapshot("alpha", timeout: .seconds(3)) == nil { unanswered += 1 }
            latencies.append(SystemClock.now() - asked)
            if floodEnded == nil {
                if flood.value != nil { floodEnded = SystemClock.now() } else { duringFlood += 1 }
            }
            try await Task.sleep(for: .milliseconds(floodEnded == nil ? 1 : 50))
        }
        let timeline = watcher.stop()
        let sorted = latencies.sorted()
        print(
            "newline flood: 10 MB taken in \(flood.value ?? .zero); status over \(sorted.count) asks (\(duringFlood) during the flood):"
                + " median \(sorted[sorted.count / 2]), max \(sorted.last ?? .zero), \(unanswered) unanswered")
        #expect(timeline.segments.allSatisfy { $0.holders == ["alpha"] }, "the address moved: \(timeline.summary)")
        #expect(unanswered == 0)
        #expect(sorted.last ?? .zero < .milliseconds(500), "status took up to \(sorted.last ?? .zero) during the flood")
        #expect(!cluster.log("bravo").contains("node alpha: is dead"))
        // The flooding connection itself is still served once its newlines are through.
        try flooder.send(#"{"id":7,"op":"status"}"# + "\n")
        #expect(try flooder.readLine().contains(#""id":7"#))
    }

    @Test("140 silent clients of another user: root is still served at once, the others hear busy, the silent ones are closed")
    func silentClients() async throws {
        let cluster = try await Self.fastPair()
        defer { cluster.shutdown() }
        let path = try cluster.node("alpha").socketPath
        chmod(path, 0o666)  // let uid 65534 in, as a member of the socket's group would be
        // Holds 140 connections that say nothing for 14 s (creating argv[2] once they are made);
        // prints how many heard `busy` and how many the daemon closed, and when.
        let script = """
            import select, socket, sys, time
            conns = []
            for _ in range(140):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(sys.argv[1])
                conns.append(s)
            open(sys.argv[2], "w").close()
            start = time.monotonic()
            busy, closed, last = set(), set(), 0.0
            while time.monotonic() - start < 14 and len(closed) < len(conns):
                for c in select.select([c for c in conns if c not in closed], [], [], 0.2)[0]:
                    data = c.recv(4096)
                    if b'"busy"' in data:
                        busy.add(c)
                    if not data:
                        closed.add(c)
                        last = time.monotonic() - start
            print("busy", len(busy), "closed", len(closed), "last %.1f" % last, flush=True)
            """
        let connected = "/tmp/ha-silent-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(connected) }
        let nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let silent = Background {
            let output = try? cluster.run(
                in: "alpha", nobody + [NetnsClusterTests.python, "-c", script, path, connected], timeout: .seconds(20))
            return output.map { $0.stdout + $0.stderr } ?? "did not run"
        }
        try await cluster.waitUntil("the silent clients connect", timeout: .seconds(5)) { access(connected, F_OK) == 0 }
        let hadaemon = try NetnsCluster.builtProduct("hadaemon")
        // Within a second of the flood, another user is refused: told so, not killed by SIGPIPE.
        let refused = try cluster.run(in: "alpha", nobody + [hadaemon, "status", "--socket", path])
        #expect(refused.status == .exited(1) && refused.stderr.contains("busy: too many control clients"), "\(refused.status) \(refused.stderr)")
        let status = try cluster.run(in: "alpha", [hadaemon, "status", "--socket", path])
        #expect(status.status == .exited(0), "root's hadaemon status: \(status.status) \(status.stderr)")
        #expect(status.stdout.contains("node alpha"))
        #expect(try ClStatusTests.clStatus(cluster, "alpha", "hbstatus") == ("Heartbeat is running on this machine.\n", .exited(0)))
        // Another user's client takes the place of one idle for a while.
        try await Task.sleep(for: .milliseconds(1200))
        let other = try cluster.run(in: "alpha", nobody + [hadaemon, "status", "--socket", path])
        #expect(other.status == .exited(0), "another user's hadaemon status: \(other.status) \(other.stderr)")
        try await cluster.waitUntil("the silent clients' report", timeout: .seconds(20), poll: .milliseconds(100)) { silent.value != nil }
        let report = silent.value ?? ""
        print("silent clients: \(report)")
        let words = report.split(whereSeparator: \.isWhitespace)
        let busy = words.firstIndex(of: "busy").flatMap { Int(words[$0 + 1]) } ?? 0
        let closed = words.firstIndex(of: "closed").flatMap { Int(words[$0 + 1]) } ?? 0
        #expect(busy >= 20, "the ones over the cap are told busy: \(report)")
        #expect(closed == 140, "the idle ones are closed after the idle timeout: \(report)")
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
    }

    @Test("100 subscribers that pipeline requests and never read: memory stays bounded and they are dropped")
    func subscribersThatNeverRead() async throws {
        let cluster = try await Self.fastPair()
        defer { cluster.shutdown() }
        let path = try cluster.node("alpha").socketPath
        let pid = try #require(cluster.pid("alpha"))
        let answerSize = try cluster.control("alpha", #"{"id":1,"op":"subscribe"}"#).utf8.count + 1
        let baseline = try #require(ProcessFootprint.read(pid)).rssKB
        let watcher = try VIPWatcher(cluster: cluster)
        // Each asks for 1.5 MiB of answers: 150 MiB in all if they piled up in the daemon.
        let perClient = max(1, (3 << 19) / answerSize)
        let request = Array(String(repeating: #"{"id":1,"op":"subscribe"}"# + "\n", count: perClient).utf8)
        let clients = try (0..<100).map { _ in try RawClient(path: path) }
        for client in clients { _ = RawClient.send(client.fd, request, blocking: false) }
        var peak = baseline
        var slowest = Duration.zero
        var unanswered = 0
        let started = SystemClock.now()
        // Until the daemon has dropped them all (they stall for good), at most 16 s.
        while SystemClock.now() - started < .seconds(16) && !clients.allSatisfy({ $0.isClosedByPeer }) {
            peak = max(peak, ProcessFootprint.read(pid)?.rssKB ?? 0)
            let asked = SystemClock.now()
            if cluster.snapshot("alpha", timeout: .seconds(3)) == nil { unanswered += 1 }
            slowest = max(slowest, SystemClock.now() - asked)
            try await Task.sleep(for: .milliseconds(100))
        }
        let dropped = clients.filter { $0.isClosedByPeer }.count
        print(
            "never-reading subscribers: RSS \(baseline) kB before, peak \(peak) kB (+\((peak - baseline) / 1024) MB);"
                + " slowest status \(slowest), \(unanswered) unanswered; \(dropped) of 100 dropped after \(SystemClock.now() - started)")
        #expect(peak - baseline < 40 * 1024, "RSS grew from \(baseline) kB to \(peak) kB")
        #expect(unanswered == 0 && slowest < .milliseconds(500), "status took up to \(slowest)")
        #expect(dropped == 100, "the daemon drops subscribers that do not read")
        let timeline = watcher.stop()
        #expect(timeline.segments.allSatisfy { $0.holders == ["alpha"] }, "the address moved: \(timeline.summary)")
    }
}

/// A value computed on a thread of its own (blocking socket calls that must not hold up the
/// test's own task), read once it is there.
final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)

    init(_ body: @escaping @Sendable () -> Value) {
        Thread { [self] in
            let value = body()
            result.withLock { $0 = value }
        }.start()
    }

    /// The value, once the thread has finished.
    var value: Value? { result.withLock { $0 } }
}

extension RawClient {
    /// Sends `bytes` on `fd` without SIGPIPE; with `blocking` false only what fits now. Returns
    /// how many bytes went out (the daemon may close the connection on the way).
    static func send(_ fd: Int32, _ bytes: [UInt8], blocking: Bool) -> Int {
        var offset = 0
        while offset < bytes.count {
            let flags = Int32(MSG_NOSIGNAL) | (blocking ? 0 : Int32(MSG_DONTWAIT))
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, flags) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            offset += count
        }
        return offset
    }

    /// The daemon closed its end (POLLHUP), whatever is still unread here.
    var isClosedByPeer: Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1 && entry.revents & Int16(POLLHUP) != 0
    }
}
