import HAProtocol

/// Each link's last-heard age at every snapshot, per (node, link): the heartbeat jitter drawn
/// as a sparkline. Ages near keepalive are normal; spikes toward warntime and deadtime are the
/// usual warning before a failover.
///
/// Bounded: ``samplesPerLink`` ages per link (the newest), ``maximumLinks`` links (a link not
/// in the newest snapshot is dropped first when more appear). Ages come from the daemon's
/// snapshot and are clamped to 0...``maximumAge`` before they are kept.
struct HeartbeatAges: Sendable, Hashable {
    static let samplesPerLink = 120
    static let maximumLinks = 64
    /// A day: longer ages are kept as a day (a link never heard stores nothing).
    static let maximumAge = 86_400_000

    struct Link: Sendable, Hashable {
        var node: String
        var interface: String
    }

    /// The links in the order first seen, each with its ages, oldest first.
    private(set) var links: [Link] = []
    private(set) var ages: [Link: [Int]] = [:]

    /// Takes one snapshot's ages: each link of each peer that reports one (the local node's
    /// links carry none; a link never heard adds no sample).
    mutating func record(_ snapshot: ClusterSnapshot) {
        var seen: Set<Link> = []
        for node in snapshot.nodes.prefix(64) where node.name != snapshot.localNode {
            for link in node.links.prefix(16) {
                guard let age = link.lastHeardAge else { continue }
                let key = Link(node: node.name, interface: link.interface)
                seen.insert(key)
                if ages[key] == nil {
                    if links.count >= Self.maximumLinks {
                        let stale = links.firstIndex { !seen.contains($0) } ?? 0
                        ages[links.remove(at: stale)] = nil
                    }
                    links.append(key)
                }
                var samples = ages[key] ?? []
                samples.append(min(max(0, age), Self.maximumAge))
                if samples.count > Self.samplesPerLink { samples.removeFirst(samples.count - Self.samplesPerLink) }
                ages[key] = samples
            }
        }
    }

    /// The links of `node`, in the order first seen.
    func links(of node: String) -> [Link] { links.filter { $0.node == node } }
}
