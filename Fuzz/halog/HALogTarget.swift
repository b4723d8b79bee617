import HAProtocol

/// Target `halog`: a piece of `ha-log` / `ha-debug`, split into entries the way the console's log
/// tail reads it, each line parsed and classified.
///
/// Property beyond "no trap" (documented on `HALogLine.formatted`): every line that parses
/// formats back to itself, byte for byte, and the entries rebuild the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHALog(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    let entries = HALogEntry.entries(in: text)
    let rebuilt = entries.map(\.formatted).joined(separator: "\n")
    FuzzInput.require(rebuilt == text || rebuilt + "\n" == text, "entries do not rebuild the text")
    for entry in entries {
        _ = (entry.event, entry.isProblem)
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if let parsed = HALogLine(parsing: line) {
            FuzzInput.require(parsed.formatted == line, "\(line.debugDescription) formats as \(parsed.formatted.debugDescription)")
            _ = parsed.event
        }
        _ = HALogEvent(message: line)
        _ = DRBDKernelLogEvent.classify(line)
    }
    return 0
}
