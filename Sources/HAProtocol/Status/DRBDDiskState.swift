/// The state of a local or peer backing disk (`ds:`, `disk:`, `peer-disk:`, `"disk-state"`).
public enum DRBDDiskState: DRBDStateName {
    /// No backing device attached (never attached, detached, or detached after an I/O error).
    case diskless
    /// Transient while reading metadata.
    case attaching
    /// Transient while detaching (DRBD 9).
    case detaching
    /// Transient after a lower-level I/O error.
    case failed
    /// Transient when attaching while connected.
    case negotiating
    /// Not usable: before the initial sync, or the target of a running resync.
    case inconsistent
    /// Consistent but known to be older than the peer's.
    case outdated
    /// The peer's disk while not connected.
    case dUnknown
    /// Consistent, not yet known whether current.
    case consistent
    /// Consistent and current: the normal state.
    case upToDate
    /// A word this model does not know, kept as printed.
    case other(String)

    /// Every known disk state.
    public static let knownStates: [DRBDDiskState] = [
        .diskless, .attaching, .detaching, .failed, .negotiating, .inconsistent, .outdated, .dUnknown,
        .consistent, .upToDate,
    ]

    /// The word as DRBD prints it.
    public var spelling: String {
        switch self {
        case .diskless: "Diskless"
        case .attaching: "Attaching"
        case .detaching: "Detaching"
        case .failed: "Failed"
        case .negotiating: "Negotiating"
        case .inconsistent: "Inconsistent"
        case .outdated: "Outdated"
        case .dUnknown: "DUnknown"
        case .consistent: "Consistent"
        case .upToDate: "UpToDate"
        case .other(let word): word
        }
    }
}
