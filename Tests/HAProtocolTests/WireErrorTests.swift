import HAProtocol
import Testing

/// Each way a datagram can be wrong gives its own typed error, naming the offending value.
@Suite struct WireErrorTests {
    static func b(_ text: String) -> [UInt8] { Array(text.utf8) }
    static let field = "11:(0)t=status,"
    static let hex40 = String(repeating: "a", count: 40)

    struct Case: CustomTestStringConvertible, Sendable {
        var what: String
        var bytes: [UInt8]
        var error: WireError
        var testDescription: String { what }
    }

    static let decodeCases: [Case] = [
        Case(what: "empty datagram", bytes: [], error: .truncated(offset: 0, expected: "###\\n or >>>\\n")),
        Case(
            what: "cut inside the start marker", bytes: b("##"),
            error: .truncated(offset: 2, expected: "###\\n or >>>\\n")),
        Case(
            what: "unknown start marker", bytes: b("<<<\nt=x\n"),
            error: .misframed(offset: 0, expected: "###\\n or >>>\\n", found: "<<<\\nt=x\\n")),
        Case(
            what: "no end marker", bytes: b("###\n" + field),
            error: .truncated(offset: 19, expected: "a field netstring or %%%\\n")),
        Case(
            what: "cut inside the end marker", bytes: b("###\n" + field + "%%"),
            error: .truncated(offset: 21, expected: "a field netstring or %%%\\n")),
        Case(
            what: "cut inside a field", bytes: b("###\n11:(0)t=sta"),
            error: .truncated(offset: 15, expected: "11-byte netstring payload and ,")),
        Case(
            what: "netstring without its comma", bytes: b("###\n11:(0)t=status;%%%\n"),
            error: .misframed(offset: 18, expected: ",", found: ";%%%\\n")),
        Case(
            what: "length with a leading zero", bytes: b("###\n011:(0)t=status,%%%\n"),
            error: .badNetstringLength(offset: 4, text: "011")),
        Case(
            what: "length beyond the datagram limit", bytes: b("###\n999999:(0)t=x,"),
            error: .badNetstringLength(offset: 4, text: "999999")),
        Case(
            what: "length of too many digits", bytes: b("###\n123456789:x"),
            error: .badNetstringLength(offset: 4, text: "1234567")),
        Case(
            what: "length not followed by a colon", bytes: b("###\n1x:"),
            error: .misframed(offset: 5, expected: ":", found: "x:")),
        Case(
            what: "field without a length", bytes: b("###\nt=status\n"),
            error: .misframed(offset: 4, expected: "a netstring length", found: "t=status\\n")),
        Case(
            what: "undefined field type", bytes: b("###\n11:(9)t=status,%%%\n"),
            error: .unknownFieldType(offset: 8, type: "9")),
        Case(
            what: "two-digit field type", bytes: b("###\n12:(10)t=status,%%%\n"),
            error: .unknownFieldType(offset: 8, type: "10")),
        Case(
            what: "field without a type prefix", bytes: b("###\n8:t=status,%%%\n"),
            error: .misframed(offset: 6, expected: "(<type>)", found: "t=status,%%%\\n")),
        Case(
            what: "field without =", bytes: b("###\n10:(0)tstatus,%%%\n"),
            error: .misframed(offset: 17, expected: "=", found: "tstatus,%%%\\n")),
        Case(
            what: "empty field name", bytes: b("###\n10:(0)=status,%%%\n"),
            error: .invalidFieldName(offset: 10, name: "")),
        Case(
            what: "no trailer after the end marker", bytes: b("###\n" + field + "%%%\n"),
            error: .missingTrailer(offset: 23)),
        Case(
            what: "trailer digest in upper case", bytes: b("###\n" + field + "%%%\n5:1 ABC,"),
            error: .malformedAuthToken("1 ABC")),
        Case(
            what: "trailer digest not hex", bytes: b("###\n" + field + "%%%\n5:1 xyz,"),
            error: .malformedAuthToken("1 xyz")),
        Case(
            what: "trailer key index out of range", bytes: b("###\n" + field + "%%%\n6:16 abc,"),
            error: .malformedAuthToken("16 abc")),
        Case(
            what: "trailer without a space", bytes: b("###\n" + field + "%%%\n4:1abc,"),
            error: .malformedAuthToken("1abc")),
        Case(
            what: "bytes after the trailer", bytes: b("###\n" + field + "%%%\n5:1 abc,\0"),
            error: .misframed(offset: 31, expected: "end of datagram", found: "\\x00")),
        Case(
            what: "classic without its end marker", bytes: b(">>>\nt=status\n"),
            error: .truncated(offset: 13, expected: "a field line or <<<\\n")),
        Case(
            what: "classic without its NUL", bytes: b(">>>\nt=status\n<<<\n"),
            error: .truncated(offset: 17, expected: "NUL")),
        Case(
            what: "classic with bytes after the NUL", bytes: b(">>>\nt=status\n<<<\n\0\0"),
            error: .misframed(offset: 18, expected: "end of datagram", found: "\\x00")),
        Case(
            what: "classic binary field with bad base64", bytes: b(">>>\n(1)srcuuid=!!!!\n<<<\n\0"),
            error: .malformedValue(field: "srcuuid", reason: "not canonical base64")),
        Case(
            what: "classic string field with a (0) prefix", bytes: b(">>>\n(0)t=status\n<<<\n\0"),
            error: .misframed(offset: 4, expected: "a string field without (0)", found: "(0)t=status\\n<<<\\n")),
    ]

