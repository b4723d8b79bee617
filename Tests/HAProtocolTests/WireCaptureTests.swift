import HAProtocol
import Testing

/// Every datagram captured from real Heartbeat 3.0.6 decodes, re-encodes to the same bytes,
/// and re-signs to the same digests with key `somesecret`, index 1.
@Suite struct WireCaptureTests {
    let authenticator = MessageAuthenticator(outbound: WireFixtures.key)

    @Test("a captured datagram re-encodes to the same bytes", arguments: WireFixtures.names)
    func roundTrip(_ name: String) throws {
        let bytes = try WireFixtures.datagram(name)
        let datagram = try HeartbeatCodec.decode(bytes)
        #expect(datagram.framing == .netstring)
        let trailer = try #require(datagram.trailer)
        #expect(try HeartbeatCodec.encodeNetstring(datagram.message, trailer: trailer) == bytes)
        #expect(datagram.signedRange == 0..<(bytes.count - 3 - trailer.description.utf8.count - 1))
    }

    @Test("re-signing a captured message reproduces both captured digests", arguments: WireFixtures.names)
    func bothDigests(_ name: String) throws {
        let bytes = try WireFixtures.datagram(name)
        let datagram = try HeartbeatCodec.decode(bytes)
        let captured = try AuthToken(parsing: try #require(datagram.message.bytes("auth")))
        #expect(authenticator.classicToken(for: datagram.message) == captured)
        #expect(WireFixtures.key.sign(datagram.signedBytes) == datagram.trailer)
        #expect(try authenticator.sealNetstring(datagram.message) == bytes)
        #expect(try authenticator.verify(datagram) == Verification(keyIndex: 1, embeddedAuth: .valid))
    }

    @Test("flipping any one bit of a captured datagram breaks verification", arguments: WireFixtures.names)
    func singleByteFlips(_ name: String) throws {
        let bytes = try WireFixtures.datagram(name)
        for position in bytes.indices {
            for mask: UInt8 in [0x01, 0x20, 0x80] {
                var corrupted = bytes
                corrupted[position] ^= mask
                #expect(throws: WireError.self, "byte \(position) ^ \(mask)") {
                    try authenticator.open(corrupted)
                }
            }
        }
    }

    @Test("a wrong key rejects every captured datagram with a bad signature", arguments: WireFixtures.names)
    func wrongKey(_ name: String) throws {
        let wrong = MessageAuthenticator(
            outbound: SigningKey(index: 1, method: .sha1, secret: Array("othersecret".utf8)))
        let datagram = try HeartbeatCodec.decode(try WireFixtures.datagram(name))
        let trailer = try #require(datagram.trailer)
        #expect(throws: WireError.badSignature(keyIndex: 1, received: trailer.digest)) {
            try wrong.verify(datagram)
        }
    }

    @Test("all 1,058 datagrams of the full-cycle capture round-trip and verify on both layers")
    func fullCycleCorpus() throws {
        let corpus = try WireFixtures.fullCycle()
        #expect(corpus.count == 1058)
        for (number, bytes) in corpus.enumerated() {
            let datagram = try HeartbeatCodec.decode(bytes)
            #expect(try authenticator.verify(datagram).embeddedAuth == .valid, "datagram \(number)")
            #expect(try authenticator.sealNetstring(datagram.message) == bytes, "datagram \(number)")
        }
    }

    @Test("captured header fields read back through the accessors")
    func accessors() throws {
        let message = try HeartbeatCodec.decode(try WireFixtures.datagram("01-status-init")).message
        #expect(message.type == "status")
        #expect(message.src == "bravo")
        #expect(message.dest == nil)
        #expect(message.seq == 1)
        #expect(message.hg == 0x6b02_56d0)
        #expect(message.ts == 0x6b02_56cf)
        #expect(message["ld"] == "0.26 0.17 0.07 1/105 10429")
        #expect(message.srcUUID?.count == 16)
        #expect(
            message.fields.map(\.name) == [
                "t", "st", "dt", "protocol", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl", "auth",
            ])
        let ack = try HeartbeatCodec.decode(try WireFixtures.datagram("04-NS_ackmsg")).message
        #expect(ack.isUnsequenced)
        #expect(ack.seq == nil)
        #expect(ack.dest == "bravo")
    }
}
