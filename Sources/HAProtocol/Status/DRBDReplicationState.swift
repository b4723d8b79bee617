/// The replication state of one volume towards one peer (`replication:`, `"replication-state"`).
///
/// DRBD 8.x prints these in `cs:`, where `Connected` means `established`.
public enum DRBDReplicationState: DRBDStateName {
    /// Not replicating because the connection is not up.
    case off
    /// Normal: every write is replicated (8.x `Connected`).
    case established
    /// An admin-initiated full sync is starting; this node is the source.
    case startingSyncS
    /// An admin-initiated full sync is starting; this node is the target.
    case startingSyncT
    /// A partial resync is starting (bitmap exchange); this node is the source.
    case wfBitMapS
    /// A partial resync is starting (bitmap exchange); this node is the target.
    case wfBitMapT
    /// A resync is about to begin, waiting for the sync UUID.
    case wfSyncUUID
    /// Resync running; this node is the source.
    case syncSource
    /// Resync running; this node is the target (its disk is Inconsistent).
    case syncTarget
    /// A resync with this node as source is paused.
    case pausedSyncS
    /// A resync with this node as target is paused.
    case pausedSyncT
    /// Online verify running; this node is the verify source.
    case verifyS
    /// Online verify running; this node is the verify target.
    case verifyT
    /// Replication suspended by us because of congestion.
    case ahead
    /// Replication suspended by the peer because of congestion.
    case behind
    /// A word this model does not know, kept as printed.
    case other(String)

    /// Every known replication state.
    public static let knownStates: [DRBDReplicationState] = [
        .off, .established, .startingSyncS, .startingSyncT, .wfBitMapS, .wfBitMapT, .wfSyncUUID, .syncSource,
        .syncTarget, .pausedSyncS, .pausedSyncT, .verifyS, .verifyT, .ahead, .behind,
    ]

    /// The word as DRBD prints it.
    public var spelling: String {
        switch self {
        case .off: "Off"
        case .established: "Established"
        case .startingSyncS: "StartingSyncS"
        case .startingSyncT: "StartingSyncT"
        case .wfBitMapS: "WFBitMapS"
        case .wfBitMapT: "WFBitMapT"
        case .wfSyncUUID: "WFSyncUUID"
        case .syncSource: "SyncSource"
        case .syncTarget: "SyncTarget"
        case .pausedSyncS: "PausedSyncS"
        case .pausedSyncT: "PausedSyncT"
        case .verifyS: "VerifyS"
        case .verifyT: "VerifyT"
        case .ahead: "Ahead"
        case .behind: "Behind"
        case .other(let word): word
        }
    }

    /// True while a resync or verify is starting, running or paused.
    public var isResyncing: Bool {
        switch self {
        case .startingSyncS, .startingSyncT, .wfBitMapS, .wfBitMapT, .wfSyncUUID, .syncSource, .syncTarget,
            .pausedSyncS, .pausedSyncT, .verifyS, .verifyT:
            true
        default: false
        }
    }
}
