/// The `key:value` vocabulary shared by `drbdsetup status` text and events2, applied to the model.
///
/// Unknown keys are ignored: both formats grow new keys with new drbd-utils releases.
enum DRBDStatusFields {
    static func applyResource(_ key: Substring, _ value: Substring, to resource: inout DRBDResource) {
        switch key {
        case "role": resource.role = DRBDRole(spelling: value)
        case "node-id": resource.nodeID = Int(value)
        case "suspended":
            resource.ioSuspended = value != "no"
            resource.suspendReasons = DRBDText.reasons(value)
        case "write-ordering": resource.writeOrdering = String(value)
        case "may_promote": resource.mayPromote = DRBDText.flag(value)
        case "promotion_score": resource.promotionScore = Int(value)
        default: break
        }
    }

    static func applyDevice(_ key: Substring, _ value: Substring, to device: inout DRBDDevice) {
        switch key {
        case "volume": device.volume = Int(value) ?? device.volume
        case "minor": device.minor = Int(value)
        case "disk": device.disk = DRBDDiskState(spelling: value)
        case "client": device.isClient = DRBDText.flag(value)
        case "quorum": device.hasQuorum = DRBDText.flag(value)
        case "open": device.isOpen = DRBDText.flag(value)
        case "size": device.sizeKiB = DRBDText.unsigned(value)
        case "read": device.readKiB = DRBDText.unsigned(value)
        case "written": device.writtenKiB = DRBDText.unsigned(value)
        default: break
        }
    }

    static func applyConnection(_ key: Substring, _ value: Substring, to connection: inout DRBDConnection) {
        switch key {
        case "node-id": connection.peerNodeID = Int(value)
        case "connection": connection.state = DRBDConnectionState(spelling: value)
        case "role": connection.peerRole = DRBDRole(spelling: value)
        case "congested": connection.isCongested = DRBDText.flag(value)
        default: break
        }
    }

    static func applyPeerDevice(_ key: Substring, _ value: Substring, to peer: inout DRBDPeerDevice) {
        switch key {
        case "replication": peer.replication = DRBDReplicationState(spelling: value)
        case "peer-disk", "disk": peer.peerDisk = DRBDDiskState(spelling: value)
        case "peer-client": peer.peerIsClient = DRBDText.flag(value)
        case "resync-suspended": peer.resyncSuspendedReasons = DRBDText.reasons(value)
        case "out-of-sync": peer.outOfSyncKiB = DRBDText.unsigned(value)
        case "received": peer.receivedKiB = DRBDText.unsigned(value)
        case "sent": peer.sentKiB = DRBDText.unsigned(value)
        case "done": peer.sync = (peer.sync ?? DRBDSyncProgress()).with { $0.percentDone = DRBDText.decimal(value) }
        case "eta": peer.sync = (peer.sync ?? DRBDSyncProgress()).with { $0.etaSeconds = DRBDText.integer(value) }
        case "dbdt1":
            peer.sync = (peer.sync ?? DRBDSyncProgress()).with {
                $0.speedKiBPerSecond = DRBDText.decimal(value).flatMap { DRBDText.kibPerSecond(mibPerSecond: $0) }
            }
        default: break
        }
    }
}

extension DRBDSyncProgress {
    /// A copy changed by `change`.
    func with(_ change: (inout DRBDSyncProgress) -> Void) -> DRBDSyncProgress {
        var copy = self
        change(&copy)
        return copy
    }
}
