import HAProtocol

/// Datagrams the wire layer refused, counted by cause and never by sender.
///
/// Source addresses cost a forger nothing, so keying by them let spoofed packets grow ha-log and
/// the alert list with the number of sources. The causes are ``WireError``'s closed set: the
/// first refusal of each is logged with its source, the rest are only counted.
struct WireErrorCounts {
    struct Count: Equatable {
        var packets = 0
        var firstSource: String
        /// Distinct sources seen, remembered only up to ``WireErrorCounts/rememberedSources``.
        var sources: Set<String> = []
    }

    private(set) var byCause: [String: Count] = [:]
    static let rememberedSources = 64

    /// Counts one refused datagram; true when it is the first of its cause (log it).
    mutating func record(cause: String, source: String) -> Bool {
        var count = byCause[cause] ?? Count(firstSource: source)
        count.packets += 1
        if count.sources.count < Self.rememberedSources { count.sources.insert(source) }
        byCause[cause] = count
        return count.packets == 1
    }

    /// One warning per cause for the snapshot.
    var alerts: [Alert] {
        byCause.sorted { $0.key < $1.key }.map { cause, count in
            let sources = count.sources.count
            let from =
                sources == 1
                ? "from \(count.firstSource)"
                : "from \(sources >= Self.rememberedSources ? "\(sources) or more" : "\(sources)") sources, first \(count.firstSource)"
            return Alert(
                kind: .badPackets, severity: .warning, message: "\(count.packets) packet(s) dropped (\(cause)) \(from)",
                evidence: ["authentication or framing failed; logged once per cause, counted always"])
        }
    }
}
