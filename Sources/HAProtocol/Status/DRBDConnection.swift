/// The connection from this node to one peer node, with the peer's role and per-volume state.
public struct DRBDConnection: Hashable, Sendable, Codable {
    /// The connection name: the peer's node name on DRBD 9 (`bravo`), the literal `peer` in
    /// 8.4-style `drbdsetup` output, nil when the source does not name peers (8.x `/proc/drbd`).
    public var name: String?
    /// The peer's node id (DRBD 9; `0` on 8.4 events2).
    public var peerNodeID: Int?
    /// The connection state.
    public var state: DRBDConnectionState
    /// The peer's role; `Unknown` while not connected.
    public var peerRole: DRBDRole
    /// True when the network path is congested (statistics).
    public var isCongested: Bool?
    /// The replication protocol letter (`A`, `B`, `C`) from 8.x `/proc/drbd`.
    public var replicationProtocol: String?
    /// True when DRBD itself reported a split brain on this connection (events2 or events v1
    /// `split-brain` helper call) and replication has not returned to healthy since.
    public var splitBrainReported: Bool
    /// The peer's view of each volume.
    public var peerDevices: [DRBDPeerDevice]

    /// Creates a connection.
    public init(
        name: String? = nil, peerNodeID: Int? = nil, state: DRBDConnectionState = .standAlone,
        peerRole: DRBDRole = .unknown, isCongested: Bool? = nil, replicationProtocol: String? = nil,
        splitBrainReported: Bool = false, peerDevices: [DRBDPeerDevice] = []
    ) {
        self.name = name
        self.peerNodeID = peerNodeID
        self.state = state
        self.peerRole = peerRole
        self.isCongested = isCongested
        self.replicationProtocol = replicationProtocol
        self.splitBrainReported = splitBrainReported
        self.peerDevices = peerDevices
    }

    /// The peer device of a volume, if any.
    public func peerDevice(volume: Int) -> DRBDPeerDevice? {
        peerDevices.first { $0.volume == volume }
    }

    /// The index of the peer device of `volume`, appending one (`Off`, `DUnknown`) when missing.
    mutating func peerDeviceIndexCreatingIfMissing(volume: Int) -> Int {
        if let index = peerDevices.firstIndex(where: { $0.volume == volume }) { return index }
        peerDevices.append(DRBDPeerDevice(volume: volume))
        return peerDevices.count - 1
    }
}
