extension HALogWriter {
    /// `text` with every control character escaped, so that it is one line of plain text
    /// whatever it came from: `\n` and `\r` as those two characters, other C0 controls, DEL and
    /// the C1 controls (U+0080–U+009F, which some terminals obey) as `\xHH`. Tabs stay: they are
    /// part of Heartbeat's own layouts and forge nothing. Backslashes are left alone, so a line
    /// without control characters is written exactly as before.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case _ where needsEscape(scalar):
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }
}
