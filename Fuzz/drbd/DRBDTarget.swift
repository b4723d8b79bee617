import HAProtocol

/// Target `drbd`: one text through every DRBD reader — `/proc/drbd`, `drbdsetup status` (text
/// and JSON), `events2` (whole and line by line), the v1 events, the legacy tables and XML,
/// kernel log lines — and through the one-line summary a node sends its peer (`hd_drbd`).
///
/// Properties beyond "no trap": the summary of whatever was read decodes to a status with the
/// same summary, and a summary that decodes encodes back to the same text (both documented on
/// `DRBDStatus.summary`: a peer decodes what this node encodes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDRBD(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    var results = [
        DRBDProcParser.parse(text), DRBDStatusTextParser.parse(text), DRBDEvents2Parser.parse(text),
        DRBDEventsV1Parser.parse(text), DRBDLegacyStatusParser.parseXML(text), DRBDLegacyStatusParser.parseShStatus(text),
        DRBDLegacyTableParser.parse(text),
    ]
    if let json = try? DRBDStatusJSONParser.parse(text) { results.append(json) }
    var streamed = DRBDStatus()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        _ = streamed.apply(events2Line: line)
        _ = DRBDKernelLogEvent.classify(line)
    }
    for status in results.map(\.status) + [streamed] { check(status) }
    if let decoded = try? DRBDSummary.decode(text) {
        FuzzInput.require(DRBDSummary.encode(decoded) == text, "summary \(text.debugDescription) re-encodes differently")
    }
    return 0
}

private func check(_ status: DRBDStatus) {
    let summary = DRBDSummary.encode(status)
    do {
        let decoded = try DRBDSummary.decode(summary)
        FuzzInput.require(DRBDSummary.encode(decoded) == summary, "summary \(summary.debugDescription) does not round-trip")
    } catch {
        fatalError("summary \(summary.debugDescription) does not decode: \(error)")
    }
    for resource in status.resources {
        _ = (resource.isHealthy, resource.isSplitBrainSuspect, resource.isDualPrimary, resource.isResyncing)
        _ = DRBDSplitBrainLevel.assess(local: resource, peer: status.resources.first)
    }
}
