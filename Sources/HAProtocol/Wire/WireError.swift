/// Why a datagram could not be decoded, verified or encoded.
///
/// Every case carries the offending value and, where it has one, the byte offset in the
/// datagram, so a log line can say what was wrong without dumping the packet. Digests the
/// receiver computed are deliberately *not* carried: Heartbeat 3.0.6 logs the expected HMAC
/// of a rejected packet, which hands a forger the right answer (observed §2a).
public enum WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The datagram ended at `offset` where `expected` should have followed.
    case truncated(offset: Int, expected: String)
    /// The datagram is larger than Heartbeat's MAXMSG; checked before any parsing.
    case oversized(byteCount: Int, limit: Int)
    /// At `offset` the bytes `found` (a short escaped excerpt) stand where `expected` belongs.
    case misframed(offset: Int, expected: String, found: String)
    /// A netstring length at `offset` is not a canonical decimal within the datagram limit.
    case badNetstringLength(offset: Int, text: String)
    /// A field at `offset` declares a type number Heartbeat does not define (0...5).
    case unknownFieldType(offset: Int, type: String)
    /// A field name at `offset` is empty or contains bytes outside printable ASCII (or `=`).
    case invalidFieldName(offset: Int, name: String)
    /// A classic-form value could not be decoded (for example bad base64 in a binary field).
    case malformedValue(field: String, reason: String)
    /// A netstring datagram ends at `offset`, right after `%%%\n`, without its auth trailer.
    case missingTrailer(offset: Int)
    /// An auth token is not `<decimal index> <lower-case hex>`.
    case malformedAuthToken(String)
    /// A classic datagram carries no `auth` field.
    case missingAuthField
    /// A message cannot be encoded: `field` has a name neither framing can carry.
    case unencodableFieldName(String)
    /// The signature names a key index that no configured key has.
    case unknownKeyIndex(Int)
    /// The digest does not match the one computed with the key of `keyIndex`.
    case badSignature(keyIndex: Int, received: String)

    /// A one-line explanation naming the offending value.
    public var description: String {
        switch self {
        case let .truncated(offset, expected):
            "truncated at byte \(offset): expected \(expected)"
        case let .oversized(byteCount, limit):
            "datagram of \(byteCount) bytes exceeds the \(limit)-byte limit"
        case let .misframed(offset, expected, found):
            "misframed at byte \(offset): expected \(expected), found \"\(found)\""
        case let .badNetstringLength(offset, text):
            "bad netstring length \"\(text)\" at byte \(offset)"
        case let .unknownFieldType(offset, type):
            "unknown field type \"\(type)\" at byte \(offset)"
        case let .invalidFieldName(offset, name):
            "invalid field name \"\(name)\" at byte \(offset)"
        case let .malformedValue(field, reason):
            "malformed value of field \(field): \(reason)"
        case let .missingTrailer(offset):
            "missing auth trailer after byte \(offset)"
        case let .malformedAuthToken(token):
            "malformed auth token \"\(token)\": expected <index> <lower-case hex>"
        case .missingAuthField:
            "classic datagram has no auth field"
        case let .unencodableFieldName(name):
            "field name \"\(name)\" cannot be encoded: expected printable ASCII without \"=\""
        case let .unknownKeyIndex(index):
            "signed with unknown key index \(index)"
        case let .badSignature(keyIndex, received):
            "bad signature \(keyIndex) \(received)"
        }
    }
}

extension WireError {
    /// A short stable name for the kind of error, without its values, e.g. `bad-signature`:
    /// the key to count rejected datagrams by and to log once per peer and cause.
    public var cause: String {
        switch self {
        case .truncated: "truncated"
        case .oversized: "oversized"
        case .misframed: "misframed"
        case .badNetstringLength: "bad-netstring-length"
        case .unknownFieldType: "unknown-field-type"
        case .invalidFieldName: "invalid-field-name"
        case .malformedValue: "malformed-value"
        case .missingTrailer: "missing-trailer"
        case .malformedAuthToken: "malformed-auth-token"
        case .missingAuthField: "missing-auth-field"
        case .unencodableFieldName: "unencodable-field-name"
        case .unknownKeyIndex: "unknown-key-index"
        case .badSignature: "bad-signature"
        }
    }

    /// A printable excerpt of at most 16 bytes of `bytes` starting at `offset`, for error values.
    static func excerpt(_ bytes: [UInt8], at offset: Int) -> String {
        guard offset < bytes.count else { return "" }
        return escaped(bytes[offset..<min(bytes.count, offset + 16)])
    }

    /// `bytes` with non-printable bytes as `\n` or `\xNN`, so error text stays one line.
    static func escaped(_ bytes: some Collection<UInt8>) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\""): out += "\\\""
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + Hex.lowercase([byte])
            }
        }
        return out
    }
}
