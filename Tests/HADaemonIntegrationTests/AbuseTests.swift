import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// Hostile and broken input on both of the daemon's doors: the control socket and the UDP port.
/// The daemon must keep serving and the cluster must stay as it was.
@Suite(.serialized)
struct AbuseTests {
    func pair() async throws -> NetnsCluster { try await startedPair() }

    @Test("garbage, oversized lines, 100 clients at once and clients that never read leave the control socket serving")
    func controlSocketAbuse() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let path = try cluster.node("alpha").socketPath

        // Garbage gets an error, and the same connection still answers.
        let garbage = try RawClient(path: path)
        try garbage.send("this is not json\n")
        #expect(try garbage.readLine().contains(#""code":"bad_request""#))
        try garbage.send(#"{"id":5,"op":"status"}"# + "\n")
        #expect(try garbage.readLine().contains(#""snapshot""#))

        // A line over 64 KiB is refused and that client is closed.
        let huge = try RawClient(path: path)
        try huge.send(String(repeating: "x", count: 200_000))
        #expect(try huge.readLine().contains(#""code":"too_large""#))

        // A client that subscribes and never reads, and one that sends half a line and stalls.
        let silent = try RawClient(path: path)
        try silent.send(#"{"id":1,"op":"subscribe"}"# + "\n")
        let stalled = try RawClient(path: path)
        try stalled.send(#"{"id":1,"op":"sta"#)

        // 100 clients at once, each answered.
        let clients = try (0..<100).map { _ in try RawClient(path: path) }
        for (index, client) in clients.enumerated() { try client.send(#"{"id":\#(index),"op":"status"}"# + "\n") }
        for (index, client) in clients.enumerated() {
            let line = try client.readLine()
            #expect(line.contains(#""id":\#(index)"#) && line.contains(#""snapshot""#))
        }
        try await Task.sleep(for: .seconds(1))
        #expect(snapshot(cluster, "alpha") != nil, "still answering")
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        #expect(cluster.isRunning("alpha"))
        _ = (silent, stalled)
    }

    @Test("garbage, wrongly signed and replayed UDP packets are dropped, counted and logged once, and nothing moves")
    func udpAbuse() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let bravoGeneration = try #require(snapshot(cluster, "alpha")?.node("bravo")?.generation)
        let key = SigningKey(index: 1, method: .sha1, secret: Array("somesecret".utf8))
        func forged(generation: UInt64, secret: String) throws -> [UInt8] {
            let header = SenderHeader(
                node: "bravo", uuid: Array(repeating: 7, count: 16), seq: 1, generation: generation, timestamp: 1, load: "n/a")
            var signer = key
            signer.secret = Array(secret.utf8)
            return try MessageAuthenticator(outbound: signer).sealNetstring(header.stamped(.status("active", deadTimeMilliseconds: 500)))
        }
        let files = try cluster.node("bravo").directory
        let payloads: [(String, [UInt8])] = [
            ("garbage", Array("###\nnot a message at all%%%\n".utf8)),
            ("random", (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }),
            ("wrongkey", try forged(generation: UInt64(bravoGeneration), secret: "not-the-secret")),
            ("replay", try forged(generation: UInt64(bravoGeneration) - 1, secret: "somesecret")),
        ]
        for (name, bytes) in payloads {
            let path = files + "/\(name).bin"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let sent = try cluster.run(
                in: "bravo",
                [
                    "python3", "-c",
                    "import socket,sys; s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); d=open(sys.argv[1],'rb').read(); [s.sendto(d,('192.0.2.11',694)) for _ in range(300)]",
                    path,
                ])
            #expect(sent.status == .exited(0), "\(sent)")
        }
        try await Task.sleep(for: .seconds(1))
        let seen = try #require(snapshot(cluster, "alpha"))
        #expect(seen.node("bravo")?.status == .active)
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        #expect(seen.alerts.contains { $0.kind == .badPackets }, "\(seen.alerts)")
        let dropped = cluster.log("alpha").split(separator: "\n").filter { $0.contains("dropped") || $0.contains("replay") }
        #expect(dropped.count >= 2 && dropped.count <= 8, "one line per source and cause, not per packet: \(dropped)")
        #expect(cluster.isRunning("alpha") && cluster.isRunning("bravo"))
    }
}

/// A raw control-socket connection for abuse: send anything, read one line with a timeout.
final class RawClient {
    let fd: Int32

    init(path: String) throws {
        do {
            fd = try UnixSocket.connect(path, receiveTimeout: .seconds(3))
        } catch {
            throw HarnessError.timedOut(waitingFor: "connect to \(path)", after: .zero, cluster: "")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }  // the daemon may close an abusive client mid-write
            offset += n
        }
    }

    func readLine() throws -> String {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == 0x0A { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }
}
