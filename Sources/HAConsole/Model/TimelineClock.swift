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

    /// `2026-11-22T03:04:51Z` (or with a fraction, `.123Z`), UTC, as epoch milliseconds; nil
    /// when it is not that shape (``CivilDate/utcMilliseconds(_:)``).
    static func iso8601(_ text: String) -> Int64? { CivilDate.utcMilliseconds(text) }
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

    /// The date of a day count since 1970-01-01 (``CivilDate``).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) { CivilDate.date(daysSinceEpoch: days) }
}
