/// The wall-clock instant a frame shows, handed in by the terminal layer so views never read a
/// clock: formats times of day, dates and ages without Foundation.
struct DisplayClock: Sendable, Hashable {
    /// Milliseconds since the Unix epoch at this frame.
    var now: Int64
    /// The local time zone's offset from UTC, in seconds (east positive).
    var utcOffsetSeconds: Int

    init(now: Int64, utcOffsetSeconds: Int = 0) {
        self.now = now
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// `03:04:52` for an instant today, `Nov 21 03:04` for another day.
    func time(_ instant: Int64) -> String {
        let (day, seconds) = local(instant)
        let hms = "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60))"
        if day == local(now).day { return hms + ":\(pad(seconds % 60))" }
        let (_, month, dayOfMonth) = Self.civil(fromDays: day)
        return "\(Self.months[month - 1]) \(pad(dayOfMonth)) \(hms)"
    }

    /// The time of day now: `03:04:52`.
    var timeOfDay: String { time(now) }

    /// How long ago `instant` was, as ``DisplayFormat/duration(milliseconds:)`` writes it.
    func age(since instant: Int64) -> String {
        DisplayFormat.duration(milliseconds: Int(clamping: max(0, now - instant)))
    }

    private func local(_ instant: Int64) -> (day: Int64, seconds: Int) {
        let seconds = instant.dividedRoundingDown(by: 1000) + Int64(utcOffsetSeconds)
        let day = seconds.dividedRoundingDown(by: 86_400)
        return (day, Int(seconds - day * 86_400))
    }

    private func pad(_ value: some BinaryInteger) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Year, month and day of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = z.dividedRoundingDown(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Floor division, so instants before the epoch still land on the right day.
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
