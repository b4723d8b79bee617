import HAProtocol
import Testing

/// Spec §2.3 test vectors and the §5.4 worked example, byte for byte.
@Suite struct WireDigestTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var method: AuthMethod
        var secret: String
        var input: String
        var digest: String
        var testDescription: String { "\(method) key \"\(secret)\" over \"\(input)\"" }
    }

    static let vectors: [Vector] = [
        Vector(method: .crc, secret: "", input: "", digest: "ffffffff"),
        Vector(method: .crc, secret: "", input: "a", digest: "579b24df"),
        Vector(method: .crc, secret: "", input: "x40", digest: "6a039b"),
        Vector(method: .md5, secret: "HI!", input: "", digest: "2dd67435b457211b3e88da6c2031e853"),
        Vector(method: .md5, secret: "HI!", input: "a", digest: "13fbcf651a63130892c022e000e6e1eb"),
        Vector(method: .sha1, secret: "HI!", input: "", digest: "3408a27dd7b8673ff78377b18e5a85c6f0b061e8"),
        Vector(method: .sha1, secret: "HI!", input: "a", digest: "4070935dc8f9d1980a13f3f4634cb9b2de90641c"),
        Vector(method: .sha1, secret: "secret", input: "a", digest: "cd33db5a64e8a2185659da6f09dc78676bc5a19a"),
        Vector(
            method: .md5, secret: String(repeating: "k", count: 65), input: "a",
            digest: "d03111c1c3f1aedcfd9dca8421ac4df2"),
    ]

    @Test("each authkeys method reproduces the digests of the shipped plugins", arguments: vectors)
    func pluginVector(_ vector: Vector) {
        let key = SigningKey(index: 1, method: vector.method, secret: Array(vector.secret.utf8))
        #expect(key.digest(Array(vector.input.utf8)) == vector.digest)
    }

    @Test("crc ignores the key and prints without zero padding")
    func crcUnpadded() {
        let withKey = SigningKey(index: 2, method: .crc, secret: Array("ignored".utf8))
        #expect(withKey.digest(Array("x40".utf8)) == "6a039b")
        #expect(CRC32POSIX.hex(of: Array("123456789".utf8)) == "765e7680")
    }

    // MARK: - §5.4 worked example: key `secret`, index 1, alice, UUID 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0

    static let exampleUUID: [UInt8] = [
        0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78, 0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf0,
    ]
    static let exampleText = WireFixtures.bytes(
        "t=status\nst=active\ndt=7530\nprotocol=1\nsrc=alice\n(1)srcuuid=Dx4tPEtaaXiHlqW0w9Lh8A==\n"
            + "seq=2a\nhg=5\nts=65f0a1b2\nld=0.15 0.10 0.05 1/123 4567\nttl=3\n")
    static let exampleBody =
        WireFixtures.bytes(
            "###\n11:(0)t=status,12:(0)st=active,10:(0)dt=7530,13:(0)protocol=1,12:(0)src=alice,27:(1)srcuuid=")
        + exampleUUID
        + WireFixtures.bytes(
            ",9:(0)seq=2a,7:(0)hg=5,14:(0)ts=65f0a1b2,31:(0)ld=0.15 0.10 0.05 1/123 4567,8:(0)ttl=3,"
                + "50:(0)auth=1 ce5db846efc633ce0771d1ab9cbf8a6fc4536add,%%%\n")
    static let exampleDatagram = exampleBody + WireFixtures.bytes("42:1 b865609a24fdeaf58887bfc00d8c98828d49e7da,")

    static func key(_ method: AuthMethod) -> SigningKey {
        SigningKey(index: 1, method: method, secret: Array("secret".utf8))
    }

    static var exampleMessage: HAMessage {
        let header = SenderHeader(
            node: "alice", uuid: exampleUUID, seq: 0x2a, generation: 5, timestamp: 0x65f0_a1b2,
            load: "0.15 0.10 0.05 1/123 4567", ttl: 3)
        return header.stamped(.status("active", deadTimeMilliseconds: 30_000))
    }

    @Test("the classic text of the worked example is exactly the signed text of spec §5.4")
    func workedExampleClassicText() {
        #expect(HeartbeatCodec.classicText(Self.exampleMessage, includingAuth: false) == Self.exampleText)
    }

    @Test(
        "the classic auth digest of the worked example matches for every method",
        arguments: [
            (AuthMethod.sha1, "ce5db846efc633ce0771d1ab9cbf8a6fc4536add"),
            (.md5, "8952a77cd29e4d24dffa4c8cb5997de5"), (.crc, "4c257b43"),
        ])
    func workedExampleClassicDigest(method: AuthMethod, digest: String) {
        #expect(Self.key(method).digest(Self.exampleText) == digest)
        let authenticator = MessageAuthenticator(outbound: Self.key(method))
        #expect(authenticator.classicToken(for: Self.exampleMessage) == AuthToken(keyIndex: 1, digest: digest))
    }

    @Test(
        "the trailer digest over the 257 signed bytes matches for every method",
        arguments: [
            (AuthMethod.sha1, "b865609a24fdeaf58887bfc00d8c98828d49e7da"),
            (.md5, "4a5c88d6104f3950a722711398a785c4"), (.crc, "57cb02c9"),
        ])
    func workedExampleTrailerDigest(method: AuthMethod, digest: String) {
        #expect(Self.exampleBody.count == 257)
        #expect(Self.key(method).digest(Self.exampleBody) == digest)
    }

    @Test("sealing the worked example gives the datagram of spec §5.4 byte for byte")
    func workedExampleDatagram() throws {
        let sealed = try MessageAuthenticator(outbound: Self.key(.sha1)).sealNetstring(Self.exampleMessage)
        #expect(sealed == Self.exampleDatagram)
        let datagram = try HeartbeatCodec.decode(sealed)
        #expect(datagram.signedRange == 0..<257)
        #expect(datagram.trailer == AuthToken(keyIndex: 1, digest: "b865609a24fdeaf58887bfc00d8c98828d49e7da"))
    }

    @Test("the worked example in classic form is signed by its auth field")
    func workedExampleClassic() throws {
        let authenticator = MessageAuthenticator(outbound: Self.key(.sha1))
        let sealed = try authenticator.sealClassic(Self.exampleMessage)
        let expected =
            WireFixtures.bytes(">>>\n") + Self.exampleText
            + WireFixtures.bytes("auth=1 ce5db846efc633ce0771d1ab9cbf8a6fc4536add\n<<<\n") + [0]
        #expect(sealed == expected)
        let datagram = try HeartbeatCodec.decode(sealed)
        #expect(datagram.framing == .classic)
        #expect(datagram.message == authenticator.stampedAuth(Self.exampleMessage))
        #expect(try authenticator.verify(datagram) == Verification(keyIndex: 1, embeddedAuth: .valid))
    }

    @Test("a digest differing in any position or length does not match")
    func digestComparison() throws {
        let key = Self.key(.sha1)
        let good = key.digest(Self.exampleText)
        let authenticator = MessageAuthenticator(outbound: key)
        try authenticator.check(AuthToken(keyIndex: 1, digest: good), over: Self.exampleText)
        for position in [0, 19, 39] {
            var digits = Array(good.utf8)
            digits[position] = digits[position] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            let bad = AuthToken(keyIndex: 1, digest: String(decoding: digits, as: UTF8.self))
            #expect(throws: WireError.badSignature(keyIndex: 1, received: bad.digest)) {
                try authenticator.check(bad, over: Self.exampleText)
            }
        }
        #expect(throws: WireError.self) {
            try authenticator.check(AuthToken(keyIndex: 1, digest: String(good.dropLast())), over: Self.exampleText)
        }
    }
}

extension MessageAuthenticator {
    /// `message` with the `auth` field `sealClassic` adds, for comparing decoded classic messages.
    func stampedAuth(_ message: HAMessage) -> HAMessage {
        var copy = message
        copy.set(.string("auth", classicToken(for: message).description))
        return copy
    }
}
