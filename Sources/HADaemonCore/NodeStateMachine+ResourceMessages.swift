import HAProtocol

extension NodeStateMachine {
    mutating func receivedResourceMessage(_ message: HAMessage, type: String, from src: String, into effects: inout [NodeEffect]) {
        switch type {
        case "starting": receivedStarting(from: src, into: &effects)
        case "resource": receivedResource(message, from: src, into: &effects)
        case "ask_resources": receivedAskResources(message, from: src, into: &effects)
        case "hb_takeover":
            // The asker wants our resources: run our own standby with the mirrored class.
            // (Heartbeat maps `failback` to `all` here, a quirk; we give back its home groups.)
            let asked = message["rsc_hold"] ?? "all"
            let mine: ControlRequest.Resources =
                switch asked {
                case "local": .foreign
                case "foreign": .local
                case "failback": .foreign
                default: .all
                }
            effects.append(.log(.info, "\(src) asks to take over [\(asked)]: going standby [\(mine.rawValue)]"))
            if isStable && standby == .idle {
                perform(.standby(mine), into: &effects)
            } else {
                deferredStandby = (mine, now + config.standbyReplyTimeout)
            }
        case "shutdone": receivedShutdown(from: src, into: &effects)
        case "ip-request": receivedIPRequest(message, from: src, into: &effects)
        case "ip-request-resp":
            if message["dest"] == config.me, let key = message["ipaddr"], config.groups.contains(where: { $0.key == key }) {
                effects.append(.log(.info, "received ip-request-resp \(key) OK \(message["weown"] ?? "no")"))
                acquire([key], into: &effects)
            }
        default: break
        }
    }

    mutating func receivedStarting(from src: String, into effects: inout [NodeEffect]) {
        peers[src]!.stable = false
        peers[src]!.holds = .none
        peerHeldKeys[src] = []
        if !isStable, standby != .idle || runningAction != nil {
            effects.append(.log(.warn, "T_STARTING received during takeover."))
        }
        var reply = HAMessage.resource(hold: holds.rawValue, isStable: resourceState == .stable && isStable)
        let held = config.groups.indices.filter { heldKeys.contains(config.groups[$0].key) }
        reply["hd_held"] = held.isEmpty ? "-" : held.map(String.init).joined(separator: " ")
        send(reply, into: &effects)
        if resourceState == .starting { resourceState = .bothStarting }
    }

    mutating func receivedResource(_ message: HAMessage, from src: String, into effects: inout [NodeEffect]) {
        guard var peer = peers[src] else { return }
        let hold = message["rsc_hold"].flatMap(ResourceClass.init(rawValue:)) ?? .none
        let full = message["rtype"] == "full"
        let info = message["info"]
        if full || hold == .none { peer.holds = hold } else { peer.holds = peer.holds.union(hold) }
        if info == "shutdown" { peer.holds = .none }
        let theirGroups = groupsHeld(by: src, in: message, hold: peer.holds)
        peerHeldKeys[src] = theirGroups
        let becameStable = message["isstable"] == "1" && !peer.stable
        if let stable = message["isstable"] { peer.stable = stable == "1" }
        peers[src] = peer
        if info == "standby-failed", case .accepting(_, let giver) = standby, giver == src {
            effects.append(.log(.warn, "\(src) could not stop everything it offered (standby): it keeps its resources"))
            standby = .idle
        }
        if info == "partition" && !healing.contains(src) {
            // It saw us return before we saw it (or after we had reconciled): answer with our
            // holdings once, as an answer, never as a new question, so two heals cannot echo
            // each other forever.
            healing.insert(src)
            announce(info: "partition-ack", into: &effects)
        }
        if healing.contains(src) && full {
            reconcileAfterPartition(with: src, theirGroups: theirGroups, into: &effects)
        }
        switch resourceState {
        case .starting, .bothStarting: resourceState = .received(since: now)
        default: break
        }
        if becameStable {
            effects.append(.log(.info, "remote resource transition completed."))
            if resourceState == .stable { tryAutoFailback(to: src, into: &effects) }
        }
        if case .received = resourceState, peers[src]!.stable {
            resourceState = .stable
            requestOwnResources(forced: false, into: &effects)
            whenIdle(.logLine(.info, "Initial resource acquisition complete (T_RESOURCES(them))"), into: &effects)
            whenIdle(.announce(info: nil), into: &effects)
        }
    }

    /// With `auto_failback on`, give groups back to their returning, settled home node.
    mutating func tryAutoFailback(to peer: String, into effects: inout [NodeEffect]) {
        guard config.autoFailback == .on, needsFailback, isStable, holds.contains(.foreign), peers[peer]?.isAlive == true,
            heldKeys.contains(where: { key in config.groups.first { $0.key == key }?.node == peer }) || config.peers.count == 1
        else { return }
        beginStandby(.foreign, into: &effects)
    }

    mutating func receivedShutdown(from src: String, into effects: inout [NodeEffect]) {
        effects.append(.log(.info, "Received shutdown notice from '\(src)'."))
        peers[src]!.shutDown = true
        peers[src]!.stable = true
        peers[src]!.holds = .none
        peerHeldKeys[src] = []
        if case .accepting = standby { standby = .idle }
        guard resourceState != .shuttingDown, isSuccessor(of: src) else { return }
        effects.append(.log(.info, "Resources being acquired from \(src)."))
        holds = .all
        needsFailback = true
        if resourceState != .stable { resourceState = .stable }
        acquire(config.keys(of: .all, relativeTo: config.me), into: &effects)
        whenIdle(.takeoverDone(from: src), into: &effects)
    }

    // MARK: - Legacy mode (auto_failback legacy): ip-request / ip-request-resp

    mutating func requestOwnGroupsLegacy(alive: Bool, into effects: inout [NodeEffect]) {
        let mine = config.groups(homedOn: config.me).map(\.key).filter { !heldKeys.contains($0) }
        guard alive else {
            acquire(mine, into: &effects)
            whenIdle(.logLine(.info, "Local Resource acquisition completed."), into: &effects)
            return
        }
        for key in mine {
            send(HAMessage(strings: [("t", "ip-request"), ("ipaddr", key)]), into: &effects)
        }
    }

    mutating func receivedIPRequest(_ message: HAMessage, from src: String, into effects: inout [NodeEffect]) {
        guard let key = message["ipaddr"], config.groups.contains(where: { $0.key == key }) else { return }
        let weOwn = heldKeys.contains(key)
        if weOwn { release([key], into: &effects) }
        let reply = HAMessage(strings: [("t", "ip-request-resp"), ("dest", src), ("ipaddr", key), ("weown", weOwn ? "yes" : "no"), ("ok", "OK")])
        if weOwn {
            whenIdle(.handOver(key: key, reply), into: &effects)
        } else {
            send(reply, into: &effects)
        }
    }
}
