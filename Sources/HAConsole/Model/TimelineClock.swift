import HAProtocol

/// Turns an ha-log time stamp into epoch milliseconds, with no clock and no time zone database.
///
/// ha-log prints local time without a zone, and daemon lines print no year: the caller hands in
/// the zone's offset from UTC (`localtime_r`'s `tm_gmtoff`) and the year to assume when a line
/// has none (a script line's own year wins; ``TimelineParser`` carries it forward).
struct TimelineClock: Sendable, Hashable {
    /// Seconds east of UTC of the zone the log was written in.
    var utcOffsetSeconds: Int
    /// The year for lines that print none.
    var year: Int
    /// The time the log is read (epoch ms), when known: a yearless line that would be more than
    /// a day after it was written last year (a December log read in January).
    var now: Int64?

    init(utcOffsetSeconds: Int = 0, year: Int, now: Int64? = nil) {
        self.utcOffsetSeconds = utcOffsetSeconds
        self.year = year
        self.now = now
    }

    /// ``milliseconds(_:year:)`` for a line with no year and none known from the file: this
    /// clock's year, or the one before when that would put the line in the future.
    func millisecondsGuessingYear(_ stamp: HALogTimestamp) -> Int64 {
        let time = milliseconds(stamp)
        guard let now, time > now + 86_400_000 else { return time }
        return milliseconds(stamp, year: year - 1)
    }

    /// Milliseconds since the epoch of `stamp`, read in this clock's zone.
    func milliseconds(_ stamp: HALogTimestamp, year assumed: Int? = nil) -> Int64 {
        let days = Self.daysFromCivil(year: stamp.year ?? assumed ?? year, month: stamp.month, day: stamp.day)
        let seconds = Int64(days) * 86_400 + Int64(stamp.hour * 3600 + stamp.minute * 60 + stamp.second)
        return (seconds - Int64(utcOffsetSeconds)) * 1000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (``CivilDate``).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        CivilDate.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// `2026-11-22T03:04:51Z` (seconds, UTC) as epoch milliseconds; nil when it is not that shape.
    static func iso8601(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes.last == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), (1...12).contains(month), let day = number(8..<10),
            (1...31).contains(day), let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60,
            let second = number(17..<19), second <= 60
        else { return nil }
        var millis = 0
        if bytes.count > 20 {
            // `.123Z`: fractions beyond milliseconds are dropped.
            guard bytes[19] == UInt8(ascii: "."), bytes.count <= 30, let fraction = number(20..<(bytes.count - 1)) else { return nil }
            let digits = bytes.count - 21
            millis = digits >= 3 ? fraction / Self.power(digits - 3) : fraction * Self.power(3 - digits)
        } else if bytes[19] != UInt8(ascii: "Z") {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return (Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)) * 1000 + Int64(millis)
    }

    private static func power(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }
}

extension TimelineClock {
    /// `2026-11-22 03:04:51` (with `.123` when `resolution` is finer than a second), in this
    /// clock's zone.
    func text(_ milliseconds: Int64, resolution: Int64 = 1000) -> String {
        let local = milliseconds + Int64(utcOffsetSeconds) * 1000
        let seconds = local >= 0 ? local / 1000 : (local - 999) / 1000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let inDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = Self.civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(year)-\(two(month))-\(two(day)) \(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))"
        if resolution < 1000 {
            let millis = Int(local - seconds * 1000)
            text += "." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + "\(millis)"
        }
        return text
    }

    /// The date of a day count since 1970-01-01 (the inverse of ``daysFromCivil(year:month:day:)``).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
