#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Parses `drbdsetup status --json` (DRBD 9) into a `DRBDStatus`.
///
/// Every key is optional (the field set grew with drbd-utils releases); counters are 64-bit;
/// `rs-total` (sectors) becomes `totalKiB`, `out-of-sync` the remaining KiB of a resync, and the
/// ETA sentinel 987654321 ("no progress") becomes a nil ETA and `isStalled`. Input that is not JSON
/// throws `DRBDStatusJSONError.notJSON`; JSON of the wrong shape gives a partial status and problems.
public enum DRBDStatusJSONParser {
    /// Parses the UTF-8 bytes of the output.
    public static func parse(_ data: Data) throws(DRBDStatusJSONError) -> DRBDParseResult {
        let root: DRBDJSONValue
        do {
            root = try JSONDecoder().decode(DRBDJSONValue.self, from: data)
        } catch {
            throw .notJSON(String(describing: error).prefix(200).description)
        }
        guard let resources = root.array else {
            return DRBDParseResult(status: DRBDStatus(), problems: [DRBDParseProblem(line: 0, message: "expected a JSON array of resources")])
        }
        var problems: [DRBDParseProblem] = []
        var status = DRBDStatus()
        for (index, value) in resources.enumerated() {
            guard let name = value["name"]?.string else {
                problems.append(DRBDParseProblem(line: 0, message: "resource \(index) has no name"))
                continue
            }
            status.resources.append(resource(name: name, value))
        }
        return DRBDParseResult(status: status, problems: problems)
    }

    /// Parses the output as text.
    public static func parse(_ text: String) throws(DRBDStatusJSONError) -> DRBDParseResult {
        try parse(Data(text.utf8))
    }

    /// The `estimated-seconds-to-finish` drbdsetup prints when no progress is being made.
    static let noProgressSentinel = 987_654_321

    static func resource(name: String, _ value: DRBDJSONValue) -> DRBDResource {
        var resource = DRBDResource(name: name, role: value["role"]?.string.map { DRBDRole(spelling: $0) } ?? .unknown)
        resource.nodeID = value["node-id"]?.int.flatMap { $0 >= 0 ? $0 : nil }
        resource.ioSuspended = value["suspended"]?.bool
        resource.suspendReasons = ["user", "no-data", "fencing", "quorum"].filter { value["suspended-\($0)"]?.bool == true }
        resource.writeOrdering = value["write-ordering"]?.string
        for device in value["devices"]?.array ?? [] {
            var model = DRBDDevice(volume: device["volume"]?.int ?? 0, minor: device["minor"]?.int)
            model.disk = device["disk-state"]?.string.map { DRBDDiskState(spelling: $0) } ?? .diskless
            model.isClient = device["client"]?.bool
            model.isOpen = device["open"]?.bool
            model.hasQuorum = device["quorum"]?.bool
            model.sizeKiB = device["size"]?.unsigned
            model.readKiB = device["read"]?.unsigned
            model.writtenKiB = device["written"]?.unsigned
            resource.devices.append(model)
        }
        for connection in value["connections"]?.array ?? [] {
            var model = DRBDConnection(name: connection["name"]?.string, peerNodeID: connection["peer-node-id"]?.int)
            model.state = connection["connection-state"]?.string.map { DRBDConnectionState(spelling: $0) } ?? .standAlone
            model.peerRole = connection["peer-role"]?.string.map { DRBDRole(spelling: $0) } ?? .unknown
            model.isCongested = connection["congested"]?.bool
            model.peerDevices = (connection["peer_devices"]?.array ?? []).map(peerDevice)
            resource.connections.append(model)
        }
        return resource
    }

    static func peerDevice(_ value: DRBDJSONValue) -> DRBDPeerDevice {
        var model = DRBDPeerDevice(volume: value["volume"]?.int ?? 0)
        model.replication = value["replication-state"]?.string.map { DRBDReplicationState(spelling: $0) } ?? .off
        model.peerDisk = value["peer-disk-state"]?.string.map { DRBDDiskState(spelling: $0) } ?? .dUnknown
        model.peerIsClient = value["peer-client"]?.bool
        model.resyncSuspendedReasons = value["resync-suspended"]?.string.map { DRBDText.reasons($0) } ?? []
        model.outOfSyncKiB = value["out-of-sync"]?.unsigned
        model.receivedKiB = value["received"]?.unsigned
        model.sentKiB = value["sent"]?.unsigned
        let percent = value["percent-resync-done"]?.double
        if model.replication.isResyncing || percent != nil {
            var sync = DRBDSyncProgress(percentDone: percent, isVerify: value["has-online-verify-details"]?.bool == true)
            if value["has-sync-details"]?.bool == true {
                sync.totalKiB = value["rs-total"]?.unsigned.map { $0 / 2 }
                sync.remainingKiB = model.outOfSyncKiB
            }
            if let eta = value["estimated-seconds-to-finish"]?.int {
                if eta == noProgressSentinel { sync.isStalled = true } else { sync.etaSeconds = eta }
            }
            sync.speedKiBPerSecond = value["db1/dt1 [MiB/s]"]?.double.flatMap { DRBDText.kibPerSecond(mibPerSecond: $0) }
            sync.averageKiBPerSecond = value["db/dt [MiB/s]"]?.double.flatMap { DRBDText.kibPerSecond(mibPerSecond: $0) }
            sync.wantKiBPerSecond = value["want"]?.double.flatMap { DRBDText.kibPerSecond(mibPerSecond: $0) }
            model.sync = sync
        }
        return model
    }
}
