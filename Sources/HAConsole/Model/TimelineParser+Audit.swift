#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension TimelineParser {
    /// The SOP audit trail's records (JSON lines, ``SOPAuditRecord``) as `sop_step` events, each
    /// with the operator who started its run. Lines that are not records are skipped; step
    /// shown and confirmation-refused records are left out (they change nothing in the cluster).
    static func events(inAudit text: String) -> [TimelineEvent] {
        let decoder = JSONDecoder()
        var operators: [String: String] = [:]
        var events: [TimelineEvent] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.utf8.count <= 65_536, let record = try? decoder.decode(SOPAuditRecord.self, from: Data(line.utf8)),
                let time = TimelineClock.iso8601(record.time)
            else { continue }
            if let user = record.user, operators.count < 10_000 { operators[record.run] = user }
            guard let event = event(record, operatorName: operators[record.run], time: time) else { continue }
            events.append(event)
            if events.count >= 2 * maximumEvents { events.removeFirst(events.count - maximumEvents) }
        }
        return Array(events.suffix(maximumEvents))
    }

    /// The `sop_step` event of one audit record at `time` (epoch ms), or nil for the records
    /// left out of a timeline (a step shown, a refused confirmation: they change nothing).
    static func event(_ record: SOPAuditRecord, operatorName: String?, time: Int64) -> TimelineEvent? {
        guard record.event != .stepShown, record.event != .confirmationRefused else { return nil }
        var words = [record.procedure]
        if let step = record.step { words.append("step \(step)") }
        words.append(record.event.rawValue)
        if let action = record.action { words.append(action) }
        if let outcome = record.outcome { words.append(outcome) }
        if let detail = record.detail { words.append("- \(detail)") }
        return TimelineEvent(
            time: time, resolution: 1000, source: "audit", kind: .sopStep, node: record.node, text: words.joined(separator: " "),
            operatorName: operatorName, milliseconds: record.durationMs.map { Int(clamping: $0) })
    }
}
