import Foundation
import HAFixtures
import Testing

@testable import HAProtocol

@Suite struct ControlCodecTests {
    func decode(_ text: String) -> Result<ControlRequest, ControlErrorWithID> {
        ControlCodec.decodeRequest(Array(text.utf8))
    }

    @Test("a standby request names the target node and the resources")
    func standby() throws {
        let request = try decode(#"{"v":1,"id":7,"op":"standby","node":"alpha","resources":"all","reason":"SOP failover"}"#).get()
        #expect(request == ControlRequest(id: 7, op: .standby, node: "alpha", resources: .all, reason: "SOP failover"))
        #expect(request.op.isChange)
    }

    @Test("v may be omitted and defaults to the current version")
    func defaultVersion() throws {
        #expect(try decode(#"{"id":1,"op":"status"}"#).get().v == ControlRequest.protocolVersion)
    }

    @Test(
        "refusals carry a code, a message and the id when it could be read",
        arguments: [
            (#"{"id":3,"op":"reboot"}"#, 3, ControlError.Code.unknownOperation),
            (#"{"v":2,"id":4,"op":"status"}"#, 4, .unsupportedVersion),
            (#"{"id":5,"op":"standby","resources":"some"}"#, 5, .badRequest),
            ("garbage", nil, .badRequest),
            (#"{"op":"status"}"#, nil, .badRequest),
            ("[1,2,3]", nil, .badRequest),
        ] as [(String, Int?, ControlError.Code)])
    func refusals(text: String, id: Int?, code: ControlError.Code) {
        guard case .failure(let failure) = decode(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(failure.id == id)
        #expect(failure.error.code == code)
        #expect(!failure.error.message.isEmpty)
    }

    @Test("a line over 64 KiB is refused before parsing")
    func tooLarge() {
        let line = [UInt8](repeating: 0x20, count: ControlCodec.maxLineBytes + 1)
        guard case .failure(let failure) = ControlCodec.decodeRequest(line) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.error.code == .tooLarge)
    }

    @Test("a snapshot response round-trips through one JSON line")
    func snapshotRoundTrip() throws {
        let snapshot = ClusterSnapshot(
            takenAt: 1_795_316_671_000, localNode: "alpha", timers: .init(keepalive: 100, warntime: 200, deadtime: 500, initdead: 1000),
            autoFailback: .on,
            nodes: [
                NodeSnapshot(
                    name: "alpha", status: .active, links: [.init(interface: "hb0", status: .up, lastHeardAge: 80)], holds: .local, stable: true)
            ],
            groups: [
                GroupSnapshot(
                    key: "IPaddr2::192.0.2.100/24/hb0", preferredNode: "alpha", resources: ["IPaddr2::192.0.2.100/24/hb0", "hbdummy"],
                    holders: ["alpha"], state: .running)
            ],
            alerts: [Alert(kind: .splitBrain, severity: .critical, message: "both hold it", evidence: ["x"])])
        let line = ControlCodec.encode(ControlResponse(id: 9, event: "snapshot", snapshot: snapshot))
        #expect(line.last == 0x0A)
        #expect(!line.dropLast().contains(0x0A))
        let decoded = try ControlCodec.decodeResponse(line.dropLast())
        #expect(decoded.snapshot == snapshot)
        #expect(decoded.id == 9)
    }

    @Test("an alert kind from a newer daemon is read as unknown, with its message, not as a broken snapshot")
    func unknownAlertKind() throws {
        let snapshot = ClusterSnapshot(
            takenAt: 1, localNode: "alpha", timers: .init(keepalive: 100, warntime: 200, deadtime: 500, initdead: 1000), autoFailback: .on,
            nodes: [], groups: [], alerts: [Alert(kind: .splitBrain, severity: .critical, message: "fencing bravo failed", evidence: ["rc 1"])])
        let line = String(decoding: ControlCodec.encode(ControlResponse(id: 3, snapshot: snapshot)), as: UTF8.self)
        let newer = line.replacingOccurrences(of: "\"split_brain\"", with: "\"fencing_failed\"")
        #expect(newer != line)
        let decoded = try ControlCodec.decodeResponse(Array(newer.utf8).dropLast())
        let alert = try #require(decoded.snapshot?.alerts.first)
        #expect(alert.kind == .unknown)
        #expect(alert.message == "fencing bravo failed")
        #expect(alert.severity == .critical)
    }

    @Test("thousands of random and mutated lines never crash the request decoder")
    func fuzz() {
        var rng = SeededGenerator(seed: 0xC0_47_01)
        let seeds = [#"{"v":1,"id":7,"op":"standby","node":"alpha","resources":"all"}"#, #"{"id":1,"op":"subscribe"}"#]
        for i in 0..<4000 {
            let input: [UInt8] = i % 2 == 0 ? Fuzz.mutate(Array(seeds[i % seeds.count].utf8), &rng) : Fuzz.bytes(&rng, maxLength: 200)
            _ = ControlCodec.decodeRequest(input)
        }
    }
}

@Suite struct ConfigDigestTests {
    @Test("comments, blank lines and spacing do not change the digest; a changed value does")
    func normalisation() {
        let a = ConfigDigest(haCFText: "node alpha\nkeepalive 1\n", haResourcesText: "alpha 192.0.2.100\n", authKeysText: "auth 1\n1 sha1 one\n")
        let b = ConfigDigest(
            haCFText: "# c\nnode   alpha # x\n\nkeepalive 1\nlogfile /var/log/b\n", haResourcesText: "alpha  192.0.2.100",
            authKeysText: "auth 1\n1 sha1 two\n")
        #expect(a == b)
        let c = ConfigDigest(haCFText: "node alpha\nkeepalive 2\n", haResourcesText: "alpha 192.0.2.100\n", authKeysText: "auth 1\n1 md5 one\n")
        #expect(a.differences(from: c) == ["ha.cf", "authkeys"])
        #expect(ConfigDigest(a.description) == a)
        #expect(a.haCF.count == 12)
    }
}
