/// Heartbeat 3.0.6's datagram encodings: bytes to `HAMessage` and back (spec §5.1).
///
/// Pure framing: no keys and no digests (those are `MessageAuthenticator`'s). Decoding accepts
/// both framings, is linear in the input, never traps, and throws a `WireError` naming the
/// offset and the offending bytes. Encoding is canonical, so decoding a datagram Heartbeat
/// sent and encoding the result gives the same bytes.
public enum HeartbeatCodec {
    /// Heartbeat's MAXMSG: the largest datagram accepted or produced, 256 KiB.
    public static let maximumDatagramSize = 262_144

    static let netstringStart: [UInt8] = Array("###\n".utf8)
    static let netstringEnd: [UInt8] = Array("%%%\n".utf8)
    static let classicStart: [UInt8] = Array(">>>\n".utf8)
    static let classicEnd: [UInt8] = Array("<<<\n".utf8)

    /// Takes a datagram apart, choosing the framing from its first four bytes.
    ///
    /// The size limit is checked before anything is parsed. The result is not verified.
    public static func decode(_ bytes: [UInt8]) throws(WireError) -> DecodedDatagram {
        guard bytes.count <= maximumDatagramSize else {
            throw .oversized(byteCount: bytes.count, limit: maximumDatagramSize)
        }
        if bytes.starts(with: netstringStart) { return try decodeNetstring(bytes) }
        if bytes.starts(with: classicStart) { return try decodeClassic(bytes) }
        if bytes.count < 4, netstringStart.starts(with: bytes) || classicStart.starts(with: bytes) {
            throw .truncated(offset: bytes.count, expected: "###\\n or >>>\\n")
        }
        throw .misframed(offset: 0, expected: "###\\n or >>>\\n", found: WireError.excerpt(bytes, at: 0))
    }

    /// Throws `.oversized` when an encoded datagram would exceed the limit.
    static func checkSize(_ bytes: [UInt8]) throws(WireError) {
        guard bytes.count <= maximumDatagramSize else {
            throw .oversized(byteCount: bytes.count, limit: maximumDatagramSize)
        }
    }

    /// Throws `.unencodableFieldName` for the first field whose name cannot be framed.
    static func checkNames(_ message: HAMessage) throws(WireError) {
        for field in message.fields where !HAField.isValidName(field.name.utf8) {
            throw .unencodableFieldName(field.name)
        }
    }

    /// Parses the `(T)name=` head of a field starting at `start` and ending before `end`.
    ///
    /// The value is `bytes[valueStart..<end]`, left to the caller to convert. Netstring fields
    /// always carry the prefix; classic string fields usually omit it.
    static func parseFieldHead(
        _ bytes: [UInt8], from start: Int, to end: Int, prefixRequired: Bool
    ) throws(WireError) -> (kind: HAField.Kind, name: String, valueStart: Int) {
        var position = start
        var kind = HAField.Kind.string
        if prefixRequired, position >= end || bytes[position] != UInt8(ascii: "(") {
            throw .misframed(offset: position, expected: "(<type>)", found: WireError.excerpt(bytes, at: position))
        }
        if position < end, bytes[position] == UInt8(ascii: "(") {
            // Canonical type prefixes are one digit; look a little further only to report what is there.
            let search = bytes[(position + 1)..<min(end, position + 8)]
            guard let close = search.firstIndex(of: UInt8(ascii: ")")) else {
                throw .misframed(offset: position, expected: "(<type>)", found: WireError.excerpt(bytes, at: position))
            }
            let typeText = bytes[(position + 1)..<close]
            guard typeText.count == 1, let digit = typeText.first, digit >= UInt8(ascii: "0"),
                let parsed = HAField.Kind(rawValue: Int(digit) - Int(UInt8(ascii: "0")))
            else {
                throw .unknownFieldType(offset: position + 1, type: WireError.escaped(typeText))
            }
            kind = parsed
            position = close + 1
        }
        guard let equals = bytes[position..<end].firstIndex(of: UInt8(ascii: "=")) else {
            throw .misframed(offset: end, expected: "=", found: WireError.excerpt(bytes, at: position))
        }
        let name = bytes[position..<equals]
        guard HAField.isValidName(name) else {
            throw .invalidFieldName(offset: position, name: WireError.escaped(name.prefix(64)))
        }
        return (kind, String(decoding: name, as: UTF8.self), equals + 1)
    }
}
