extension DRBDStatus {
    /// Folds one `drbdsetup events2` line into this status and returns the parsed line.
    ///
    /// `exists`/`create`/`change` create missing objects and set only the keys present (a
    /// `change` carries only what changed); `destroy` removes the object; `rename` renames a
    /// resource; `call helper ... helper:split-brain` marks the connection `splitBrainReported`,
    /// which clears once that connection is Connected and every volume Established with both
    /// disks UpToDate. `path` lines and unknown keys are accepted and ignored. A resync's
    /// progress is dropped when the replication state leaves the sync states. A malformed line
    /// changes nothing and returns the problem. After a restart of the stream (an overrun), start
    /// from an empty status: the new `exists` dump is complete.
    @discardableResult
    public mutating func apply(events2Line text: some StringProtocol) -> Result<DRBDEvents2Line, DRBDParseProblem> {
        do {
            let line = try DRBDEvents2Line(parsing: text)
            try apply(line)
            return .success(line)
        } catch {
            return .failure(error)
        }
    }

    /// Folds one parsed events2 line into this status; see `apply(events2Line:)`.
    public mutating func apply(_ line: DRBDEvents2Line) throws(DRBDParseProblem) {
        if line.object == "-" { return }
        guard let name = line["name"] else { throw Self.problem("events2 line without name:", line) }
        switch line.object {
        case "resource": applyResourceEvent(line, name: name)
        case "device": try applyDeviceEvent(line, name: name)
        case "connection", "peer-device", "helper": try applyConnectionEvent(line, name: name)
        case "path": return
        default: throw Self.problem("unknown events2 object", line)
        }
    }

    private static func problem(_ message: String, _ line: DRBDEvents2Line) -> DRBDParseProblem {
        DRBDParseProblem(line: 0, message: message, text: "\(line.action.rawValue) \(line.object)")
    }

    private mutating func applyResourceEvent(_ line: DRBDEvents2Line, name: String) {
        switch line.action {
        case .destroy:
            resources.removeAll { $0.name == name }
        case .rename:
            if let index = resourceIndex(named: name), let newName = line["new_name"] { resources[index].name = newName }
        default:
            let index = resourceIndexCreatingIfMissing(named: name)
            for field in line.fields {
                DRBDStatusFields.applyResource(field.key[...], field.value[...], to: &resources[index])
            }
        }
    }

    private mutating func applyDeviceEvent(_ line: DRBDEvents2Line, name: String) throws(DRBDParseProblem) {
        guard let volume = line["volume"].flatMap({ Int($0) }) else { throw Self.problem("device without volume:", line) }
        if line.action == .destroy {
            if let index = resourceIndex(named: name) { resources[index].devices.removeAll { $0.volume == volume } }
            return
        }
        let r = resourceIndexCreatingIfMissing(named: name)
        let d = resources[r].deviceIndexCreatingIfMissing(volume: volume)
        for field in line.fields where field.key != "volume" {
            DRBDStatusFields.applyDevice(field.key[...], field.value[...], to: &resources[r].devices[d])
        }
        clearHealedSplitBrain(resource: r)
    }

    /// Connection, peer-device and helper lines: all name a connection by peer-node-id/conn-name.
    private mutating func applyConnectionEvent(_ line: DRBDEvents2Line, name: String) throws(DRBDParseProblem) {
        let peerNodeID = line["peer-node-id"].flatMap { Int($0) }
        let connectionName = line["conn-name"]
        let volume = line["volume"].flatMap { Int($0) }
        if line.object == "helper" {
            guard line.isSplitBrainHelperCall else { return }
            let r = resourceIndexCreatingIfMissing(named: name)
            if peerNodeID == nil, connectionName == nil {
                for c in resources[r].connections.indices { resources[r].connections[c].splitBrainReported = true }
            } else {
                let c = resources[r].connectionIndexCreatingIfMissing(name: connectionName, peerNodeID: peerNodeID)
                resources[r].connections[c].splitBrainReported = true
            }
            return
        }
        guard peerNodeID != nil || connectionName != nil else { throw Self.problem("connection without peer-node-id: or conn-name:", line) }
        if line.object == "peer-device", volume == nil { throw Self.problem("peer device without volume:", line) }
        if line.action == .destroy {
            guard let r = resourceIndex(named: name) else { return }
            let c = resources[r].connectionIndexCreatingIfMissing(name: connectionName, peerNodeID: peerNodeID)
            if let volume {
                resources[r].connections[c].peerDevices.removeAll { $0.volume == volume }
            } else {
                resources[r].connections.remove(at: c)
            }
            return
        }
        let r = resourceIndexCreatingIfMissing(named: name)
        let c = resources[r].connectionIndexCreatingIfMissing(name: connectionName, peerNodeID: peerNodeID)
        if let volume {
            let p = resources[r].connections[c].peerDeviceIndexCreatingIfMissing(volume: volume)
            for field in line.fields {
                DRBDStatusFields.applyPeerDevice(field.key[...], field.value[...], to: &resources[r].connections[c].peerDevices[p])
            }
            let replication = resources[r].connections[c].peerDevices[p].replication
            if !replication.isResyncing, line["done"] == nil {
                resources[r].connections[c].peerDevices[p].sync = nil
            }
        } else {
            for field in line.fields where field.key != "name" {
                DRBDStatusFields.applyConnection(field.key[...], field.value[...], to: &resources[r].connections[c])
            }
        }
        clearHealedSplitBrain(resource: r)
    }

    /// A reported split brain is over once the connection is Connected, every volume
    /// Established, and both disks UpToDate (SPLITBRAIN.md §5).
    private mutating func clearHealedSplitBrain(resource r: Int) {
        let localUpToDate = resources[r].devices.allSatisfy { $0.disk == .upToDate }
        for c in resources[r].connections.indices where resources[r].connections[c].splitBrainReported {
            let connection = resources[r].connections[c]
            let healed =
                localUpToDate && connection.state == .connected && !connection.peerDevices.isEmpty
                && connection.peerDevices.allSatisfy { $0.replication == .established && $0.peerDisk == .upToDate }
            if healed { resources[r].connections[c].splitBrainReported = false }
        }
    }
}
