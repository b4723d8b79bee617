/// How DRBD dealt with a split brain it detected.
public enum DRBDSplitBrainResolution: String, Hashable, Sendable, Codable {
    /// `Split-Brain detected but unresolved, dropping connection!`: manual recovery needed.
    case unresolved
    /// `... automatically solved. Sync from ...`: an after-sb policy discarded one side's writes.
    case automaticallySolved
    /// `... manually solved. Sync from ...`: the operator chose (`--discard-my-data`).
    case manuallySolved
}
