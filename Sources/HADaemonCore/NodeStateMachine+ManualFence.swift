import HAProtocol

/// Manual fencing (cluster-glue's `meatware`): the device is a person. The plugin logs that an
/// operator must reset the node and waits, with no deadline, until `meatclient -c NODE` writes
/// to its FIFO; only then does `stonith` exit 0 and the takeover follow. The operator may run
/// `meatclient` by hand or ask the daemon through the control socket (`confirm-fence`), which
/// runs it for them after the same check.
extension NodeStateMachine {
    /// What the plugin says when it starts waiting, in its own words: Heartbeat ran the plugin
    /// inside its own process, so these two CRIT lines were in ha-log; `stonith` run as a command
    /// prints them nowhere, so the core writes them.
    static func operatorRequest(for victim: String) -> [NodeEffect] {
        [
            .log(.crit, "OPERATOR INTERVENTION REQUIRED to reset \(victim)."),
            .log(.crit, "Run \"meatclient -c \(victim)\" AFTER power-cycling the machine."),
        ]
    }

    /// Answers `confirm-fence`: an operator checked that `request.node`, a dead peer this node
    /// is fencing with meatware, is powered off or disconnected. Accepted only while that reset
    /// runs and waits for a human; then the shell runs `meatclient -c NODE` and the device's own
    /// run ends the fence as any device's does (``fenceFinished(_:result:detail:into:)``).
    mutating func confirmFence(_ request: ControlRequest, from requester: ControlRequester, into effects: inout [NodeEffect]) {
        func refuse(_ code: ControlError.Code, _ message: String) {
            effects.append(.answer(.failure(id: request.id, ControlError(code, message))))
        }
        guard requester.mayChange else { return refuse(.forbidden, "changes need root or the haclient group") }
        guard let victim = request.node?.lowercased(), !victim.isEmpty else {
            return refuse(.badRequest, "confirm-fence must name the node that is off (\"node\":\"NAME\")")
        }
        guard victim != config.me else {
            return refuse(.wrongNode, "this is \(victim): a node cannot confirm its own reset; ask the node that fences it")
        }
        guard let fence = fences[victim] else {
            let owed = fences.keys.sorted()
            let others = owed.isEmpty ? "" : " (it owes a reset to \(owed.joined(separator: ", ")))"
            return refuse(.notReady, "\(config.me) is not fencing \(victim)\(others): nothing to confirm")
        }
        guard fence.device.isManual else {
            return refuse(
                .badRequest, "\(config.me) resets \(victim) with \(fence.device.type), not meatware: the device confirms, not a person")
        }
        guard case .running = fence.phase else {
            return refuse(.notReady, "the reset of \(victim) has not asked for a human yet; confirm once the console shows it waiting")
        }
        let reason = request.reason.map { ", reason: \($0)" } ?? ""
        effects.append(.log(.info, "confirm-fence [\(victim)] requested by \(requester.name)\(reason)"))
        effects.append(.confirmFence(node: victim))
        effects.append(
            .answer(
                ControlResponse(
                    id: request.id,
                    message: "\(config.me) confirms the reset of \(victim) (meatclient -c \(victim)); it takes over once meatware reports it")))
    }

    /// Drops a meatware reset that waits for a person once the peer is heard again (it was
    /// rebooted, or the partition healed) or this node shuts down, and kills its run: a device
    /// ends within `--stonith-timeout`, but a person may confirm an hour later, and taking over
    /// from a live peer then would run its groups twice. Returns true when it dropped one.
    mutating func cancelMootManualFence(_ name: String, into effects: inout [NodeEffect]) -> Bool {
        guard let fence = fences[name], fence.device.isManual, case .running = fence.phase else { return false }
        let heard = peers[name]?.isAlive == true
        guard heard || resourceState == .shuttingDown else { return false }
        fences[name] = nil
        effects.append(.cancelFence(node: name))
        effects.append(.log(.info, "STONITH of \(name) cancelled: \(heard ? "it is heard again" : "shutdown in progress")."))
        return true
    }

    /// The alert for a reset that waits for a person: critical, since nothing moves until one acts.
    func manualFenceAlert(_ fence: PendingFence, at now: MonotonicTime) -> Alert {
        let seconds = (now - fence.since).milliseconds / 1000
        return Alert(
            kind: .nodeDead, severity: .critical,
            message: "\(fence.victim) is dead and its reset waits for a human: check it is off, then confirm the fence",
            evidence: [
                "OPERATOR INTERVENTION REQUIRED to reset \(fence.victim).",
                "confirm with: hadaemon fence confirm \(fence.victim)  (or meatclient -c \(fence.victim)); waiting \(seconds) s",
            ],
            node: fence.victim)
    }
}
