import HAProtocol

/// Everything that can happen to a node, as the pure core sees it.
public enum NodeEvent: Sendable {
    /// A verified message arrived on `link` (the interface it came in on).
    case received(HAMessage, link: String)
    /// A datagram from `source` on `link` failed to decode or verify: counted by cause, the first
    /// of each cause logged (``DroppedPackets``).
    case undecodable(WireError, source: String, link: String)
    /// An ICMP echo reply came back from `address` (a ping node's).
    case pingReply(address: String)
    /// This node's DRBD state changed (its compact summary, nil when there is none).
    case localDRBD(String?)
    /// Time passed: the core checks its deadlines.
    case tick
    /// An operator asked for a change through a signal or the parent's exit (no answer).
    case command(NodeCommand)
    /// A change request on the control socket: answered with ``NodeEffect/answer(_:)``.
    case control(ControlRequest, from: ControlRequester)
    /// SIGHUP found a valid configuration: the core takes what can change while it runs, or
    /// refuses and keeps the running one (``NodeStateMachine/reload(_:into:)``).
    case reload(ClusterConfig)
    /// A group start or stop finished (the shell ran its resources in order).
    case groupActionFinished(key: String, action: GroupAction, succeeded: Bool, detail: String?)
    /// A ``NodeEffect/fence(node:device:)`` ended: `detail` is what the device said on failure.
    case fenceFinished(node: String, result: FenceResult, detail: String?)
    /// A ``NodeEffect/outdate(resource:requester:)`` ended: drbdadm's exit status, nil when it
    /// was killed, timed out or could not start.
    case outdateFinished(resource: String, requester: String, exitStatus: Int32?)
}

/// An operator's request.
public enum NodeCommand: Hashable, Sendable {
    /// Give `resources` (Heartbeat's class, relative to this node) to the peer.
    case standby(ControlRequest.Resources)
    /// Ask the peer to give us `resources`.
    case takeover(ControlRequest.Resources)
    /// Release everything, tell the peers, exit.
    case shutdown
}

public enum GroupAction: String, Hashable, Sendable {
    case start, stop
}
