import HAProtocol

/// Every packet a node refused, by cause: counted always, the first of each cause logged, one
/// alert per cause. One counter for both doors: datagrams that fail to decode or verify
/// (``Cause/wire(_:)``, ``WireError``'s closed set of causes) and verified messages the core
/// refuses (``Cause/message(_:from:)``: replays, out-of-window sequence numbers, unknown nodes).
///
/// Keys are bounded: a wire refusal is keyed by its cause alone, since source addresses cost a
/// forger nothing; a refused message by its cause and a configured node name, or the cause alone
/// when the sender is unknown. So spoofed sources or forged names cannot grow ha-log, the
/// counters or the alert list.
struct DroppedPackets: Sendable {
    enum Cause: Hashable, Sendable {
        /// Refused before it was verified; only its source address speaks for it.
        case wire(String)
        /// Verified, then refused by the core; `from` is nil for a node not in ha.cf.
        case message(String, from: String?)
    }

    struct Count: Equatable, Sendable {
        var packets = 0
        /// The first wire refusal's source address (nil for refused messages).
        var firstSource: String?
        /// Distinct source addresses seen, remembered only up to ``DroppedPackets/rememberedSources``.
        var sources: Set<String> = []
    }

    private(set) var byCause: [Cause: Count] = [:]
    static let rememberedSources = 64

    /// Counts one refused packet; true when it is the first of its cause (log it).
    mutating func record(_ cause: Cause, source: String? = nil) -> Bool {
        var count = byCause[cause] ?? Count(firstSource: source)
        count.packets += 1
        if let source, count.sources.count < Self.rememberedSources { count.sources.insert(source) }
        byCause[cause] = count
        return count.packets == 1
    }

    /// Packets refused for `cause`.
    subscript(cause: Cause) -> Int { byCause[cause]?.packets ?? 0 }

    /// Packets refused for any cause.
    var total: Int { byCause.values.reduce(0) { $0 + $1.packets } }

    /// One warning per refused-message cause, worded as ha-log readers know them.
    var messageAlerts: [Alert] {
        byCause.compactMap { cause, count in
            guard case .message(let what, let from) = cause, count.packets > 0 else { return nil }
            let key = from.map { "\(what) from \($0)" } ?? what
            return Alert(kind: .badPackets, severity: .warning, message: "\(count.packets) packet(s) dropped: \(key)")
        }
    }

    /// One warning per wire cause, in cause order.
    var wireAlerts: [Alert] {
        byCause.compactMap { cause, count -> (String, Alert)? in
            guard case .wire(let what) = cause else { return nil }
            let sources = count.sources.count
            let first = count.firstSource ?? "?"
            let from =
                sources == 1
                ? "from \(first)"
                : "from \(sources >= Self.rememberedSources ? "\(sources) or more" : "\(sources)") sources, first \(first)"
            let alert = Alert(
                kind: .badPackets, severity: .warning, message: "\(count.packets) packet(s) dropped (\(what)) \(from)",
                evidence: ["authentication or framing failed; logged once per cause, counted always"])
            return (what, alert)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
