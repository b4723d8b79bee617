/// Heartbeat's time syntax for `keepalive`, `deadtime`, `warntime`, `initdead`, `deadping` (spec §1.2).
///
/// A number (digits and at most one `.`), optional blanks, then an optional unit: none means
/// seconds, a unit starting with `ms` means milliseconds, one starting with `us` microseconds.
/// Anything else (`s`, `sec`, `min`) is invalid, exactly as `cl_get_msec` treats it.
/// The result is rounded to the nearest millisecond.
public enum HeartbeatDuration {
    /// Milliseconds for `text`, or nil when Heartbeat would reject it.
    public static func milliseconds(_ text: some StringProtocol) -> Int? {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        let number = trimmed.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != ".",
            let value = Double(number.hasPrefix(".") ? "0" + number : String(number))
        else { return nil }
        let unit = trimmed.dropFirst(number.count).drop(while: { $0 == " " || $0 == "\t" }).lowercased()
        let scaled: Double
        if unit.isEmpty {
            scaled = value * 1000
        } else if unit.hasPrefix("ms") {
            scaled = value
        } else if unit.hasPrefix("us") {
            scaled = value / 1000
        } else {
            return nil
        }
        guard scaled < Double(Int32.max) else { return nil }
        return Int(scaled + 0.5)
    }

    /// The shortest text that reads back as `milliseconds`: `2` for 2000, `250ms` for 250.
    public static func text(milliseconds: Int) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000)" : "\(milliseconds)ms"
    }
}
