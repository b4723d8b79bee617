/// A signature as Heartbeat writes it, `<key index> <lower-case hex digest>` (spec §5.4).
///
/// The same text is the value of the classic `auth` field and the content of the netstring
/// trailer. Parsing is strict: a decimal index 0...15 without leading zeros, one space, then
/// 1...128 lower-case hex digits; anything else is `WireError.malformedAuthToken`.
public struct AuthToken: Hashable, Sendable, CustomStringConvertible {
    /// The `authkeys` index whose method and key produced `digest`.
    public var keyIndex: Int
    /// The lower-case hex digest.
    public var digest: String

    /// A token from its parts; no validation.
    public init(keyIndex: Int, digest: String) {
        self.keyIndex = keyIndex
        self.digest = digest
    }

    /// Parses `<index> <hex>` from the bytes of a field value or trailer.
    public init(parsing bytes: some Collection<UInt8>) throws(WireError) {
        let text = Array(bytes)
        let malformed = WireError.malformedAuthToken(WireError.escaped(text.prefix(160)))
        guard let space = text.firstIndex(of: UInt8(ascii: " ")) else { throw malformed }
        let indexText = text[..<space]
        let hexText = text[(space + 1)...]
        guard (1...2).contains(indexText.count),
            indexText.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            indexText.count == 1 || indexText.first != UInt8(ascii: "0"),
            (1...128).contains(hexText.count), hexText.allSatisfy(Hex.isLowercaseDigit)
        else { throw malformed }
        let index = indexText.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard index <= 15 else { throw malformed }
        self.init(keyIndex: index, digest: String(decoding: hexText, as: UTF8.self))
    }

    /// `<index> <digest>`, exactly as sent.
    public var description: String { "\(keyIndex) \(digest)" }

    /// The bytes of `description`.
    var bytes: [UInt8] { Array(description.utf8) }

    /// True when `digest` equals `other`, compared in time independent of where they differ.
    func digestMatches(_ other: String) -> Bool {
        let a = Array(digest.utf8)
        let b = Array(other.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
