import HAProtocol

extension NodeStateMachine {
    /// A group failed to stop and may still run here (spec §3.3). Heartbeat reboots the machine
    /// (`Resource STOP failure. Reboot required!`) and the peer, seeing it dead with resources,
    /// resets it before taking them over. hadaemon does not reboot on its own: when a live peer has
    /// a device to reset this node with, it stops sending, so that peer declares it dead, resets
    /// it and then takes the group over — the group is never run twice and never left stranded.
    /// A watchdog, fed only by status sent, then also resets the node. Without such a peer the
    /// group stays `failed` here with the operator in charge, as before.
    mutating func fallSilentToBeReset(failed key: String, into effects: inout [NodeEffect]) {
        guard awaitingResetBy == nil,
            let fencer = config.peers.first(where: { config.resettableBy.contains($0) && peers[$0]?.isAlive == true })
        else { return }
        effects.append(.log(.crit, "Resource STOP failure. Reboot required!"))
        effects.append(
            .log(
                .crit,
                "Heartbeats stopped: \(fencer) is to reset this node before it takes \(key) over; restart hadaemon only after the group is stopped by hand"
            ))
        awaitingResetBy = fencer
        raise(
            Alert(
                kind: .resourceFailed, severity: .critical,
                message: "\(config.me) failed to stop \(key) and waits to be reset by \(fencer); it sends no heartbeats",
                evidence: ["CRIT: Resource STOP failure. Reboot required!"], node: config.me, group: key), key: "awaitingReset")
    }
}
