/// The time printed at the start of an ha-log line, as plain numbers (no calendar, no zone).
///
/// Daemon and syslog lines print `Nov 22 03:04:51` with no year (``year`` is nil); script and
/// old-style daemon lines print `2026/11/22_03:04:51`. The values are what the line says; the
/// parser accepts only in-range fields (month 1…12, day 1…31, hour 0…23, minute 0…59,
/// second 0…60) so that a parsed line formats back to the same text.
public struct HALogTimestamp: Sendable, Hashable {
    /// Four-digit year, or nil when the layout prints none.
    public var year: Int?
    /// 1 = January … 12 = December.
    public var month: Int
    /// Day of the month, 1…31.
    public var day: Int
    /// 0…23.
    public var hour: Int
    /// 0…59.
    public var minute: Int
    /// 0…60 (a leap second prints as 60).
    public var second: Int

    /// A timestamp from its fields, taken as given.
    public init(year: Int? = nil, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// English month abbreviations as `%b` prints them in the C locale, January first.
    public static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `Nov 22 03:04:51`: the syslog-style stamp, the day padded with `padding` to two places.
    ///
    /// Heartbeat's own files pad the day with `0` (`Nov 05`); syslogd pads it with a space (`Nov  5`).
    /// A month outside 1…12 prints as `???`.
    public func syslogText(dayPadding padding: Character = "0") -> String {
        let name = (1...12).contains(month) ? Self.monthAbbreviations[month - 1] : "???"
        return "\(name) \(Self.padded(day, to: 2, with: padding)) \(clockText)"
    }

    /// `2026/11/22_03:04:51`: the stamp of script lines and of `syslogmsgfmt false` daemon lines.
    ///
    /// A missing year prints as `0000`.
    public var scriptText: String {
        "\(Self.padded(year ?? 0, to: 4))/\(Self.padded(month, to: 2))/\(Self.padded(day, to: 2))_\(clockText)"
    }

    private var clockText: String {
        "\(Self.padded(hour, to: 2)):\(Self.padded(minute, to: 2)):\(Self.padded(second, to: 2))"
    }

    /// `value` in decimal, left-padded to `width` places (FoundationEssentials has no `String(format:)`).
    static func padded(_ value: Int, to width: Int, with padding: Character = "0") -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: padding, count: width - digits.count) + digits
    }
}
