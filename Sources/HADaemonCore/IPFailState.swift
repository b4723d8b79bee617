import HAProtocol

/// What the core remembers while it does ipfail's work (Heartbeat's `contrib/ipfail`), for a
/// `respawn`/`failfast` line that names ipfail.
///
/// ipfail compares, with the ipfail of the peer, how many ping nodes each node reaches. The node
/// that sees fewer gives all its groups away (a standby) after a delay of two keepalives; when the
/// counts balance again the peer gives back the foreign groups (`auto_failback on`). The counts
/// are remembered so that a delayed giveup can be checked again when it falls due: it goes ahead
/// only while the peer still claims more ping nodes than this node sees (or, for a failback, the
/// peer sees at least as many), so a node never gives groups to a peer that is not better
/// connected.
struct IPFailState: Equatable, Sendable {
    /// What a delayed giveup gives away: ipfail's `HB_ALL_RESOURCES` or `HB_FOREIGN_RESOURCES`.
    enum Giveup: Equatable, Sendable {
        case all, foreign
    }

    /// A giveup waiting for its delay, as ipfail's glib timer (its `tag` names it in the log).
    struct PendingGiveup: Equatable, Sendable {
        var what: Giveup
        var due: MonotonicTime
        var tag: UInt32
    }

    /// The ping nodes' statuses as last acted on, so that each change is acted on once.
    var seen: [String: NodeStatus] = [:]
    /// The peer is active and has been asked for its count (ipfail's answer to the peer's join).
    var joined = false
    var pending: PendingGiveup?
    /// The last timer tag handed out (ipfail logs glib's source id when it aborts a giveup).
    var lastTag: UInt32 = 0
    /// A giveup fell due while resources were in flux: ask again once both nodes are stable.
    var needStandby = false
    /// The count this node last sent the peer.
    var toldCount: Int?
    /// What the peer sees at least: its own count, or one more than ours when it said
    /// `you_are_dead`.
    var peerCount: Int?
    /// Legacy mode was refused (logged once, as ipfail exits then).
    var refused = false

    /// The largest ping count taken from a peer; ipfail sends at most four digits.
    static let countLimit = 9999
}
