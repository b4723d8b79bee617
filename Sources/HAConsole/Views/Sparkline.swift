/// A one-line chart of values: one character per value, its height the value's share of a
/// ceiling (`▁▂▃▄▅▆▇█`, or `_.-=#` in ASCII).
///
/// Heights are absolute against the ceiling (a heartbeat age against deadtime), so a link that
/// hears every keepalive stays low and a spike reads as one however calm the rest is. Values
/// below 0 count as 0 and above the ceiling as the ceiling; with no ceiling (or one not above
/// 0) the largest value is the top. Never traps: values are clamped before any arithmetic.
enum Sparkline {
    static let unicodeLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", "-", "=", "#"]
    /// Values are clamped to this before scaling (a day in ms), so `value * levels` cannot overflow.
    static let maximumValue = 86_400_000

    /// The last `width` values drawn (fewer when there are fewer values).
    static func draw(_ values: [Int], ceiling: Int?, width: Int, ascii: Bool) -> String {
        let levels = ascii ? asciiLevels : unicodeLevels
        guard width > 0 else { return "" }
        let shown = values.suffix(width).map { min(max(0, $0), maximumValue) }
        let top = min(max(1, ceiling.flatMap { $0 > 0 ? $0 : nil } ?? shown.max() ?? 1), maximumValue)
        return String(shown.map { levels[level(min($0, top), top: top, count: levels.count)] })
    }

    /// The level of `value` (0...top) among `count` levels, to the nearest: 0 for 0, the top
    /// level at the ceiling.
    static func level(_ value: Int, top: Int, count: Int) -> Int {
        guard top > 0, count > 1, value > 0 else { return 0 }
        let scaled = (value * (count - 1) + top / 2) / top
        return min(count - 1, max(0, scaled))
    }
}
