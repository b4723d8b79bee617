import HAProtocol

extension NodeStateMachine {
    /// Communication is up: find out who holds what (spec §4.6.2).
    mutating func startResourceNegotiation(into effects: inout [NodeEffect]) {
        let alive = config.peers.filter { peers[$0]!.isAlive }
        if config.autoFailback == .legacy {
            resourceState = .stable
            requestOwnGroupsLegacy(alive: !alive.isEmpty, into: &effects)
            return
        }
        if alive.isEmpty {
            resourceState = .stable
            requestOwnResources(forced: true, into: &effects)
        } else {
            resourceState = .starting
            send(.starting, into: &effects)
        }
    }

    /// Heartbeat's `req_our_resources`: take our own groups unless the peer already runs them.
    mutating func requestOwnResources(forced: Bool, into effects: inout [NodeEffect]) {
        let peerHoldsOurs = config.peers.contains { peers[$0]!.isAlive && peers[$0]!.holds.contains(.foreign) }
        if !forced && (peerHoldsOurs || holds.contains(.local)) && standby == .idle {
            effects.append(.log(.info, "Local Resource acquisition completed. (none)"))
            return
        }
        holds = holds.union(.local)
        let mine = config.groups(homedOn: config.me).map(\.key)
        if mine.isEmpty {
            effects.append(.log(.info, "No local resources [/usr/share/heartbeat/ResourceManager listkeys \(config.me)] to acquire."))
        }
        acquire(mine, into: &effects)
        whenIdle(.logLine(.info, "Local Resource acquisition completed."), into: &effects)
        whenIdle(.announce(info: "req_our_resources()"), into: &effects)
    }

    /// Whether this node takes over `dead`'s groups: the first live node in `ha.cf` order.
    func isSuccessor(of dead: String) -> Bool {
        config.nodes.first { $0 != dead && ($0 == config.me || peers[$0]?.isAlive == true) } == config.me
    }

    /// A peer was declared dead: take what it held and what is homed on it (spec §4.6.3).
    mutating func peerDied(_ name: String, hadResources: Bool, into effects: inout [NodeEffect]) {
        if case .asking = standby {
            effects.append(.log(.info, "Cancelling pending standby operation"))
            standby = .idle
        } else if standby != .idle {
            effects.append(.log(.info, "Cancelling pending standby operation"))
            standby = .idle
        }
        healing.remove(name)
        guard resourceState != .shuttingDown else {
            effects.append(.log(.info, "Resource takeover cancelled - shutdown in progress."))
            return
        }
        let fencing = hadResources && config.stonith != nil && isSuccessor(of: name)
        // Heartbeat tells the peers what it decided (`t=stonith`, spec §4.5): a reset's result
        // comes from fenceFinished; these are the two decisions that run no device.
        if hadResources && config.stonith == nil {
            effects.append(.log(.warn, "No STONITH device configured."))
            effects.append(.log(.warn, "Shared disks are not protected."))
            send(.stonith(node: name, result: "n_stnth"), into: &effects)
        } else if !hadResources {
            effects.append(.log(.info, "Dead node \(name) gave up resources."))
            send(.stonith(node: name, result: "unneeded"), into: &effects)
        }
        let peer = peers[name]!
        let peerHeld = peerHeldKeys[name] ?? []
        peers[name]!.holds = .none
        peerHeldKeys[name] = []
        guard isSuccessor(of: name) else { return }
        let theirs = config.keys(of: peer.holds.union(.local), relativeTo: name)
        if fencing, fenceBeforeTakeover(of: name, theirs: theirs, peerHeld: peerHeld, into: &effects) { return }
        takeOver(from: name, theirs: theirs, into: &effects)
    }

    /// Heartbeat's takeover (`Resources being acquired from NAME.`, then mach_down): the dead
    /// peer's groups and our own.
    mutating func takeOver(from name: String, theirs: [String], into effects: inout [NodeEffect]) {
        effects.append(.log(.info, "Resources being acquired from \(name)."))
        holds = holds.union(.foreign)
        needsFailback = true
        acquire(theirs, into: &effects)
        if config.autoFailback != .legacy || communicationUp { holds = holds.union(.local) }
        acquire(config.groups(homedOn: config.me).map(\.key), into: &effects)
        if !communicationUp || resourceState != .stable {
            whenIdle(.logLine(.info, "Initial resource acquisition complete (mach_down)"), into: &effects)
        }
        whenIdle(.takeoverDone(from: name), into: &effects)
    }