    @Test("malformed input is a typed error naming offset and value", arguments: decodeCases)
    func decodeError(_ testCase: Case) {
        #expect(throws: testCase.error) { try HeartbeatCodec.decode(testCase.bytes) }
    }

    @Test("a datagram over 256 KiB is refused before parsing")
    func oversized() {
        let bytes = Array(repeating: UInt8(ascii: "#"), count: 262_145)
        #expect(throws: WireError.oversized(byteCount: 262_145, limit: 262_144)) { try HeartbeatCodec.decode(bytes) }
    }

    @Test("a message too large to send is refused when sealing")
    func oversizedEncoding() {
        let message = HAMessage(fields: [.string("t", "x"), .binary("blob", Array(repeating: 0, count: 262_144))])
        let authenticator = MessageAuthenticator(outbound: WireFixtures.key)
        #expect(throws: WireError.self) { try authenticator.sealNetstring(message) }
        #expect(throws: WireError.self) { try authenticator.sealClassic(message) }
    }

    @Test("a field name neither framing can carry is refused", arguments: ["a=b", "", "(1)x", "two words", "nl\n"])
    func unencodableName(_ name: String) {
        let message = HAMessage(strings: [("t", "x"), (name, "v")])
        #expect(throws: WireError.unencodableFieldName(name)) {
            try MessageAuthenticator(outbound: WireFixtures.key).sealNetstring(message)
        }
    }

    @Test("a signature naming an unconfigured key index is its own error")
    func unknownKeyIndex() throws {
        let other = SigningKey(index: 2, method: .md5, secret: Array("other".utf8))
        let sealed = try MessageAuthenticator(outbound: other).sealNetstring(.starting)
        #expect(throws: WireError.unknownKeyIndex(2)) {
            try MessageAuthenticator(outbound: WireFixtures.key).open(sealed)
        }
        let both = MessageAuthenticator(outbound: WireFixtures.key, accepting: [WireFixtures.key, other])
        #expect(try both.verify(HeartbeatCodec.decode(sealed)).keyIndex == 2)
    }

    @Test("a classic datagram without auth is refused, with bad auth too")
    func classicAuthMissingOrBad() throws {
        let authenticator = MessageAuthenticator(outbound: WireFixtures.key)
        #expect(throws: WireError.missingAuthField) { try authenticator.open(Self.b(">>>\nt=status\n<<<\n\0")) }
        #expect(throws: WireError.malformedAuthToken("1")) {
            try authenticator.open(Self.b(">>>\nt=status\nauth=1\n<<<\n\0"))
        }
        #expect(throws: WireError.badSignature(keyIndex: 1, received: Self.hex40)) {
            try authenticator.open(Self.b(">>>\nt=status\nauth=1 \(Self.hex40)\n<<<\n\0"))
        }
    }

    @Test("a corrupted embedded auth field is reported but, like 3.0.6, not enforced")
    func embeddedAuthNotEnforced() throws {
        var message = HAMessage.status("active", deadTimeMilliseconds: 10_000)
        message["auth"] = "1 " + Self.hex40
        let bytes = try HeartbeatCodec.encodeNetstring(
            message, trailer: WireFixtures.key.sign(HeartbeatCodec.netstringBody(message)))
        let verification = try MessageAuthenticator(outbound: WireFixtures.key).verify(HeartbeatCodec.decode(bytes))
        #expect(verification.embeddedAuth == .invalid(.badSignature(keyIndex: 1, received: Self.hex40)))
    }

    @Test("msgfmt netstring sends no embedded auth field")
    func noEmbeddedAuth() throws {
        let authenticator = MessageAuthenticator(outbound: WireFixtures.key)
        let sealed = try authenticator.sealNetstring(.starting, embedClassicAuth: false)
        let datagram = try HeartbeatCodec.decode(sealed)
        #expect(datagram.message.field("auth") == nil)
        #expect(try authenticator.verify(datagram) == Verification(keyIndex: 1, embeddedAuth: .absent))
    }

    @Test("errors print as one line naming the value")
    func descriptions() {
        #expect(WireError.badSignature(keyIndex: 1, received: "ab").cause == "bad-signature")
        #expect(
            WireError.badNetstringLength(offset: 4, text: "011").description == "bad netstring length \"011\" at byte 4"
        )
        #expect(
            WireError.misframed(offset: 18, expected: ",", found: ";").description
                == "misframed at byte 18: expected ,, found \";\"")
    }
}
