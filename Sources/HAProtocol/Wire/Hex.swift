/// Lower-case hexadecimal, the way Heartbeat writes digests and sequence numbers.
///
/// `String(format:)` is not available in FoundationEssentials, hence this small helper.
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two lower-case hex digits per byte: `[0x0f, 0xa0]` → `"0fa0"`.
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` in lower-case hex without zero padding, like C's `%lx`: `0` → `"0"`, `0x6a039b` → `"6a039b"`.
    static func unpadded(_ value: UInt64) -> String {
        String(value, radix: 16, uppercase: false)
    }

    /// Parses 1...16 lower-case hex digits; nil for anything else (upper case, sign, blanks, overflow).
    static func parse(_ text: some StringProtocol) -> UInt64? {
        let utf8 = text.utf8
        guard (1...16).contains(utf8.count), utf8.allSatisfy(isLowercaseDigit) else { return nil }
        return UInt64(text, radix: 16)
    }

    /// True for `0-9` and `a-f`.
    static func isLowercaseDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
