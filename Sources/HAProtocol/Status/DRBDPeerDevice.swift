/// One volume as seen over one connection: replication state, the peer's disk, resync progress.
public struct DRBDPeerDevice: Hashable, Sendable, Codable {
    /// The volume number (0 for 8.x).
    public var volume: Int
    /// The replication state towards this peer.
    public var replication: DRBDReplicationState
    /// The peer's disk state (`DUnknown` while not connected, or the last known value).
    public var peerDisk: DRBDDiskState
    /// DRBD 9: true when the peer is an intentionally diskless client.
    public var peerIsClient: Bool?
    /// Why the resync is suspended (`user`, `peer`, `dependency`, `max-parallel`); empty when not.
    public var resyncSuspendedReasons: [String]
    /// Data that differs from the peer and needs resync, in KiB (8.x `oos:`, `out-of-sync:`).
    public var outOfSyncKiB: UInt64?
    /// KiB received from the peer (8.x `nr:`).
    public var receivedKiB: UInt64?
    /// KiB sent to the peer (8.x `ns:`).
    public var sentKiB: UInt64?
    /// Resync or verify progress, while one is running.
    public var sync: DRBDSyncProgress?

    /// Creates a peer device.
    public init(
        volume: Int, replication: DRBDReplicationState = .off, peerDisk: DRBDDiskState = .dUnknown,
        peerIsClient: Bool? = nil, resyncSuspendedReasons: [String] = [], outOfSyncKiB: UInt64? = nil,
        receivedKiB: UInt64? = nil, sentKiB: UInt64? = nil, sync: DRBDSyncProgress? = nil
    ) {
        self.volume = volume
        self.replication = replication
        self.peerDisk = peerDisk
        self.peerIsClient = peerIsClient
        self.resyncSuspendedReasons = resyncSuspendedReasons
        self.outOfSyncKiB = outOfSyncKiB
        self.receivedKiB = receivedKiB
        self.sentKiB = sentKiB
        self.sync = sync
    }
}
