extension LogLineScanner {
    /// `program(instance)[pid]` with the instance and pid optional.
    struct Tag {
        var program: String
        var instance: String? = nil
        var pid: Int? = nil
    }

    /// `Nov`: one of the English month abbreviations, as 1…12.
    mutating func takeMonth() -> Int? {
        for (offset, name) in HALogTimestamp.monthAbbreviations.enumerated() where take(name) {
            return offset + 1
        }
        return nil
    }

    /// `03:04:51`
    mutating func takeClock() -> (hour: Int, minute: Int, second: Int)? {
        guard let hour = takeNumber(width: 2, in: 0...23), take(":"),
            let minute = takeNumber(width: 2, in: 0...59), take(":"),
            let second = takeNumber(width: 2, in: 0...60)
        else { return nil }
        return (hour, minute, second)
    }

    /// `2026/11/22_03:04:51`
    mutating func takeScriptTimestamp() -> HALogTimestamp? {
        guard let year = takeNumber(width: 4, in: 0...9999), take("/"),
            let month = takeNumber(width: 2, in: 1...12), take("/"),
            let day = takeNumber(width: 2, in: 1...31), take("_"),
            let clock = takeClock()
        else { return nil }
        return HALogTimestamp(
            year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second)
    }

    /// `IPaddr2(IPaddr2_192.0.2.100)[469]`, `harc[26469]`, or a bare program name.
    mutating func takeScriptTag() -> Tag? {
        guard let program = takeToken(stoppingAt: Array(":()[]".utf8)) else { return nil }
        var tag = Tag(program: program)
        if take("(") {
            tag.instance = takeRun(stoppingAt: Array("()\n\r\t".utf8))
            guard take(")") else { return nil }
        }
        if take("[") {
            guard let pid = takeDecimal(), take("]") else { return nil }
            tag.pid = pid
        }
        return tag
    }
}
