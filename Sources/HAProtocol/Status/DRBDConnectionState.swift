/// The state of the network connection to one peer.
///
/// DRBD 9 (`connection:`, `"connection-state"`) uses `Connecting` and `Connected`; DRBD 8.x
/// `/proc/drbd` mixes connection and replication in `cs:`. Parsers of 8.x sources keep the
/// connection-phase words as printed (`WFConnection`, `WFReportParams`) and report every
/// replicating `cs:` (`Connected`, `SyncSource`, ...) as `connected` plus a replication state.
/// `unconfigured` is `/proc/drbd`'s pseudo-state for a minor with no configuration.
public enum DRBDConnectionState: DRBDStateName {
    /// Not connected and not trying to: never connected, disconnected by the admin, or dropped after a failed handshake or a split brain.
    case standAlone
    /// Transient, on the way to StandAlone.
    case disconnecting
    /// Transient, before a connect attempt.
    case unconnected
    /// Transient after a communication timeout.
    case timeout
    /// Transient after the connection was lost.
    case brokenPipe
    /// Transient after the connection was lost.
    case networkFailure
    /// Transient after a protocol error.
    case protocolError
    /// Transient, the peer is closing the connection.
    case tearDown
    /// DRBD 9: trying to reach the peer (8.x `WFConnection`).
    case connecting
    /// DRBD 8.x: waiting for the peer to become reachable.
    case wfConnection
    /// DRBD 8.x: TCP up, waiting for the peer's first packet (handshake).
    case wfReportParams
    /// The connection is up.
    case connected
    /// DRBD 8.x pseudo-state: the minor exists but has no configuration.
    case unconfigured
    /// A word this model does not know, kept as printed.
    case other(String)

    /// Every known connection state.
    public static let knownStates: [DRBDConnectionState] = [
        .standAlone, .disconnecting, .unconnected, .timeout, .brokenPipe, .networkFailure, .protocolError,
        .tearDown, .connecting, .wfConnection, .wfReportParams, .connected, .unconfigured,
    ]

    /// The word as DRBD prints it.
    public var spelling: String {
        switch self {
        case .standAlone: "StandAlone"
        case .disconnecting: "Disconnecting"
        case .unconnected: "Unconnected"
        case .timeout: "Timeout"
        case .brokenPipe: "BrokenPipe"
        case .networkFailure: "NetworkFailure"
        case .protocolError: "ProtocolError"
        case .tearDown: "TearDown"
        case .connecting: "Connecting"
        case .wfConnection: "WFConnection"
        case .wfReportParams: "WFReportParams"
        case .connected: "Connected"
        case .unconfigured: "Unconfigured"
        case .other(let word): word
        }
    }

    /// True while DRBD is trying to reach the peer (`Connecting`, `WFConnection`, `Unconnected`).
    public var isWaitingForPeer: Bool {
        self == .connecting || self == .wfConnection || self == .unconnected
    }
}
