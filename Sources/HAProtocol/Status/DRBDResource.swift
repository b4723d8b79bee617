/// One DRBD resource on this node: its local role, its volumes and its connections to peers.
///
/// DRBD 8.x `/proc/drbd` has no resource names: each minor becomes a resource named after its
/// device (`drbd0`) unless the caller maps minors to names.
public struct DRBDResource: Hashable, Sendable, Codable {
    /// The resource name (`r0`), or `drbd<minor>` when the source does not name resources.
    public var name: String
    /// The local role.
    public var role: DRBDRole
    /// This node's id in the resource (DRBD 9, verbose sources only).
    public var nodeID: Int?
    /// True when application I/O is suspended; nil when the source does not say.
    public var ioSuspended: Bool?
    /// Why I/O is suspended (`user`, `no-data`, `fencing`, `quorum`); empty when not or unknown.
    public var suspendReasons: [String]
    /// events2 `may_promote` (DRBD 9.14+): true when promoting this node looks safe.
    public var mayPromote: Bool?
    /// events2 `promotion_score` (DRBD 9.14+).
    public var promotionScore: Int?
    /// The write-ordering method (`flush`, `drain`, `barrier`, `none`, or 8.x `b`/`f`/`d`/`n`).
    public var writeOrdering: String?
    /// The local volumes.
    public var devices: [DRBDDevice]
    /// The connections to peers, one per peer node.
    public var connections: [DRBDConnection]

    /// Creates a resource.
    public init(
        name: String, role: DRBDRole = .unknown, nodeID: Int? = nil, ioSuspended: Bool? = nil,
        suspendReasons: [String] = [], mayPromote: Bool? = nil, promotionScore: Int? = nil,
        writeOrdering: String? = nil, devices: [DRBDDevice] = [], connections: [DRBDConnection] = []
    ) {
        self.name = name
        self.role = role
        self.nodeID = nodeID
        self.ioSuspended = ioSuspended
        self.suspendReasons = suspendReasons
        self.mayPromote = mayPromote
        self.promotionScore = promotionScore
        self.writeOrdering = writeOrdering
        self.devices = devices
        self.connections = connections
    }

    /// The local device of a volume, if any.
    public func device(volume: Int) -> DRBDDevice? {
        devices.first { $0.volume == volume }
    }

    /// The first connection with the given name (the peer's node name on DRBD 9), if any.
    public func connection(named name: String) -> DRBDConnection? {
        connections.first { $0.name == name }
    }

    /// The largest out-of-sync amount any peer reports for `volume`, in KiB; nil when none says.
    public func outOfSyncKiB(volume: Int) -> UInt64? {
        connections.compactMap { $0.peerDevice(volume: volume)?.outOfSyncKiB }.max()
    }

    /// The index of the device of `volume`, appending one (disk `Diskless`) when missing.
    mutating func deviceIndexCreatingIfMissing(volume: Int) -> Int {
        if let index = devices.firstIndex(where: { $0.volume == volume }) { return index }
        devices.append(DRBDDevice(volume: volume))
        return devices.count - 1
    }

    /// The index of the connection matching a peer node id or a name, appending one when missing.
    mutating func connectionIndexCreatingIfMissing(name: String?, peerNodeID: Int?) -> Int {
        if let index = connections.firstIndex(where: { connection in
            if let peerNodeID, let known = connection.peerNodeID { return known == peerNodeID }
            return connection.name == name
        }) {
            if connections[index].name == nil { connections[index].name = name }
            if connections[index].peerNodeID == nil { connections[index].peerNodeID = peerNodeID }
            return index
        }
        connections.append(DRBDConnection(name: name, peerNodeID: peerNodeID))
        return connections.count - 1
    }
}
