/// Small, linear-time text helpers shared by the DRBD parsers (no regular expressions, no traps).
enum DRBDText {
    /// The lines of `text`, split on `\n`, each without a trailing `\r`.
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }

    /// The words of a line, split on runs of spaces and tabs.
    static func words(_ line: some StringProtocol) -> [Substring] {
        Substring(line).split(whereSeparator: { $0 == " " || $0 == "\t" })
    }

    /// The number of leading spaces (a tab counts as eight).
    static func indent(_ line: Substring) -> Int {
        var count = 0
        for character in line {
            if character == " " {
                count += 1
            } else if character == "\t" {
                count += 8
            } else {
                break
            }
        }
        return count
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimming(_ text: some StringProtocol) -> Substring {
        var result = Substring(text)
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    /// `text` without leading and trailing characters from `set`.
    static func trimming(_ text: some StringProtocol, _ set: String) -> Substring {
        var result = Substring(text)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }

    /// Splits `key:value` on the first colon; nil when there is no colon or the key is empty.
    static func keyValue(_ word: Substring) -> (key: Substring, value: Substring)? {
        guard let colon = word.firstIndex(of: ":"), colon != word.startIndex else { return nil }
        return (word[..<colon], word[word.index(after: colon)...])
    }

    /// Splits `A/B` on the first slash; the second part is nil when there is no slash.
    static func pair(_ value: Substring) -> (Substring, Substring?) {
        guard let slash = value.firstIndex(of: "/") else { return (value, nil) }
        return (value[..<slash], value[value.index(after: slash)...])
    }

    /// A non-negative integer that may use `,` as thousands separator (`1,234,567`).
    static func unsigned(_ text: some StringProtocol) -> UInt64? {
        let digits = String(text).filter { $0 != "," }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(digits)
    }

    /// A signed integer that may use `,` as thousands separator.
    static func integer(_ text: some StringProtocol) -> Int? {
        let digits = String(text).filter { $0 != "," }
        guard digits.count <= 19 else { return nil }
        return Int(digits)
    }

    /// A finite decimal number (`57.3`, `100.00`); nil for anything else, including `nan` and `inf`.
    static func decimal(_ text: some StringProtocol) -> Double? {
        guard !text.isEmpty, text.count <= 40,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let value = Double(String(text)), value.isFinite
        else { return nil }
        return value
    }

    /// `yes`/`no` (also `true`/`false`) as a Bool; nil for anything else (`unknown`).
    static func flag(_ text: some StringProtocol) -> Bool? {
        switch text {
        case "yes", "true": true
        case "no", "false": false
        default: nil
        }
    }

    /// A comma list of reasons, empty for `no` (`user,quorum` -> [user, quorum]).
    static func reasons(_ text: some StringProtocol) -> [String] {
        text == "no" ? [] : String(text).split(separator: ",").map(String.init)
    }

    /// KiB per second from DRBD's MiB/s decimals (`dbdt1:5.00`); nil when out of range.
    static func kibPerSecond(mibPerSecond value: Double) -> Int? {
        guard value.isFinite, abs(value) < 1e12 else { return nil }
        return Int((value * 1024).rounded())
    }
}
