import HAProtocol

/// Short, fixed vocabulary for numbers on screen: durations, sizes, percentages.
enum DisplayFormat {
    /// `80ms`, `1.2s`, `12s`, `5m03s`, `2h05m`, `3d04h`.
    static func duration(milliseconds ms: Int) -> String {
        if ms < 1000 { return "\(max(ms, 0))ms" }
        if ms < 10_000 { return "\(ms / 1000).\(ms / 100 % 10)s" }
        let seconds = ms / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m\(two(seconds % 60))s" }
        if seconds < 86_400 { return "\(seconds / 3600)h\(two(seconds / 60 % 60))m" }
        return "\(seconds / 86_400)d\(two(seconds / 3600 % 24))h"
    }

    /// A DRBD ETA as `/proc/drbd` prints it: `0:00:32`, `12:05:00`.
    static func eta(seconds: Int) -> String {
        "\(seconds / 3600):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    /// KiB as `512K`, `1.1M`, `24G`, `3.0T` (binary units, one decimal below 10).
    static func size(kiB: UInt64) -> String {
        let units = ["K", "M", "G", "T", "P"]
        var value = Double(kiB)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 || value >= 10 { return "\(Int(value))\(units[unit])" }
        return "\(Int(value)).\(Int(value * 10) % 10)\(units[unit])"
    }

    /// `57.3%`: one decimal, as DRBD prints it.
    static func percent(_ value: Double) -> String {
        let tenths = Int((min(max(value, 0), 100) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
