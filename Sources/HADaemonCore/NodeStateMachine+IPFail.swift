import HAProtocol

/// ipfail, done natively (Heartbeat 3.0.6's `contrib/ipfail/ipfail.c`, started by
/// `respawn hacluster /usr/lib/heartbeat/ipfail`).
///
/// When a ping node dies or comes back, and when the peer becomes active (ipfail's join), this
/// node sends the peer `t=num_ping_nodes num_ping=N` with the number of ping nodes it reaches.
/// The peer compares: seeing more, it answers `you_are_dead`; seeing fewer, it gives its groups
/// away; balanced, it answers `abort_giveup` and, with `auto_failback on`, gives back the
/// foreign groups it holds. A giveup waits two keepalives (ipfail's delay), is cancelled by
/// `abort_giveup`, is checked against the counts again when due, and is an ordinary standby
/// (`ask_resources rsc_hold=all|foreign info=me`). Messages carry ipfail's type and fields,
/// `from_id=ipfail to_id=ipfail` and `dest` as Heartbeat adds them, so a peer still running
/// Heartbeat and ipfail takes part. Log lines are ipfail's, prefixed `ipfail: `.
///
/// Better than ipfail: a giveup goes ahead only if the peer's last word (its count, or more than
/// ours) still beats what this node sees when the giveup falls due (ipfail acted on a stale
/// answer), and a failback only if the peer sees at least as many; a node that sees more cancels its
/// own pending giveup, nothing is given when nothing of the kind is held, and the wait for
/// stability re-asks at once instead of sleeping 10 s.
extension NodeStateMachine {
    /// ipfail runs: a respawn line names it, there are ping nodes to count and a peer to ask.
    var runsIPFail: Bool { config.runsIPFail && !config.pingNodes.isEmpty && !config.peers.isEmpty }

    /// The peer ipfail talks to: the last other normal node, as ipfail's node walk leaves it.
    var ipfailPeer: String? { config.peers.last }

    /// Ping nodes that answer (ipfail's `ping_node_status`).
    var reachablePingNodes: Int { config.pingNodes.filter { pingStatus[$0.name]?.status == .ping }.count }

    /// Acts on changes of ping-node and peer status, and on a giveup that fell due.
    mutating func checkIPFail(into effects: inout [NodeEffect]) {
        guard runsIPFail, let peer = ipfailPeer, resourceState != .shuttingDown, config.autoFailback != .legacy else {
            // Nothing will act on a giveup now: one left waiting would be a deadline for ever due.
            ipfail.pending = nil
            ipfail.needStandby = false
            ipfail.joined = false
            return refuseLegacyOnce(into: &effects)
        }
        for ping in config.pingNodes {
            let status = pingStatus[ping.name]?.status ?? .`init`
            guard status != (ipfail.seen[ping.name] ?? .`init`) else { continue }
            ipfail.seen[ping.name] = status
            pingNodeChanged(ping.name, to: status, into: &effects)
        }
        let peerActive = peers[peer]?.status == .active
        if peerActive, !ipfail.joined {
            ipfail.joined = true
            askPingNodes(into: &effects)
        } else if !(peers[peer]?.isAlive ?? false) {
            ipfail.joined = false
            ipfail.peerCount = nil
        }
        if let pending = ipfail.pending, now >= pending.due {
            ipfail.pending = nil
            giveUp(pending.what, into: &effects)
        }
        if ipfail.needStandby, isStable, peers[peer]?.stable == true {
            ipfail.needStandby = false
            askPingNodes(into: &effects)
        }
    }

    /// ipfail exits 100 in legacy mode, so Heartbeat does not respawn it: one line, then nothing.
    mutating func refuseLegacyOnce(into effects: inout [NodeEffect]) {
        guard runsIPFail, config.autoFailback == .legacy, !ipfail.refused else { return }
        ipfail.refused = true
        effects.append(.log(.error, "ipfail: auto_failback set to incompatible legacy option."))
    }

    /// ipfail's node- and link-status callbacks for a ping node.
    mutating func pingNodeChanged(_ node: String, to status: NodeStatus, into effects: inout [NodeEffect]) {
        switch status {
        case .dead:
            effects.append(.log(.info, "ipfail: Status update: Node \(node) now has status dead"))
            let count = reachablePingNodes
            effects.append(.log(.info, count > 0 ? "ipfail: NS: We are still alive!" : "ipfail: NS: We are dead. :<"))
            // Heartbeat reports the ping node's link dead too; ipfail asks from that callback.
            effects.append(.log(.info, "ipfail: Link Status update: Link \(node)/\(node) now has status dead"))
            if count > 0 {
                askPingNodes(into: &effects)
                effects.append(.log(.info, "ipfail: Checking remote count of ping nodes."))
            } else {
                effects.append(.log(.info, "ipfail: We are dead. :<"))
                askPingNodes(into: &effects)
            }
        case .ping:
            effects.append(.log(.info, "ipfail: Status update: Node \(node) now has status ping"))
            effects.append(.log(.info, "ipfail: A ping node just came up."))
            askPingNodes(into: &effects)
        default:
            break
        }
    }

