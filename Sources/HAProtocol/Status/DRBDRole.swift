/// The role of a DRBD resource on a node (`ro:`, `role:`, `"role"`, `"peer-role"`).
///
/// `unknown` is only ever reported for a peer that is not connected; the local role is never
/// `Unknown` in DRBD's own output.
public enum DRBDRole: DRBDStateName {
    /// May be opened and written; normally on one node only.
    case primary
    /// Receives replication; cannot be opened for writing.
    case secondary
    /// The peer's role while not connected.
    case unknown
    /// A word this model does not know, kept as printed.
    case other(String)

    /// Every known role.
    public static let knownStates: [DRBDRole] = [.primary, .secondary, .unknown]

    /// The word as DRBD prints it.
    public var spelling: String {
        switch self {
        case .primary: "Primary"
        case .secondary: "Secondary"
        case .unknown: "Unknown"
        case .other(let word): word
        }
    }
}
