import HAProtocol

/// Each Heartbeat node's own `rscstatus`, as its feed last read it: a peer's word beats an
/// inference from the other side. Older than a few probes counts as unknown.
final class HeartbeatClaims {
    private var claims: [String: (holds: ResourceClass, at: Int64)] = [:]
    static let freshness: Int64 = 3000

    func record(_ node: String, _ holds: ResourceClass?, at now: Int64) {
        claims[node] = holds.map { ($0, now) }
    }

    func forget(_ node: String) { claims[node] = nil }

    func current(excluding node: String, now: Int64) -> [String: ResourceClass] {
        claims.filter { $0.key != node && now - $0.value.at <= Self.freshness }.mapValues(\.holds)
    }
}
