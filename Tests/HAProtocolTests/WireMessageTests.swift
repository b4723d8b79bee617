import HAProtocol
import Testing

/// `HAMessage` editing, `SenderHeader` stamping and the typed builders, checked against captures.
@Suite struct WireMessageTests {
    @Test("setting an existing field replaces it in place and a new one is appended")
    func setPreservesOrder() {
        var message = HAMessage(strings: [("t", "status"), ("st", "up"), ("dt", "2710")])
        message["st"] = "active"
        message["protocol"] = "1"
        #expect(message.fields.map(\.name) == ["t", "st", "dt", "protocol"])
        #expect(message["st"] == "active")
        message.append(.string("st", "second"))
        #expect(message["st"] == "active")
        message["st"] = nil
        #expect(message.fields.map(\.name) == ["t", "dt", "protocol"])
    }

    @Test("hex accessors accept only lower-case hex")
    func hexAccessors() {
        var message = HAMessage(strings: [("seq", "2a"), ("hg", "6B0256D0"), ("ts", "")])
        #expect(message.seq == 42)
        #expect(message.hg == nil)
        #expect(message.ts == nil)
        message["ts"] = "ffffffffffffffff"
        #expect(message.ts == UInt64.max)
        message["ts"] = "10000000000000000"
        #expect(message.ts == nil)
    }

    @Test("an unsequenced message gets no seq or ld and keeps its own src and ts")
    func unsequencedHeader() {
        let header = SenderHeader(
            node: "alpha", uuid: Array(repeating: 7, count: 16), seq: 9, generation: 0x10, timestamp: 0x20,
            load: "n/a", ttl: 3)
        var message = HAMessage(strings: [("t", "NS_st"), ("src", "pingnode"), ("ts", "5")])
        header.stamp(&message)
        #expect(message.fields.map(\.name) == ["t", "src", "ts", "srcuuid", "hg", "ttl"])
        #expect(message.src == "pingnode")
        #expect(message.ts == 5)
        let status = header.stamped(.status("up", deadTimeMilliseconds: 10_000))
        #expect(
            status.fields.map(\.name) == [
                "t", "st", "dt", "protocol", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl",
            ])
        #expect(status["seq"] == "9")
        #expect(status["hg"] == "10")
    }

    @Test("destuuid is added only to addressed messages")
    func destinationUUID() {
        let header = SenderHeader(
            node: "alpha", uuid: Array(repeating: 1, count: 16), seq: 1, generation: 1, timestamp: 1, load: "n/a",
            destinationUUID: Array(repeating: 2, count: 16))
        #expect(header.stamped(.starting).field("destuuid") == nil)
        #expect(
            header.stamped(.nodeListRequest(to: "bravo")).fields.map(\.name).prefix(3) == ["t", "dest", "destuuid"])
    }

    @Test("retransmit requests count in decimal, everything else in hex")
    func retransmitBases() {
        let request = HAMessage.retransmitRequest(to: "bravo", first: 26, last: 26)
        #expect(request["firstseq"] == "26")
        let refusal = HAMessage.retransmitRefusal(to: "bravo", seq: 26, reason: "seqno not found")
        #expect(refusal.fields.map(\.name) == ["t", "firstseq", "dest", "info"])
        #expect(refusal["firstseq"] == "1a")
        #expect(HAMessage.ack(to: "bravo", seq: 26)["ackseq"] == "1a")
    }

    static let rebuilds: [(String, HAMessage)] = [
        ("01-status-init", .status("init", deadTimeMilliseconds: 12_000)),
        ("02-status-up", .status("up", deadTimeMilliseconds: 12_000)),
        ("03-reqnodes", .nodeListRequest(to: "bravo")),
        ("04-NS_ackmsg", .ack(to: "bravo", seq: 5)),
        ("05-repnodes", .nodeListReply(to: "alpha", nodes: ["alpha", "bravo"])),
        ("06-status-active-dt12000", .status("active", deadTimeMilliseconds: 12_000)),
        ("07-starting", .starting),
        ("08-resource-none-unstable", .resource(hold: "none", isStable: false)),
        ("09-status-active-dt10000", .status("active", deadTimeMilliseconds: 10_000)),
        ("10-resource-local-req_our_resources", .resource(hold: "local", isStable: true, info: "req_our_resources()")),
        ("12-resource-none-info-shutdown", .resource(hold: "none", isStable: false, info: "shutdown")),
        ("13-shutdone", .shutdownDone),
        ("14-ask_resources-all-done", .askResources(hold: "all", info: "done")),
        ("15-resource-foreign-mach_down", .resource(hold: "foreign", isStable: nil, info: "mach_down")),
        ("16-stonith-n_stnth", .stonith(node: "bravo", result: "n_stnth")),
        ("17-ask_resources-all-me", .askResources(hold: "all", info: "me")),
        ("18-hb_takeover", .takeover(hold: "all")),
    ]

    @Test("a built, stamped and sealed message equals the captured datagram", arguments: rebuilds)
    func rebuildCapture(_ name: String, _ body: HAMessage) throws {
        let captured = try WireFixtures.datagram(name)
        let original = try HeartbeatCodec.decode(captured).message
        let header = SenderHeader(
            node: try #require(original.src), uuid: try #require(original.srcUUID), seq: original.seq ?? 0,
            generation: try #require(original.hg), timestamp: try #require(original.ts), load: original["ld"] ?? "",
            ttl: Int(original["ttl"] ?? "") ?? 0, destinationUUID: original.bytes("destuuid"))
        let sealed = try MessageAuthenticator(outbound: WireFixtures.key).sealNetstring(header.stamped(body))
        #expect(sealed == captured)
    }
}
