import HAProtocol

/// Datagrams the wire layer refused, counted by cause and never by sender.
///
/// Source addresses cost a forger nothing, so keying by them let spoofed packets grow ha-log and
/// the alert list with the number of sources. The causes are ``WireError``'s closed set: the
/// first refusal of each is logged with its source, the rest are only counted.
struct WireErrorCounts {
    struct Count: Equatable {
        var packets: Int
        var firstSource: String
        var sources: Int
    }

    private(set) var byCause: [String: Count] = [:]
    /// Distinct sources remembered per cause, only to count them; bounded.
    private var seenSources: [String: Set<String>] = [:]
    static let rememberedSources = 64

    /// Counts one refused datagram; true when it is the first of its cause (log it).
    mutating func record(cause: String, source: String) -> Bool {
        var count = byCause[cause] ?? Count(packets: 0, firstSource: source, sources: 0)
        count.packets += 1
        var sources = seenSources[cause, default: []]
        if sources.count < Self.rememberedSources, sources.insert(source).inserted { count.sources += 1 }
        seenSources[cause] = sources
        byCause[cause] = count
        return count.packets == 1
    }

    /// One warning per cause for the snapshot.
    var alerts: [Alert] {
        byCause.sorted { $0.key < $1.key }.map { cause, count in
            let from =
                count.sources == 1
                ? "from \(count.firstSource)"
                : "from \(count.sources >= Self.rememberedSources ? "\(Self.rememberedSources) or more" : "\(count.sources)") sources, first \(count.firstSource)"
            return Alert(
                kind: .badPackets, severity: .warning, message: "\(count.packets) packet(s) dropped (\(cause)) \(from)",
                evidence: ["authentication or framing failed; logged once per cause, counted always"])
        }
    }
}
