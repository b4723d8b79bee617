/// Signs outgoing messages and verifies incoming datagrams with the `authkeys` keys (spec §5.4).
///
/// Sending: the classic `auth` field over the classic text (when emulating `msgfmt classic`,
/// the default), then the netstring trailer over every byte from `###\n` through `%%%\n`.
/// Receiving: a netstring datagram is accepted on its trailer alone — 3.0.6 does not enforce
/// the embedded `auth` field (observed §2a), whose result is reported only as information;
/// a classic datagram is accepted on its `auth` field. Each signature is checked with the key
/// of the index it names. (3.0.6 itself uses that index's method but the *outbound* key on the
/// netstring path, so mixed keys never verified there; with one shared key both agree.)
public struct MessageAuthenticator: Hashable, Sendable {
    /// The key outgoing messages are signed with (`auth N` in authkeys).
    public var outbound: SigningKey
    /// Every key an incoming signature may name, by index.
    public var keys: [SigningKey]

    /// An authenticator signing with `outbound` and accepting `keys` (by default just `outbound`).
    public init(outbound: SigningKey, accepting keys: [SigningKey]? = nil) {
        self.outbound = outbound
        self.keys = keys ?? [outbound]
    }

    /// The classic signature of `message`: the outbound digest of its classic text without `auth`.
    public func classicToken(for message: HAMessage) -> AuthToken {
        outbound.sign(HeartbeatCodec.classicText(message, includingAuth: false))
    }

    /// The netstring datagram 3.0.6 sends for `message`.
    ///
    /// With `embedClassicAuth` (`msgfmt classic`, the default) the `auth` field is set first —
    /// replacing an existing one in place, else appended — so the trailer covers it.
    public func sealNetstring(_ message: HAMessage, embedClassicAuth: Bool = true) throws(WireError) -> [UInt8] {
        var signed = message
        if embedClassicAuth {
            signed.set(.string("auth", classicToken(for: message).description))
        } else {
            signed["auth"] = nil
        }
        let trailer = outbound.sign(HeartbeatCodec.netstringBody(signed))
        return try HeartbeatCodec.encodeNetstring(signed, trailer: trailer)
    }

    /// The classic datagram (older glue) for `message`, signed by its `auth` field.
    public func sealClassic(_ message: HAMessage) throws(WireError) -> [UInt8] {
        var signed = message
        signed.set(.string("auth", classicToken(for: message).description))
        return try HeartbeatCodec.encodeClassic(signed)
    }

    /// Checks the signature the receiver enforces; throws if it fails.
    ///
    /// Errors: `.unknownKeyIndex`, `.badSignature`, and for classic datagrams
    /// `.missingAuthField` or `.malformedAuthToken`.
    public func verify(_ datagram: DecodedDatagram) throws(WireError) -> Verification {
        switch datagram.framing {
        case .netstring:
            guard let trailer = datagram.trailer else { throw .missingTrailer(offset: datagram.bytes.count) }
            try check(trailer, over: datagram.signedBytes)
            return Verification(keyIndex: trailer.keyIndex, embeddedAuth: embeddedAuth(of: datagram.message))
        case .classic:
            guard let field = datagram.message.field("auth") else { throw .missingAuthField }
            let token = try AuthToken(parsing: field.value)
            try check(token, over: datagram.signedBytes)
            return Verification(keyIndex: token.keyIndex, embeddedAuth: .valid)
        }
    }

    /// Decodes and verifies `bytes`; the message only if its enforced signature holds.
    public func open(_ bytes: [UInt8]) throws(WireError) -> HAMessage {
        let datagram = try HeartbeatCodec.decode(bytes)
        _ = try verify(datagram)
        return datagram.message
    }

    /// Throws unless `token` is the digest of `bytes` under the key it names.
    public func check(_ token: AuthToken, over bytes: [UInt8]) throws(WireError) {
        guard let key = keys.first(where: { $0.index == token.keyIndex }) else {
            throw .unknownKeyIndex(token.keyIndex)
        }
        guard token.digestMatches(key.digest(bytes)) else {
            throw .badSignature(keyIndex: token.keyIndex, received: token.digest)
        }
    }

    private func embeddedAuth(of message: HAMessage) -> Verification.EmbeddedAuth {
        guard let field = message.field("auth") else { return .absent }
        do {
            let token = try AuthToken(parsing: field.value)
            try check(token, over: HeartbeatCodec.classicText(message, includingAuth: false))
            return .valid
        } catch {
            return .invalid(error)
        }
    }
}
