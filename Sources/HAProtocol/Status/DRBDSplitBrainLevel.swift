/// How sure the console can be that a resource is in split brain, worst last.
///
/// Levels follow SPLITBRAIN.md §5. A verdict needs both nodes' views: use
/// `assess(local:peer:)` with the peer's resource (e.g. decoded from its heartbeat summary), or
/// `nil` when only this node is known.
public enum DRBDSplitBrainLevel: Int, Hashable, Sendable, Codable, Comparable {
    /// No sign of a split brain.
    case none
    /// StandAlone with the peer Unknown on either side, or out-of-sync data on both sides of a
    /// disconnected pair.
    case suspect
    /// Both nodes Primary while not connected: the data is diverging now.
    case probable
    /// DRBD reported it (split-brain helper call).
    case confirmed

    /// Orders levels from `none` to `confirmed`.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level for one resource as seen by this node and, when known, by its peer.
    public static func assess(local: DRBDResource, peer: DRBDResource?) -> DRBDSplitBrainLevel {
        if local.isSplitBrainReported || peer?.isSplitBrainReported == true { return .confirmed }
        if let peer {
            let bothPrimary = local.role == .primary && peer.role == .primary
            let disconnected =
                !local.connections.contains { $0.state == .connected }
                || !peer.connections.contains { $0.state == .connected }
            if bothPrimary, disconnected { return .probable }
            if disconnected, local.hasOutOfSyncData, peer.hasOutOfSyncData { return .suspect }
        }
        if local.isSplitBrainSuspect || peer?.isSplitBrainSuspect == true { return .suspect }
        return .none
    }
}
