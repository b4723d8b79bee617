/// A cursor over the UTF-8 bytes of one log line, for the ha-log parser.
///
/// Each `take…` method either consumes exactly what it matched and returns it, or returns
/// nil/false; callers that fail start over with a fresh scanner, so a partial match never leaks.
/// Slices are cut only at ASCII bytes, so every `String` it returns is valid UTF-8.
struct LogLineScanner {
    private let bytes: [UInt8]
    private(set) var index = 0

    init(_ text: some StringProtocol) {
        bytes = Array(text.utf8)
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes `literal` if the text continues with it.
    mutating func take(_ literal: String) -> Bool {
        let expected = Array(literal.utf8)
        guard bytes.count - index >= expected.count,
            bytes[index..<index + expected.count].elementsEqual(expected)
        else { return false }
        index += expected.count
        return true
    }

    /// Exactly `width` ASCII digits, within `range`.
    mutating func takeNumber(width: Int, in range: ClosedRange<Int>) -> Int? {
        guard bytes.count - index >= width else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard Self.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard range.contains(value) else { return nil }
        index += width
        return value
    }

    /// A pid as printed by `%d`: 1…10 digits, no leading zero, so it formats back unchanged.
    mutating func takeDecimal() -> Int? {
        let digits = bytes[index...].prefix(while: Self.isDigit)
        guard (1...10).contains(digits.count), digits.count == 1 || digits.first != UInt8(ascii: "0") else {
            return nil
        }
        index += digits.count
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The longest non-empty run of bytes that are not blanks, control bytes or in `stops`.
    mutating func takeToken(stoppingAt stops: [UInt8] = []) -> String? {
        let run = bytes[index...].prefix { $0 > 0x20 && $0 != 0x7F && !stops.contains($0) }
        guard !run.isEmpty else { return nil }
        index += run.count
        return String(decoding: run, as: UTF8.self)
    }

    /// Everything from `index` up to (not including) the first byte in `stops`; may be empty.
    mutating func takeRun(stoppingAt stops: [UInt8]) -> String {
        let run = bytes[index...].prefix { !stops.contains($0) }
        index += run.count
        return String(decoding: run, as: UTF8.self)
    }

    /// The rest of the line.
    mutating func takeRest() -> ArraySlice<UInt8> {
        defer { index = bytes.count }
        return bytes[index...]
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
