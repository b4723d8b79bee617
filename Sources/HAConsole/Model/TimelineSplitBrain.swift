/// One split brain read from the merged logs: detected when a node returns after a partition
/// (`Cluster node NODE returning after partition.`), healed when hadaemon hands the doubly held
/// groups home (`Split brain with NODE healed: releasing …`), settled when that release ends
/// (hadaemon's `Split brain with NODE healed: release of GROUPS finished`, or `All HA resources
/// relinquished.` on the healing node). ``resolution`` is the coarsest of these lines'.
///
/// Heartbeat 3.0.6 logs no heal line (it restarts instead, spec §5); then only the detection
/// is known and ``healed`` is nil.
struct TimelineSplitBrain: Sendable, Hashable {
    /// The node that logged the detection, and the one it saw return.
    var detectedBy: String
    var peer: String
    var detected: Int64
    var healed: Int64?
    var released: Int64?
    var resolution: Int64

    /// How long after the detection a heal is still looked for.
    static let window: Int64 = 600_000

    /// Every split brain in `events` (merged, oldest first). Both nodes usually log the
    /// detection within a second; a detection of the same pair within the window of an earlier
    /// one is the same split brain.
    static func find(in events: [TimelineEvent]) -> [TimelineSplitBrain] {
        var found: [TimelineSplitBrain] = []
        var lastDetected: [Set<String>: Int64] = [:]
        for (index, event) in events.enumerated() where event.kind == .splitBrainDetected {
            guard let peer = event.node else { continue }
            let pair = Set([peer, event.source])
            if let last = lastDetected[pair], event.time - last <= window { continue }
            lastDetected[pair] = event.time
            var split = TimelineSplitBrain(detectedBy: event.source, peer: peer, detected: event.time, resolution: event.resolution)
            var healer: String?
            for later in events[(index + 1)...].prefix(TimelineFailover.scanLimit) {
                guard later.time - event.time <= window, pair.contains(later.source) else { continue }
                if later.kind == .splitBrainHealed, split.healed == nil {
                    split.healed = later.time
                    healer = later.source
                    split.resolution = max(split.resolution, later.resolution)
                } else if split.healed != nil, later.source == healer, later.kind == .releaseComplete {
                    split.released = later.time
                    split.resolution = max(split.resolution, later.resolution)
                    break
                }
            }
            found.append(split)
        }
        return found
    }
}
