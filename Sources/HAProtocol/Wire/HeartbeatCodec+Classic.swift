/// The classic text framing: `>>>\n`, one `name=value\n` line per field, `<<<\n`, NUL
/// (spec §5.1). Its text, without the markers and without `auth`, is also what the embedded
/// classic `auth` field signs inside netstring datagrams (spec §5.4).
extension HeartbeatCodec {
    /// Byte 0x13, which stands for a newline inside classic string values.
    static let escapedNewline: UInt8 = 0x13

    /// The classic serialisation of the fields, without `>>>`/`<<<`.
    ///
    /// Strings as `name=value\n` with each newline written as 0x13; every other type as
    /// `(T)name=<base64>\n`. Types 2...5 were never observed on the wire; they are carried as
    /// base64 of their raw bytes like binary ones (a simplification of cluster-glue's nested
    /// forms). With `includingAuth` false, fields named `auth` are skipped: the signed text.
    public static func classicText(_ message: HAMessage, includingAuth: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for field in message.fields where includingAuth || field.name != "auth" {
            if field.kind == .string {
                out += Array(field.name.utf8)
                out.append(UInt8(ascii: "="))
                out += field.value.map { $0 == UInt8(ascii: "\n") ? escapedNewline : $0 }
            } else {
                out += Array("(\(field.kind.rawValue))\(field.name)=".utf8)
                out += Base64.encode(field.value)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// A complete classic datagram: `>>>\n` + `classicText` (with `auth`) + `<<<\n` + NUL.
    ///
    /// The signature is the message's own `auth` field; `MessageAuthenticator.sealClassic` sets it.
    public static func encodeClassic(_ message: HAMessage) throws(WireError) -> [UInt8] {
        try checkNames(message)
        let out = classicStart + classicText(message, includingAuth: true) + classicEnd + [0]
        try checkSize(out)
        return out
    }

    static func decodeClassic(_ bytes: [UInt8]) throws(WireError) -> DecodedDatagram {
        var offset = classicStart.count
        var message = HAMessage()
        while true {
            guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw .truncated(offset: bytes.count, expected: "a field line or <<<\\n")
            }
            if bytes[offset..<(newline + 1)].elementsEqual(classicEnd) {
                offset = newline + 1
                break
            }
            let head = try parseFieldHead(bytes, from: offset, to: newline, prefixRequired: false)
            // Classic strings carry no prefix; refusing `(0)` keeps decoding canonical (one text per message).
            if head.kind == .string, bytes[offset] == UInt8(ascii: "(") {
                throw .misframed(
                    offset: offset, expected: "a string field without (0)", found: WireError.excerpt(bytes, at: offset))
            }
            let text = bytes[head.valueStart..<newline]
            if head.kind == .string {
                let value = text.map { $0 == escapedNewline ? UInt8(ascii: "\n") : $0 }
                message.append(HAField(name: head.name, kind: .string, value: value))
            } else {
                guard let value = Base64.decode(text) else {
                    throw .malformedValue(field: head.name, reason: "not canonical base64")
                }
                message.append(HAField(name: head.name, kind: head.kind, value: value))
            }
            offset = newline + 1
        }
        guard offset < bytes.count else { throw .truncated(offset: offset, expected: "NUL") }
        guard bytes[offset] == 0 else {
            throw .misframed(offset: offset, expected: "NUL", found: WireError.excerpt(bytes, at: offset))
        }
        guard offset + 1 == bytes.count else {
            throw .misframed(
                offset: offset + 1, expected: "end of datagram", found: WireError.excerpt(bytes, at: offset + 1))
        }
        return DecodedDatagram(message: message, framing: .classic, trailer: nil, bytes: bytes, signedRange: nil)
    }
}
