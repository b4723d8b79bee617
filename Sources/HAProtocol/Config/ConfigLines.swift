/// The physical lines of a configuration file, split and screened in one pass over its bytes.
///
/// Contract, the same for `ha.cf`, `authkeys` and `haresources`:
/// - Lines end at LF. One CR right before an LF (or at the end of the file) is dropped, so a file
///   written with CRLF reads as the same file with LF (Heartbeat strips CR/LF, spec §1.1).
/// - A line that holds any other control byte (0x00–0x1F except tab, and 0x7F; form feed too
///   unless the file's grammar allows it) is reported as
///   `FILE:LINE: error: control byte 0xNN in line; remove it` naming its first such byte, and is
///   left out of ``lines``: a NUL can never cut a key, a name or an address short.
/// - At most ``reportedControlLines`` such lines are reported one by one; the rest are counted
///   in one more diagnostic, so a binary file gives a bounded report.
/// - Time and memory are linear in the size of the text; nothing is trimmed or split per
///   character in a loop (the old parsers called `Substring.dropLast()` per trailing blank,
///   which counts the whole line each time: 70,000 trailing spaces took seconds).
public struct ConfigLines: Sendable {
    /// One line as read: its 1-based number and its text without the line end.
    public struct Line: Sendable {
        public var number: Int
        public var text: Substring
    }

    /// The lines without control bytes, in order.
    public var lines: [Line] = []
    /// One error per refused line (up to ``reportedControlLines``), then a summary.
    public var diagnostics: [ConfigDiagnostic] = []

    /// Refused lines reported each with its own diagnostic before the rest are summarised.
    public static let reportedControlLines = 20

    /// Splits `text`; `allowingFormFeed` for ha.cf, where Heartbeat counts FF as a blank.
    public init(_ text: String, file: String, allowingFormFeed: Bool = false) {
        var refused = 0
        var firstUnreported = 0
        var start = text.utf8.startIndex
        var number = 1
        var offending: UInt8?
        var index = start
        let end = text.utf8.endIndex
        // A CR counts as a control byte only when something other than the line end follows it.
        var pendingCR = false
        func finish(_ lineEnd: String.Index) {
            let contentEnd = pendingCR ? text.utf8.index(before: lineEnd) : lineEnd
            if let byte = offending {
                refused += 1
                if refused <= Self.reportedControlLines {
                    diagnostics.append(.error(file, number, "control byte \(Self.hex(byte)) in line; remove it"))
                } else if firstUnreported == 0 {
                    firstUnreported = number
                }
            } else {
                lines.append(Line(number: number, text: text[start..<contentEnd]))
            }
            offending = nil
            pendingCR = false
        }
        while index < end {
            let byte = text.utf8[index]
            if byte == 0x0A {
                finish(index)
                number += 1
                start = text.utf8.index(after: index)
            } else {
                if pendingCR, offending == nil { offending = 0x0D }
                pendingCR = byte == 0x0D
                if offending == nil, Self.isRefused(byte, allowingFormFeed: allowingFormFeed) { offending = byte }
            }
            index = text.utf8.index(after: index)
        }
        finish(end)
        if refused > Self.reportedControlLines {
            diagnostics.append(
                .error(
                    file, firstUnreported,
                    "control bytes on \(refused - Self.reportedControlLines) more lines; the file is not a text configuration"))
        }
    }

    /// C0 controls and DEL, except tab and CR (judged by where it stands), and FF when allowed.
    static func isRefused(_ byte: UInt8, allowingFormFeed: Bool) -> Bool {
        switch byte {
        case 0x09, 0x0D: false
        case 0x0C: !allowingFormFeed
        case 0x00..<0x20, 0x7F: true
        default: false
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}

extension Substring {
    /// Without the leading and trailing scalars that satisfy `isBlank`, in one pass from each end.
    func trimming(_ isBlank: (Unicode.Scalar) -> Bool) -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex..<endIndex]
        }
        return Substring(scalars[first...last])
    }

    /// Without the trailing scalars that satisfy `isBlank`.
    func trimmingSuffix(_ isBlank: (Unicode.Scalar) -> Bool) -> Substring {
        let scalars = unicodeScalars
        guard let last = scalars.lastIndex(where: { !isBlank($0) }) else { return self[startIndex..<startIndex] }
        return Substring(scalars[...last])
    }

    /// The text before the first `#`, if any.
    func beforeComment() -> Substring {
        guard let hash = unicodeScalars.firstIndex(of: "#") else { return self }
        return Substring(unicodeScalars[..<hash])
    }
}
