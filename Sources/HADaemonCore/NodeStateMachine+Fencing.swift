import HAProtocol

extension NodeStateMachine {
    /// The peer `name` died holding (or maybe holding) resources and this node would take
    /// `theirs` over: with a device, reset it first (spec §4.6.3). Returns false when there is no
    /// device, so the caller takes over at once as Heartbeat does.
    ///
    /// Better than Heartbeat in a two-node partition: the node that holds the resources shoots
    /// at once, the other waits ``NodeCoreConfig/fencingDelay`` (Pacemaker's
    /// `priority-fencing-delay`), so the holder wins and the pair never shoots both nodes.
    mutating func fenceBeforeTakeover(
        of name: String, theirs: [String], peerHeld: Set<String>, into effects: inout [NodeEffect]
    ) -> Bool {
        guard let device = config.stonith else { return false }
        let delay = holdsPriority(over: name, peerHeld: peerHeld) ? Duration.zero : config.fencingDelay
        fences[name] = PendingFence(victim: name, device: device, phase: .waiting(until: now + delay), since: now, takeOver: theirs)
        if delay > .zero {
            effects.append(.log(.info, "Delaying STONITH of \(name) by \(delay.milliseconds) ms: it held resources, this node holds fewer"))
        }
        startDueFences(into: &effects)
        return true
    }

    /// Whether this node shoots first: it holds more groups than the peer did, or as many and
    /// its name sorts first (a fixed tie-break both nodes compute alike).
    func holdsPriority(over peer: String, peerHeld: Set<String>) -> Bool {
        let mine = heldKeys.count
        // Equal holdings, none included: exactly one of the two shoots at once, never both late.
        return mine > peerHeld.count || (mine == peerHeld.count && config.me < peer)
    }

    /// Starts every fence whose wait is over; drops those whose peer speaks again or that a
    /// clean stop made moot (nothing will be taken over).
    mutating func startDueFences(into effects: inout [NodeEffect]) {
        for name in fences.keys.sorted() {
            if cancelMootManualFence(name, into: &effects) { continue }
            guard var fence = fences[name], let due = fence.dueAt else { continue }
            if peers[name]?.isAlive == true || resourceState == .shuttingDown {
                fences[name] = nil
                effects.append(
                    .log(.info, "STONITH of \(name) cancelled: \(resourceState == .shuttingDown ? "shutdown in progress" : "it is heard again")."))
                continue
            }
            guard now >= due else { continue }
            // A reload may have fixed a failing device; one removed by a reload is still owed.
            fence.device = config.stonith ?? fence.device
            fence.phase = .running(since: now)
            fences[name] = fence
            effects.append(.log(.info, "Resetting node \(name) with [\(fence.device.type)]"))
            effects.append(.fence(node: name, device: fence.device))
            if fence.device.isManual { effects += Self.operatorRequest(for: name) }
        }
    }

    /// The shell's device run for `name` ended: take over after a confirmed reset, retry after a
    /// failure (Heartbeat's words and its 5 s), and tell the peers in Heartbeat's `t=stonith`.
    mutating func fenceFinished(_ name: String, result: FenceResult, detail: String?, into effects: inout [NodeEffect]) {
        guard var fence = fences[name], case .running(let since) = fence.phase else { return }
        record(FinishedFence(victim: name, device: fence.device.type, result: result, duration: now - since, at: now, detail: detail))
        send(.stonith(node: name, result: result.rawValue), into: &effects)
        guard result == .ok else {
            fence.failures += 1
            fence.lastFailure = detail ?? result.rawValue
            fence.phase = .retrying(at: now + config.fenceRetryInterval)
            fences[name] = fence
            effects.append(.log(.error, "STONITH of \(name) failed.  Retrying..."))
            return
        }
        fences[name] = nil
        effects.append(.log(.info, "node \(name) now reset."))
        guard resourceState != .shuttingDown else {
            effects.append(.log(.info, "Resource takeover cancelled - shutdown in progress."))
            return
        }
        takeOver(from: name, theirs: fence.takeOver, into: &effects)
    }
}

/// One finished device run, kept for the snapshot's fencing history.
struct FinishedFence: Sendable {
    var victim: String
    var device: String
    var result: FenceResult
    var duration: Duration
    var at: MonotonicTime
    var detail: String?
    /// The node that ran the device when it was not this one (from its `t=stonith`).
    var fencer: String? = nil
}

extension NodeStateMachine {
    /// Keeps the last 20 fences for the snapshot.
    mutating func record(_ fence: FinishedFence) {
        fenceHistory.append(fence)
        if fenceHistory.count > 20 { fenceHistory.removeFirst(fenceHistory.count - 20) }
    }

    /// A peer's `t=stonith node=VICTIM result=R` (Heartbeat's or ours): logged, and a device
    /// run (`OK`, `bad`, `badhost`) is kept in the history under the peer's name. Heartbeat
    /// itself neither logs nor keeps it; an operator reading this node's console should still see
    /// that the peer reset someone. A victim that is not a configured node or an unknown result
    /// is ignored.
    mutating func receivedStonith(_ message: HAMessage, from src: String, into effects: inout [NodeEffect]) {
        guard let victim = message["node"]?.lowercased(), config.nodes.contains(victim), let word = message["result"] else { return }
        switch word {
        case "n_stnth":
            effects.append(.log(.warn, "\(src) takes over \(victim)'s resources without STONITH: no device configured there"))
        case "unneeded":
            effects.append(.log(.info, "STONITH of \(victim) by \(src): not needed"))
        default:
            guard let result = FenceResult(rawValue: word) else { return }
            effects.append(.log(result == .ok ? .info : .warn, "STONITH of \(victim) by \(src): \(word)"))
            let device = config.cluster.haCF.stonithDevice(for: src)?.type ?? "unknown"
            record(
                FinishedFence(
                    victim: victim, device: device, result: result, duration: .zero, at: now, detail: "reported by \(src)'s t=stonith",
                    fencer: src))
        }
    }
}
