extension DRBDResource {
    /// Builds the one-volume, one-peer resource that DRBD 8.x sources describe per minor.
    ///
    /// `cs` is split into a connection and a replication state (`splitLegacyConnectionState`).
    /// `Unconfigured` becomes a Secondary, Diskless resource with one `Unconfigured` connection.
    static func legacy(
        name: String, minor: Int?, volume: Int = 0, connectionState cs: String, role: String?,
        peerRole: String?, disk: String?, peerDisk: String?
    ) -> DRBDResource {
        if cs == "Unconfigured" {
            return DRBDResource(
                name: name, role: .secondary, devices: [DRBDDevice(volume: volume, minor: minor, disk: .diskless)],
                connections: [DRBDConnection(state: .unconfigured)])
        }
        let (state, replication) = splitLegacyConnectionState(cs)
        let peerDevice = DRBDPeerDevice(
            volume: volume, replication: replication, peerDisk: peerDisk.map { DRBDDiskState(spelling: $0) } ?? .dUnknown)
        return DRBDResource(
            name: name, role: role.map { DRBDRole(spelling: $0) } ?? .unknown,
            devices: [DRBDDevice(volume: volume, minor: minor, disk: disk.map { DRBDDiskState(spelling: $0) } ?? .diskless)],
            connections: [
                DRBDConnection(
                    state: state, peerRole: peerRole.map { DRBDRole(spelling: $0) } ?? .unknown, peerDevices: [peerDevice])
            ])
    }

    /// Splits a DRBD 8.x `cs:` word into DRBD 9's connection and replication states.
    ///
    /// Connection-phase words (`StandAlone` ... `WFReportParams`) keep their spelling with
    /// replication `Off`; `Connected` becomes `Connected` + `Established`; sync/verify/congestion
    /// words become `Connected` + that replication state. DRBD 9's debugfs `proc_drbd` prints the
    /// replication state in `cs:` (`Established`, `Off`), handled the same way. An unknown word is
    /// kept in both fields.
    static func splitLegacyConnectionState(_ cs: some StringProtocol) -> (DRBDConnectionState, DRBDReplicationState) {
        let connection = DRBDConnectionState(spelling: cs)
        if connection.isKnown {
            return connection == .connected ? (.connected, .established) : (connection, .off)
        }
        let replication = DRBDReplicationState(spelling: cs)
        switch replication {
        case .off: return (.other(String(cs)), .off)
        case .other: return (connection, replication)
        default: return (.connected, replication)
        }
    }
}
