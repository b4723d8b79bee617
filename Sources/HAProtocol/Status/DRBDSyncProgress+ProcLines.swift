extension DRBDSyncProgress {
    /// Folds one `/proc/drbd` progress line into this value; false when the line is malformed.
    ///
    /// Lines: `[==>...] sync'ed: 57.3% (1121600/2613068)K` (or `verified:`, `M` units, trailing
    /// `delay_probe:` tokens), `finish: 0:00:32 speed: 34,328 (21,304) [want: 44,520] K/sec
    /// [(stalled)]`, the old `stalled` line and the pre-8.3.10 verify line `12.5%  100/800`.
    mutating func applyProcLine(_ line: Substring) -> Bool {
        if line == "stalled" {
            isStalled = true
            return true
        }
        if line.hasPrefix("finish:") { return applyFinishLine(line) }
        let words = DRBDText.words(line)
        guard let index = words.firstIndex(where: { $0.hasPrefix("sync'ed:") || $0.hasPrefix("verified:") }) else {
            // Old verify line: `<pct>%      <done>/<total>` (bitmap bits, not KiB).
            isVerify = true
            percentDone = words.first.flatMap { DRBDText.decimal($0.dropLast()) }
            return percentDone != nil
        }
        isVerify = words[index].hasPrefix("verified:")
        // The percentage may be glued to the label (`sync'ed:57.3%`) or follow it.
        var rest = words[index].drop { $0 != ":" }.dropFirst()
        var next = index + 1
        if rest.isEmpty, next < words.count {
            rest = words[next]
            next += 1
        }
        percentDone = rest.hasSuffix("%") ? DRBDText.decimal(rest.dropLast()) : nil
        guard next < words.count else { return percentDone != nil }
        // `(left/total)K` or `(left/total)M`
        let amounts = words[next]
        guard amounts.hasPrefix("("), let close = amounts.firstIndex(of: ")") else { return percentDone != nil }
        let (left, total) = DRBDText.pair(amounts[amounts.index(after: amounts.startIndex)..<close])
        let unit = amounts[amounts.index(after: close)...]
        let factor: UInt64 = unit == "M" ? 1024 : unit == "G" ? 1024 * 1024 : 1
        remainingKiB = DRBDText.unsigned(left).flatMap { Self.scaled($0, by: factor) }
        totalKiB = total.flatMap { DRBDText.unsigned($0) }.flatMap { Self.scaled($0, by: factor) }
        return percentDone != nil && remainingKiB != nil && totalKiB != nil
    }

    private mutating func applyFinishLine(_ line: Substring) -> Bool {
        let words = DRBDText.words(line)
        var understood = true
        var index = 1
        if index < words.count {
            etaSeconds = Self.duration(words[index])
            if etaSeconds == nil, words[index] != "∞" { understood = false }
            index += 1
        }
        while index < words.count {
            let word = words[index]
            switch word {
            case "speed:" where index + 1 < words.count:
                speedKiBPerSecond = DRBDText.integer(words[index + 1])
                understood = understood && speedKiBPerSecond != nil
                index += 2
                // `(avg)` or, with proc_details, `(3s-rate -- avg)`: the last number before `)`.
                while index < words.count,
                    words[index].hasPrefix("(") || words[index] == "--"
                        || (index > 0 && words[index - 1] == "--")
                {
                    let number = DRBDText.trimming(words[index], "()")
                    if let value = DRBDText.integer(number) { averageKiBPerSecond = value }
                    if words[index].hasSuffix(")") {
                        index += 1
                        break
                    }
                    index += 1
                }
            case "want:" where index + 1 < words.count:
                wantKiBPerSecond = DRBDText.integer(words[index + 1])
                index += 2
            case "(stalled)":
                isStalled = true
                index += 1
            default:
                index += 1
            }
        }
        return understood
    }

    /// `h:mm:ss` as seconds; nil when malformed.
    static func duration(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var seconds = 0
        for part in parts {
            guard part.count <= 9, let value = Int(part), value >= 0 else { return nil }
            seconds = seconds * 60 + value
        }
        return seconds
    }

    static func scaled(_ value: UInt64, by factor: UInt64) -> UInt64? {
        let (result, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : result
    }
}
