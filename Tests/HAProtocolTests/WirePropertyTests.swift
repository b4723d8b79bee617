import HAFixtures
import HAProtocol
import Testing

/// Seeded property tests: random and mutated datagrams never crash or hang the decoder and
/// verifier, anything that decodes re-encodes to the same bytes, and nothing but the original
/// bytes passes verification.
@Suite struct WirePropertyTests {
    let authenticator = MessageAuthenticator(outbound: WireFixtures.key)

    /// Decodes `bytes`; when that succeeds, checks that encoding gives `bytes` back.
    func decodeCanonically(_ bytes: [UInt8]) -> DecodedDatagram? {
        guard let datagram = try? HeartbeatCodec.decode(bytes) else { return nil }
        let encoded: [UInt8]? =
            switch datagram.framing {
            case .netstring:
                datagram.trailer.flatMap { try? HeartbeatCodec.encodeNetstring(datagram.message, trailer: $0) }
            case .classic: try? HeartbeatCodec.encodeClassic(datagram.message)
            }
        #expect(encoded == bytes)
        return datagram
    }

    @Test("random bytes, bare or behind a start marker, are a typed error or decode canonically")
    func randomBytes() {
        var rng = SeededGenerator(seed: 0x6865_6172_7462_6561)
        let prefixes: [[UInt8]] = [[], Array("###\n".utf8), Array(">>>\n".utf8), Array("###\n11:(0)".utf8)]
        for round in 0..<4000 {
            let bytes = prefixes[round % prefixes.count] + Fuzz.bytes(&rng, maxLength: 300)
            if let datagram = decodeCanonically(bytes) {
                _ = try? authenticator.verify(datagram)
            }
        }
    }

    @Test("a mutated captured datagram verifies only if it is the original", arguments: WireFixtures.names)
    func mutatedCaptures(_ name: String) throws {
        let original = try WireFixtures.datagram(name)
        var rng = SeededGenerator(seed: UInt64(name.utf8.count) &* 0x9E37_79B9 &+ UInt64(name.utf8.first ?? 0))
        var decoded = 0
        for _ in 0..<300 {
            let mutated = Fuzz.mutate(original, &rng)
            guard let datagram = decodeCanonically(mutated) else { continue }
            decoded += 1
            if (try? authenticator.verify(datagram)) != nil {
                #expect(mutated == original)
            }
        }
        // Some mutations must get past the framing, or the verifier was never exercised.
        #expect(decoded > 0)
    }

    @Test("every cut-short captured datagram is reported as truncated", arguments: WireFixtures.names)
    func truncatedCaptures(_ name: String) throws {
        let original = try WireFixtures.datagram(name)
        for length in 0..<original.count {
            do {
                _ = try HeartbeatCodec.decode(Array(original.prefix(length)))
                Issue.record("a \(length)-byte prefix decoded")
            } catch {
                switch error {
                case .truncated, .missingTrailer: break
                default: Issue.record("a \(length)-byte prefix gave \(error)")
                }
            }
        }
    }

    @Test("a mutated classic datagram verifies only if it is the original")
    func mutatedClassic() throws {
        var rng = SeededGenerator(seed: 0xC1A5_51C)
        for name in WireFixtures.names {
            let message = try HeartbeatCodec.decode(try WireFixtures.datagram(name)).message
            let original = try authenticator.sealClassic(message)
            #expect(try authenticator.open(original) == authenticator.stampedAuth(message))
            for _ in 0..<100 {
                let mutated = Fuzz.mutate(original, &rng)
                guard let datagram = decodeCanonically(mutated) else { continue }
                if (try? authenticator.verify(datagram)) != nil {
                    #expect(mutated == original)
                }
            }
        }
    }

    @Test("any message of any field bytes survives sealing and opening in both framings")
    func randomMessages() throws {
        var rng = SeededGenerator(seed: 42)
        let nameAlphabet = Array("abcdefghijklmnopqrstuvwxyz_-0123456789().%#:,".utf8)
        for _ in 0..<500 {
            var message = HAMessage()
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                var name = [nameAlphabet[Int.random(in: 0..<26, using: &rng)]]
                for _ in 0..<Int.random(in: 0...8, using: &rng) {
                    name.append(nameAlphabet.randomElement(using: &rng)!)
                }
                let kind = HAField.Kind.allCases.randomElement(using: &rng)!
                // 0x13 in a string stands for a newline in the classic form, so it cannot round-trip there.
                var value = Fuzz.bytes(&rng, maxLength: 40)
                if kind == .string { value = value.map { $0 == 0x13 ? 0x14 : $0 } }
                message.append(HAField(name: String(decoding: name, as: UTF8.self), kind: kind, value: value))
            }
            message["auth"] = nil
            let expected = authenticator.stampedAuth(message)
            #expect(try authenticator.open(authenticator.sealNetstring(message)) == expected)
            #expect(try authenticator.open(authenticator.sealClassic(message)) == expected)
        }
    }

    @Test("the largest datagrams of tiny fields decode in linear time")
    func largestDatagrams() throws {
        let field = Array("5:(0)a=,".utf8)
        let count = (HeartbeatCodec.maximumDatagramSize - 60) / field.count
        let netstring =
            Array("###\n".utf8) + Array([[UInt8]](repeating: field, count: count).joined())
            + Array("%%%\n5:1 abc,".utf8)
        #expect(try HeartbeatCodec.decode(netstring).message.fields.count == count)
        let line = Array("a=\n".utf8)
        let lines = (HeartbeatCodec.maximumDatagramSize - 20) / line.count
        let classic =
            Array(">>>\n".utf8) + Array([[UInt8]](repeating: line, count: lines).joined())
            + Array("<<<\n".utf8) + [0]
        #expect(try HeartbeatCodec.decode(classic).message.fields.count == lines)
        #expect(throws: WireError.self) { try HeartbeatCodec.decode(Array(classic.dropLast(6))) }
    }
}
