/// The netstring framing 3.0.6 always sends (spec §5.1, observed §2):
/// `###\n` + `<len>:(<T>)<name>=<value>,` per field + `%%%\n` + trailer `<len>:<idx> <hex>,`.
extension HeartbeatCodec {
    /// The signed part of a netstring datagram, `###\n` through `%%%\n`; binary values raw.
    public static func netstringBody(_ message: HAMessage) -> [UInt8] {
        var out = netstringStart
        for field in message.fields {
            let payload = Array("(\(field.kind.rawValue))\(field.name)=".utf8) + field.value
            appendNetstring(payload, to: &out)
        }
        out += netstringEnd
        return out
    }

    /// A complete netstring datagram: `netstringBody(message)` followed by `trailer`.
    ///
    /// Throws `.unencodableFieldName` or `.oversized`; signing is `MessageAuthenticator`'s job.
    public static func encodeNetstring(_ message: HAMessage, trailer: AuthToken) throws(WireError) -> [UInt8] {
        try checkNames(message)
        var out = netstringBody(message)
        appendNetstring(trailer.bytes, to: &out)
        try checkSize(out)
        return out
    }

    static func appendNetstring(_ payload: [UInt8], to out: inout [UInt8]) {
        out += Array(String(payload.count).utf8)
        out.append(UInt8(ascii: ":"))
        out += payload
        out.append(UInt8(ascii: ","))
    }

    static func decodeNetstring(_ bytes: [UInt8]) throws(WireError) -> DecodedDatagram {
        var offset = netstringStart.count
        var message = HAMessage()
        while true {
            let rest = bytes[offset...]
            if rest.starts(with: netstringEnd) {
                offset += netstringEnd.count
                break
            }
            if rest.isEmpty || (rest.count < netstringEnd.count && netstringEnd.starts(with: rest)) {
                throw .truncated(offset: bytes.count, expected: "a field netstring or %%%\\n")
            }
            let payload = try readNetstring(bytes, at: offset)
            let head = try parseFieldHead(bytes, from: payload.lowerBound, to: payload.upperBound, prefixRequired: true)
            message.append(
                HAField(name: head.name, kind: head.kind, value: Array(bytes[head.valueStart..<payload.upperBound])))
            offset = payload.upperBound + 1
        }
        let signedEnd = offset
        guard offset < bytes.count else { throw .missingTrailer(offset: offset) }
        let trailerPayload = try readNetstring(bytes, at: offset)
        let trailer = try AuthToken(parsing: bytes[trailerPayload])
        let end = trailerPayload.upperBound + 1
        guard end == bytes.count else {
            throw .misframed(offset: end, expected: "end of datagram", found: WireError.excerpt(bytes, at: end))
        }
        return DecodedDatagram(
            message: message, framing: .netstring, trailer: trailer, bytes: bytes, signedRange: 0..<signedEnd)
    }

    /// Reads `<len>:<payload>,` at `start`; returns the payload's range (the comma follows it).
    static func readNetstring(_ bytes: [UInt8], at start: Int) throws(WireError) -> Range<Int> {
        var position = start
        var length = 0
        // Seven digits without a leading zero already exceed the limit; stop there so the value cannot overflow.
        while position < bytes.count, position - start < 7,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
        {
            length = length * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - start
        if digits == 0 {
            throw .misframed(offset: start, expected: "a netstring length", found: WireError.excerpt(bytes, at: start))
        }
        let lengthText = String(decoding: bytes[start..<position], as: UTF8.self)
        if (digits > 1 && bytes[start] == UInt8(ascii: "0")) || length > maximumDatagramSize {
            throw .badNetstringLength(offset: start, text: lengthText)
        }
        guard position < bytes.count else { throw .truncated(offset: position, expected: ":") }
        guard bytes[position] == UInt8(ascii: ":") else {
            throw .misframed(offset: position, expected: ":", found: WireError.excerpt(bytes, at: position))
        }
        let payloadStart = position + 1
        let payloadEnd = payloadStart + length
        guard payloadEnd < bytes.count else {
            throw .truncated(offset: bytes.count, expected: "\(length)-byte netstring payload and ,")
        }
        guard bytes[payloadEnd] == UInt8(ascii: ",") else {
            throw .misframed(offset: payloadEnd, expected: ",", found: WireError.excerpt(bytes, at: payloadEnd))
        }
        return payloadStart..<payloadEnd
    }
}
