import HAProtocol

extension NodeStateMachine {
    /// Whether this node's resources are settled (what `isstable` and `rscstatus` report).
    var isStable: Bool {
        resourceState == .stable && standby == .idle && runningAction == nil && pendingActions.isEmpty
    }

    /// Keys of groups running or being started here, or that failed to stop (they may run).
    var heldKeys: [String] {
        config.groups.map(\.key).filter { mayRun($0) }
    }

    /// Whether group `key` is, or may be, running on this node.
    func mayRun(_ key: String) -> Bool {
        switch groupStates[key] {
        case .running, .starting, .failed: true
        default: false
        }
    }

    /// Groups among `keys` whose stop failed: they may still run here.
    func failedToStop(_ keys: [String]) -> [String] {
        keys.filter { if case .failed = groupStates[$0] { true } else { false } }
    }

    /// Starts the groups among `keys` that are not already running or starting, in file order.
    mutating func acquire(_ keys: [String], into effects: inout [NodeEffect]) {
        for key in config.groups.map(\.key) where keys.contains(key) {
            switch groupStates[key] {
            case .running, .starting: continue
            default: break
            }
            pendingActions.removeAll { $0.key == key }
            setGroupState(key, .starting)
            pendingActions.append((key, .start))
        }
        runNextAction(into: &effects)
    }

    /// Stops the groups among `keys` that run, start or failed here, in reverse file order.
    mutating func release(_ keys: [String], into effects: inout [NodeEffect]) {
        for key in config.groups.map(\.key).reversed() where keys.contains(key) {
            switch groupStates[key] {
            case .stopped, .stopping: continue
            default: break
            }
            let wasQueuedStart = pendingActions.contains { $0.key == key && $0.action == .start }
            pendingActions.removeAll { $0.key == key }
            if wasQueuedStart {
                setGroupState(key, .stopped)  // never started: nothing to undo
                continue
            }
            setGroupState(key, .stopping)
            pendingActions.append((key, .stop))
        }
        runNextAction(into: &effects)
    }

    mutating func setGroupState(_ key: String, _ state: GroupState) {
        if groupStates[key] != state { groupSince[key] = now }
        groupStates[key] = state
    }

    /// Hands the next queued action to the shell, or runs the completions when all are done.
    mutating func runNextAction(into effects: inout [NodeEffect]) {
        guard runningAction == nil else { return }
        if pendingActions.isEmpty {
            let completions = afterActions
            afterActions = []
            for completion in completions { complete(completion, into: &effects) }
            return
        }
        let next = pendingActions.removeFirst()
        runningAction = next
        runningActionSince = now
        effects.append(.runGroup(key: next.key, action: next.action))
    }

    /// Runs `completion` once every queued group action has finished.
    mutating func whenIdle(_ completion: Completion, into effects: inout [NodeEffect]) {
        afterActions.append(completion)
        runNextAction(into: &effects)
    }

    mutating func finished(key: String, action: GroupAction, succeeded: Bool, detail: String?, into effects: inout [NodeEffect]) {
        guard let running = runningAction, running.key == key, running.action == action else { return }
        runningAction = nil
        switch (action, succeeded) {
        case (.start, true):
            setGroupState(key, .running)
            lastErrors[key] = nil
            clearAlert("failed:\(key)")
        case (.stop, true):
            setGroupState(key, .stopped)
        case (.start, false):
            // Heartbeat gives the whole group up (spec §3.4); we do too, and say so loudly,
            // but do not bounce it to the peer behind the operator's back.
            lastErrors[key] = detail ?? "start failed"
            setGroupState(key, .failed(detail ?? "start failed"))
            raise(
                Alert(
                    kind: .resourceFailed, severity: .critical, message: "group \(key) failed to start on \(config.me)",
                    evidence: [detail ?? "start failed"], node: config.me, group: key), key: "failed:\(key)")
            effects.append(.log(.error, "Resource group \(key) failed to start; giving it up"))
            setGroupState(key, .stopping)
            pendingActions.insert((key, .stop), at: 0)
        case (.stop, false):
            lastErrors[key] = detail ?? "stop failed"
            setGroupState(key, .failed(detail ?? "stop failed"))
            raise(
                Alert(
                    kind: .resourceFailed, severity: .critical, message: "group \(key) failed to stop on \(config.me); it may still run",
                    evidence: [detail ?? "stop failed"], node: config.me, group: key), key: "failed:\(key)")
            effects.append(.log(.crit, "Resource STOP failure for \(key): it may still be running"))
            fallSilentToBeReset(failed: key, into: &effects)
        }
        runNextAction(into: &effects)
    }

    mutating func complete(_ completion: Completion, into effects: inout [NodeEffect]) {
        switch completion {
        case .announce(let info): announce(info: info, into: &effects)
        case .logLine(let level, let text): effects.append(.log(level, text))
        case .standbyReleased(let hold, let peer): standbyReleased(hold: hold, peer: peer, into: &effects)
        case .standbyAcquired(let hold, let peer): standbyAcquired(hold: hold, peer: peer, into: &effects)
        case .takeoverDone:
            effects.append(.log(.info, "mach_down takeover complete."))
            announce(info: "mach_down", into: &effects)
        case .handOver(let key, let message):
            guard failedToStop([key]).isEmpty else {
                return effects.append(
                    .log(.crit, "Not handing \(key) to \(message.dest ?? "the peer"): it failed to stop and may still be running"))
            }
            send(message, into: &effects)
        case .shutdownReleased:
            let stuck = failedToStop(config.groups.map(\.key))
            guard stuck.isEmpty else {
                // Heartbeat reboots the machine here; without fencing we neither reboot nor leave,
                // since leaving would hand the group to the peer while it may still run here.
                shutdownHalted = true
                effects.append(
                    .log(
                        .crit,
                        "Shutdown halted: resource group \(stuck.joined(separator: ", ")) failed to stop and may still be running; stop it by hand, then stop hadaemon again"
                    ))
                announce(info: nil, into: &effects)
                return
            }
            effects.append(.log(.info, "All HA resources relinquished."))
            send(.shutdownDone, into: &effects)
            exited = true
            effects.append(.exit)
        }
    }

    /// `t=resource rsc_hold=<holds> rtype=full isstable=<0|1> [info]`, plus the exact groups
    /// held (`hd_held`, indices into haresources) that Heartbeat ignores.
    mutating func announce(info: String?, into effects: inout [NodeEffect]) {
        guard config.autoFailback != .legacy || info == "shutdown" else { return }
        var message = HAMessage.resource(hold: holds.rawValue, isStable: isStable && resourceState != .shuttingDown, info: info)
        let held = config.groups.indices.filter { mayRun(config.groups[$0].key) }
        message["hd_held"] = held.isEmpty ? "-" : held.map(String.init).joined(separator: " ")
        send(message, into: &effects)
    }
}
