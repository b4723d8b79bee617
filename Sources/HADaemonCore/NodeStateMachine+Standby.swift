import HAProtocol

/// The three-phase standby exchange (spec §4.6.5). A is the node giving `hold` away (relative
/// to A), B the node taking it.
extension NodeStateMachine {
    /// A: ask the peer to take `hold`.
    mutating func beginStandby(_ hold: ResourceClass, into effects: inout [NodeEffect]) {
        effects.append(.log(.info, "\(config.me) wants to go standby [\(hold.rawValue)]"))
        standby = .asking(hold: hold, deadline: now + config.standbyReplyTimeout)
        send(.askResources(hold: hold.rawValue, info: "me"), into: &effects)
    }

    mutating func receivedAskResources(_ message: HAMessage, from src: String, into effects: inout [NodeEffect]) {
        let hold = message["rsc_hold"].flatMap(ResourceClass.init(rawValue:)) ?? .all
        switch message["info"] {
        case "me":
            // B: the peer wants to give `hold` (relative to it) to us.
            guard peers[src]?.stable == true else {
                return effects.append(.log(.info, "standby message [me] from \(src) ignored.  Other side is in flux."))
            }
            guard resourceState == .stable, standby == .idle, runningAction == nil else {
                return effects.append(.log(.info, "standby message [me] from \(src) ignored.  local resources in flux."))
            }
            effects.append(.log(.info, "\(src) wants to go standby [\(hold.rawValue)]"))
            standby = .accepting(hold: hold, peer: src)
            send(.askResources(hold: hold.rawValue, info: "other"), into: &effects)
        case "other":
            // A: the peer will take them; release.
            guard case .asking(let asked, _) = standby else {
                return effects.append(.log(.info, "Ignored standby message 'other' from \(src) in state \(standby)"))
            }
            effects.append(.log(.info, "standby: \(src) can take our \(asked.rawValue) resources"))
            standby = .releasing(hold: asked, peer: src)
            let keys = config.keys(of: asked, relativeTo: config.me)
            holds = holds.subtracting(asked)
            announce(info: "standby", into: &effects)
            effects.append(.log(.info, "give up \(asked.rawValue) HA resources (standby)."))
            release(keys, into: &effects)
            whenIdle(.standbyReleased(hold: asked, peer: src), into: &effects)
        case "done":
            switch standby {
            case .accepting(let given, let peer) where peer == src:
                // B: A released; acquire the same groups (A-local is B-foreign).
                effects.append(.log(.info, "standby: acquire [\(given.rawValue)] resources from \(src)"))
                standby = .acquiring(hold: given, peer: src)
                effects.append(.log(.info, "acquire \(given.rawValue) HA resources (standby)."))
                acquire(config.keys(of: given, relativeTo: src), into: &effects)
                whenIdle(.standbyAcquired(hold: given, peer: src), into: &effects)
            case .released(let given, let peer) where peer == src:
                // A: B has them.
                effects.append(.log(.info, "Other node completed standby takeover of \(given.rawValue) resources."))
                standby = .idle
                announce(info: nil, into: &effects)
            default:
                effects.append(.log(.info, "Ignored standby message 'done' from \(src) in state \(standby)"))
            }
        default:
            break
        }
    }

    /// A: released everything asked; tell B, unless a group failed to stop: then B must not take
    /// it while it may still run here, and the standby ends with our holdings announced.
    mutating func standbyReleased(hold: ResourceClass, peer: String, into effects: inout [NodeEffect]) {
        let stuck = failedToStop(config.keys(of: hold, relativeTo: config.me))
        guard stuck.isEmpty else {
            effects.append(
                .log(
                    .crit,
                    "Standby [\(hold.rawValue)] abandoned: \(stuck.joined(separator: ", ")) failed to stop and may still be running; not handed to \(peer)"
                ))
            standby = .idle
            for key in stuck {
                holds = holds.union(config.groups.first { $0.key == key }?.node == config.me ? .local : .foreign)
            }
            announce(info: "standby-failed", into: &effects)
            return
        }
        effects.append(.log(.info, "\(hold.rawValue) HA resource release completed (standby)."))
        standby = .released(hold: hold, peer: peer)
        needsFailback = false
        send(.askResources(hold: hold.rawValue, info: "done"), into: &effects)
        effects.append(.log(.info, "Local standby process completed [\(hold.rawValue)]."))
    }

    /// B: acquired what A gave; tell A and announce.
    mutating func standbyAcquired(hold: ResourceClass, peer: String, into effects: inout [NodeEffect]) {
        effects.append(.log(.info, "\(hold.rawValue) HA resource acquisition completed (standby)."))
        send(.askResources(hold: hold.rawValue, info: "done"), into: &effects)
        effects.append(.log(.info, "Standby resource acquisition done [\(hold.rawValue)]."))
        holds = holds.union(hold == .all ? .all : hold.mirrored)
        standby = .idle
        needsFailback = false
        announce(info: nil, into: &effects)
        if hold == .foreign {
            effects.append(.log(.info, "Initial resource acquisition complete (auto_failback)"))
        }
    }

    /// Operator commands.
    mutating func perform(_ command: NodeCommand, into effects: inout [NodeEffect]) {
        switch command {
        case .shutdown:
            beginShutdown(into: &effects)
        case .standby(let request):
            guard config.autoFailback != .legacy else {
                return effects.append(.log(.info, "Standby mode only implemented when nice_failback on"))
            }
            guard standby == .idle else {
                return effects.append(.log(.info, "Standby in progress- new request from \(config.me) ignored"))
            }
            guard config.peers.contains(where: { peers[$0]!.isAlive }) else {
                return effects.append(.log(.info, "Standby request ignored: no other node is up to take the resources"))
            }
            guard isStable else {
                return effects.append(.log(.info, "standby message [me] from \(config.me) ignored.  local resources in flux."))
            }
            beginStandby(ResourceClass(request: request), into: &effects)
        case .takeover(let request):
            guard config.autoFailback != .legacy else {
                return effects.append(.log(.info, "Standby mode only implemented when nice_failback on"))
            }
            send(.takeover(hold: request.rawValue), into: &effects)
        }
    }

    /// Clean stop: tell the peers, release right to left, then `shutdone` (spec §4.6.4).
    mutating func beginShutdown(into effects: inout [NodeEffect]) {
        if shutdownHalted {
            // The operator dealt with the group that would not stop: try its stop again.
            shutdownHalted = false
            effects.append(.log(.info, "Heartbeat shutdown resumed: stopping the groups that failed to stop."))
            release(failedToStop(config.groups.map(\.key)), into: &effects)
            whenIdle(.shutdownReleased, into: &effects)
            return
        }
        guard resourceState != .shuttingDown else { return }
        shutdownRequested = true
        effects.append(.log(.info, "Heartbeat shutdown in progress. (\(config.pid))"))
        resourceState = .shuttingDown
        standby = .idle
        holds = .none
        announce(info: "shutdown", into: &effects)
        effects.append(.log(.info, "Giving up all HA resources."))
        release(config.groups.map(\.key), into: &effects)
        whenIdle(.shutdownReleased, into: &effects)
    }
}