    /// ipfail's `ask_ping_nodes`: tells the peer how many ping nodes this node reaches.
    mutating func askPingNodes(into effects: inout [NodeEffect]) {
        guard let peer = ipfailPeer, peers[peer]?.isAlive == true else { return }
        let count = reachablePingNodes
        effects.append(.log(.info, "ipfail: Asking other side for ping node count."))
        ipfail.toldCount = count
        send(Self.ipfailMessage("num_ping_nodes", to: peer, [("num_ping", String(count))]), into: &effects)
    }

    /// `num_ping_nodes`, `you_are_dead` and `abort_giveup` from the peer's ipfail.
    mutating func receivedIPFail(_ message: HAMessage, type: String, from src: String, into effects: inout [NodeEffect]) {
        guard runsIPFail, config.autoFailback != .legacy, src == ipfailPeer, resourceState != .shuttingDown else { return }
        switch type {
        case "num_ping_nodes":
            // ipfail sends at most four digits; anything else is not a count to act on.
            guard let text = message["num_ping"], text.count <= 4, let theirs = Int(text), (0...IPFailState.countLimit).contains(theirs)
            else { return }
            ipfail.peerCount = theirs
            let mine = reachablePingNodes
            if mine > theirs {
                effects.append(.log(.info, "ipfail: Telling other node that we have more visible ping nodes."))
                send(Self.ipfailMessage("you_are_dead", to: src, []), into: &effects)
                // Better connected than the peer: a giveup of ours would go the wrong way.
                if ipfail.pending != nil { abortGiveup(into: &effects) }
            } else if mine < theirs {
                effects.append(.log(.info, "ipfail: Giving up because we have less visible ping nodes."))
                delayGiveup(.all, into: &effects)
            } else {
                effects.append(.log(.info, "ipfail: Ping node count is balanced."))
                send(Self.ipfailMessage("abort_giveup", to: src, []), into: &effects)
                if ipfail.pending != nil {
                    abortGiveup(into: &effects)
                } else if config.autoFailback == .on, isStable, !heldForeignKeys.isEmpty {
                    effects.append(.log(.info, "ipfail: Giving up foreign resources (auto_failback)."))
                    delayGiveup(.foreign, into: &effects)
                }
            }
        case "you_are_dead":
            // The answer to our count: the peer sees more than we told it.
            guard let told = ipfail.toldCount else { return }
            ipfail.peerCount = max(ipfail.peerCount ?? 0, told + 1)
            effects.append(.log(.info, "ipfail: Giving up because we were told that we have less ping nodes."))
            delayGiveup(.all, into: &effects)
        case "abort_giveup":
            abortGiveup(into: &effects)
        default:
            break
        }
    }

    /// ipfail's `delay_giveup`: two keepalives, replacing a giveup already waiting.
    mutating func delayGiveup(_ what: IPFailState.Giveup, into effects: inout [NodeEffect]) {
        let delay = config.keepalive * 2
        effects.append(.log(.info, "ipfail: Delayed giveup in \(delay.milliseconds / 1000) seconds."))
        ipfail.lastTag &+= 1
        ipfail.pending = IPFailState.PendingGiveup(what: what, due: now + delay, tag: ipfail.lastTag)
    }

    mutating func abortGiveup(into effects: inout [NodeEffect]) {
        if let pending = ipfail.pending {
            effects.append(.log(.info, "ipfail: Aborted delayed giveup (\(pending.tag))"))
            ipfail.pending = nil
        } else {
            effects.append(.log(.info, "ipfail: No giveup timer to abort."))
        }
    }

    /// ipfail's `giveup`: a standby of `what`, once the counts still call for it.
    mutating func giveUp(_ what: IPFailState.Giveup, into effects: inout [NodeEffect]) {
        effects.append(.log(.info, "ipfail: giveup() called (timeout worked)"))
        guard isStable else {
            ipfail.needStandby = true
            return
        }
        let mine = reachablePingNodes
        switch what {
        case .all:
            guard let theirs = ipfail.peerCount, theirs > mine else {
                // Our count changed since we told it: compare again instead of acting on an old answer.
                return askPingNodes(into: &effects)
            }
            guard !heldKeys.isEmpty else { return }
            perform(.standby(.all), into: &effects)
        case .foreign:
            guard let theirs = ipfail.peerCount, theirs >= mine, !heldForeignKeys.isEmpty else { return }
            perform(.standby(.foreign), into: &effects)
        }
    }

    /// Groups held here whose home is another node.
    var heldForeignKeys: [String] {
        let mine = Set(config.groups(homedOn: config.me).map(\.key))
        return heldKeys.filter { !mine.contains($0) }
    }

    /// An ipfail message as Heartbeat sends it for its API client: the type, ipfail's fields,
    /// then `dest` (`sendnodemsg`) and the client ids Heartbeat's API adds.
    static func ipfailMessage(_ type: String, to peer: String, _ fields: [(String, String)]) -> HAMessage {
        HAMessage(strings: [("t", type)] + fields + [("dest", peer), ("from_id", "ipfail"), ("to_id", "ipfail")])
    }
}
