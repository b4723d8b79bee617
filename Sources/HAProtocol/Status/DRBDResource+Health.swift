extension DRBDResource {
    /// True when DRBD itself reported a split brain on a connection of this resource (events2
    /// `helper:split-brain`, events v1 `UH split-brain`) that has not healed since.
    public var isSplitBrainReported: Bool {
        connections.contains { $0.splitBrainReported }
    }

    /// True when this node alone shows the marks a split brain leaves: a reported split brain, or
    /// a connection in StandAlone whose peer role is Unknown (DRBD drops a split connection to
    /// StandAlone). An administrative `disconnect` looks the same, so this is a suspicion.
    public var isSplitBrainSuspect: Bool {
        isSplitBrainReported || connections.contains { $0.state == .standAlone && $0.peerRole == .unknown }
    }

    /// True when this node is Primary and a peer reports Primary too (`Primary/Primary`): legal
    /// only with `allow-two-primaries` and a cluster file system.
    public var isDualPrimary: Bool {
        role == .primary && connections.contains { $0.peerRole == .primary }
    }

    /// True when this node is Primary while a configured peer is not connected: writes here are
    /// not replicated, and if the peer is Primary too the data is diverging right now.
    public var isPrimaryWithDisconnectedPeer: Bool {
        role == .primary && connections.contains { $0.state != .connected && $0.state != .unconfigured }
    }

    /// True while any volume resyncs or verifies towards any peer.
    public var isResyncing: Bool {
        connections.contains { $0.peerDevices.contains { $0.replication.isResyncing } }
    }

    /// True when any peer reports out-of-sync data (KiB > 0) for any volume.
    public var hasOutOfSyncData: Bool {
        connections.contains { $0.peerDevices.contains { ($0.outOfSyncKiB ?? 0) > 0 } }
    }

    /// True when nothing needs attention: a known role, I/O not suspended, every local disk
    /// UpToDate (or Diskless on a declared client) with quorum, every connection Connected, every
    /// volume Established with the peer disk UpToDate (or a diskless peer client), and no
    /// reported split brain.
    public var isHealthy: Bool {
        guard role == .primary || role == .secondary, ioSuspended != true, !isSplitBrainReported else { return false }
        let disksGood = devices.allSatisfy {
            ($0.disk == .upToDate || ($0.disk == .diskless && $0.isClient == true)) && $0.hasQuorum != false
        }
        let peersGood = connections.allSatisfy { connection in
            connection.state == .connected
                && connection.peerDevices.allSatisfy {
                    $0.replication == .established
                        && ($0.peerDisk == .upToDate || ($0.peerDisk == .diskless && $0.peerIsClient == true))
                }
        }
        return disksGood && peersGood
    }
}