    /// A node we declared dead speaks again with the same generation: both sides ran everything.
    ///
    /// Heartbeat restarts both daemons (a full outage, observed §6). We reconcile instead: each
    /// group stays with its home node and the other releases it, so the address never vanishes.
    mutating func returningAfterPartition(_ name: String, into effects: inout [NodeEffect]) {
        effects.append(.log(.crit, "Cluster node \(name) returning after partition."))
        effects.append(.log(.info, "For information on cluster partitions, See URL: http://linux-ha.org/wiki/Split_Brain"))
        effects.append(.log(.warn, "Deadtime value may be too small."))
        effects.append(.log(.info, "See FAQ for information on tuning deadtime."))
        effects.append(.log(.info, "URL: http://linux-ha.org/wiki/FAQ#Heavy_Load"))
        peers[name]!.declaredDead = false
        peers[name]!.status = .active
        raise(
            Alert(
                kind: .splitBrain, severity: .critical, message: "\(name) returned after a partition; both nodes may hold the same groups",
                evidence: ["CRIT: Cluster node \(name) returning after partition."], node: name), key: "partition:\(name)")
        healing.insert(name)
        announce(info: "partition", into: &effects)
    }

    /// Keeps the groups homed here, releases the peer's, once both sides' holdings are known.
    mutating func reconcileAfterPartition(with name: String, theirGroups: Set<String>, into effects: inout [NodeEffect]) {
        healing.remove(name)
        let doubled = heldKeys.filter { theirGroups.contains($0) }
        let toRelease = doubled.filter { key in config.groups.first { $0.key == key }?.node != config.me }
        clearAlert("partition:\(name)")
        raise(
            Alert(
                kind: .splitBrain, severity: .info,
                message: doubled.isEmpty
                    ? "partition with \(name) healed; no group was held twice"
                    : "partition with \(name) healed; each group stays on its home node",
                evidence: doubled.map { "held by both: \($0)" }, node: name), key: "healed:\(name)")
        guard !toRelease.isEmpty else {
            announce(info: nil, into: &effects)
            return
        }
        effects.append(.log(.info, "Split brain with \(name) healed: releasing \(toRelease.joined(separator: ", ")) to its home node"))
        release(toRelease, into: &effects)
        if config.groups.filter({ $0.node != config.me }).allSatisfy({ !heldKeys.contains($0.key) }) {
            holds = holds.subtracting(.foreign)
        }
        // The end of the heal, which Heartbeat (it restarts instead) has no words for.
        whenIdle(.logLine(.info, "Split brain with \(name) healed: release of \(toRelease.joined(separator: ", ")) finished"), into: &effects)
        whenIdle(.announce(info: nil), into: &effects)
    }

    /// The groups `name` says it holds: exact when it sent `hd_held`, else from Heartbeat's class.
    func groupsHeld(by name: String, in message: HAMessage, hold: ResourceClass) -> Set<String> {
        if let held = message["hd_held"] {
            return Set(held.split(separator: " ").compactMap { Int($0) }.filter { config.groups.indices.contains($0) }.map { config.groups[$0].key })
        }
        return Set(config.keys(of: hold, relativeTo: name))
    }

    mutating func checkResourceTimers(into effects: inout [NodeEffect]) {
        if let deferred = deferredStandby {
            if isStable && standby == .idle {
                deferredStandby = nil
                perform(.standby(deferred.hold), into: &effects)
            } else if now >= deferred.until {
                deferredStandby = nil
                effects.append(.log(.info, "Takeover request dropped: resources still in flux after \(config.standbyReplyTimeout)"))
            }
        }
        if case .received(let since) = resourceState, now >= since + config.negotiationDelay {
            resourceState = .stable
            requestOwnResources(forced: false, into: &effects)
            effects.append(.log(.info, "local resource transition completed."))
            // Heartbeat logs the completion at once on this path, before the scripts finish.
            effects.append(.log(.info, "Initial resource acquisition complete (T_RESOURCES(us))"))
            whenIdle(.announce(info: nil), into: &effects)
        }
        if case .asking(_, let deadline) = standby, now >= deadline {
            effects.append(.log(.info, "No reply to standby request.  Standby request cancelled."))
            standby = .idle
        }
    }
}
