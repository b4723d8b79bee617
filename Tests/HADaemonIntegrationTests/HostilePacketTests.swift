import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// Packets an attacker on the segment can send, against two real daemons (issue 10). With
/// `1 crc` no secret is needed to sign them; these tests sign with the cluster's key, which is the
/// same thing. Each failed on the daemon as it landed before that issue.
@Suite(.serialized)
struct HostilePacketTests {
    static let key = SigningKey(index: 1, method: .sha1, secret: Array("somesecret".utf8))

    /// A status packet sealed with the cluster key, claiming to come from `node`.
    static func forgedStatus(from node: String, seq: UInt64, generation: UInt64, status: String = "active") throws -> [UInt8] {
        let header = SenderHeader(node: node, uuid: Array(repeating: 7, count: 16), seq: seq, generation: generation, timestamp: 1, load: "n/a")
        return try MessageAuthenticator(outbound: key).sealNetstring(header.stamped(.status(status, deadTimeMilliseconds: 500)))
    }

    /// Sends `bytes` from `node`'s namespace to `address`:694, `count` times, `interval` apart.
    static func send(
        _ bytes: [UInt8], from node: String, to address: String, count: Int = 1, interval: Double = 0, bindTo sources: [String] = [],
        in cluster: NetnsCluster
    ) throws {
        let path = try cluster.node(node).directory + "/forged-\(UUID().uuidString).bin"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { unlink(path) }
        let script = """
            import socket, sys, time
            d = open(sys.argv[1], 'rb').read()
            sources = sys.argv[5:] or [None]
            socks = []
            for a in sources:
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                if a: s.bind((a, 0))
                socks.append(s)
            for i in range(int(sys.argv[3])):
                for s in socks: s.sendto(d, (sys.argv[2], 694))
                if float(sys.argv[4]) > 0: time.sleep(float(sys.argv[4]))
            """
        let result = try cluster.run(
            in: node, ["python3", "-c", script, path, address, String(count), String(interval)] + sources,
            timeout: .seconds(Int64(Double(count) * interval) + 10))
        #expect(result.status == .exited(0), "\(result)")
    }

    func pair() async throws -> NetnsCluster { try await startedPair() }

    @Test("a status claiming the peer with sequence number ffffffffffffffff neither kills the holder nor moves the address")
    func maximalSequenceNumber() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let bravoGeneration = try #require(snapshot(cluster, "alpha")?.node("bravo")?.generation)
        let forged = try Self.forgedStatus(from: "bravo", seq: .max, generation: UInt64(bravoGeneration))
        try Self.send(forged, from: "bravo", to: "192.0.2.11", count: 3, in: cluster)
        try await Task.sleep(for: .seconds(2))
        #expect(cluster.isRunning("alpha"), "alpha survived the packet")
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        let seen = try #require(snapshot(cluster, "alpha"))
        #expect(seen.node("bravo")?.status == .active, "the real bravo is still heard")
        #expect(seen.alerts.contains { $0.kind == .badPackets && $0.message.contains("out of window") }, "\(seen.alerts)")
    }

    @Test("replaying a killed holder's status packets does not delay the takeover")
    func replayAfterKill() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let alphaGeneration = try #require(snapshot(cluster, "bravo")?.node("alpha")?.generation)
        let replayed = try Self.forgedStatus(from: "alpha", seq: 1, generation: UInt64(alphaGeneration))
        try cluster.kill("alpha")
        let killedAt = SystemClock.now()
        // Replay every 100 ms for 3 s from alpha's (now daemon-less) host, beside the takeover.
        let replay = Task.detached { try Self.send(replayed, from: "alpha", to: "192.0.2.12", count: 30, interval: 0.1, in: cluster) }
        try await cluster.waitUntil("bravo takes the address during the replay", timeout: .milliseconds(1500)) {
            try cluster.holdsServiceAddress("bravo")
        }
        let tookOver = SystemClock.now() - killedAt
        try await replay.value
        print("kill → address on bravo with replays running: \(tookOver)")
        let seen = try #require(snapshot(cluster, "bravo"))
        #expect(seen.node("alpha")?.status == .dead)
        #expect(seen.alerts.contains { $0.kind == .badPackets }, "the replays are counted: \(seen.alerts)")
    }

    @Test("garbage from 64 spoofed sources gives one log line and one alert, not one per source")
    func manySources() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let sources = (150..<214).map { "192.0.2.\($0)" }
        for address in sources {
            let added = try cluster.run(in: "bravo", ["ip", "address", "add", "\(address)/32", "dev", NetnsCluster.interface])
            #expect(added.status == .exited(0), "\(added)")
        }
        try Self.send(Array("not a heartbeat packet".utf8), from: "bravo", to: "192.0.2.11", count: 3, bindTo: sources, in: cluster)
        try await Task.sleep(for: .milliseconds(500))
        let lines = cluster.log("alpha").split(separator: "\n").filter { $0.contains("dropped a packet") }
        #expect(lines.count == 1, "\(lines.prefix(3))")
        let seen = try #require(snapshot(cluster, "alpha"))
        let alerts = seen.alerts.filter { $0.kind == .badPackets }
        #expect(alerts.count == 1, "\(alerts.map(\.message))")
        #expect(alerts.first?.message.contains("192 packet(s)") == true, "\(alerts.map(\.message))")
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
    }
}
