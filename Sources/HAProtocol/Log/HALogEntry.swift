/// One line of an ha-log file as read: a parsed ``HALogLine`` or a line that fits no layout.
///
/// Unparsed lines are kept, never dropped: scripts' raw output in ha-debug, and the
/// continuation lines of a multi-line message (an authentication-failure dump prints the raw
/// packet, which may hold any bytes). A console shows them under the line before.
public enum HALogEntry: Sendable, Hashable {
    /// A line in one of Heartbeat's layouts.
    case line(HALogLine)
    /// The text exactly as read.
    case unparsed(String)

    /// The entry for one line of text (without its newline).
    public init(parsing text: some StringProtocol) {
        if let line = HALogLine(parsing: text) {
            self = .line(line)
        } else {
            self = .unparsed(String(text))
        }
    }

    /// The entries for every line of `text`, in order.
    ///
    /// Lines end at `\n` only (a `\r` stays part of its line); a final newline does not start
    /// an empty last line. Text that is not valid UTF-8 should be decoded lossily first:
    /// `String(decoding: bytes, as: UTF8.self)`.
    public static func entries(in text: String) -> [HALogEntry] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if text.utf8.last == UInt8(ascii: "\n") || text.isEmpty { lines.removeLast() }
        return lines.map { HALogEntry(parsing: Substring($0)) }
    }

    /// The line as text: ``HALogLine/formatted`` or the unparsed text.
    public var formatted: String {
        switch self {
        case .line(let line): line.formatted
        case .unparsed(let text): text
        }
    }

    /// The parsed line, or nil for an unparsed one.
    public var line: HALogLine? {
        if case .line(let line) = self { return line }
        return nil
    }

    /// The line's event (see ``HALogEvent/init(message:)``); nil for unparsed lines.
    public var event: HALogEvent? { line?.event }

    /// True for a parsed warning, error or critical line; unparsed lines are not problems.
    public var isProblem: Bool { line?.isProblem ?? false }

    /// True when `filter` occurs in the text, ignoring case; an empty filter matches all.
    public func matches(filter: some StringProtocol) -> Bool {
        filter.isEmpty || formatted.lowercased().contains(filter.lowercased())
    }
}
