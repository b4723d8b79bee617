import HAProtocol

extension NodeStateMachine {
    /// Everything that is due at `now`: keepalives, dead peers and links, timers.
    mutating func checkDeadlines(into effects: inout [NodeEffect]) {
        guard !exited else { return }
        if now >= nextStatusAt {
            sendStatus(into: &effects)
            if !config.pingNodes.isEmpty { effects.append(.ping(config.pingNodes.flatMap(\.addresses))) }
            // An absolute grid, so sends do not drift; after a stall, restart the grid.
            nextStatusAt = nextStatusAt + config.keepalive
            if nextStatusAt <= now { nextStatusAt = now + config.keepalive }
        }
        for name in config.peers {
            adoptProvenRestart(of: name, into: &effects)
            checkLinks(of: name, into: &effects)
            checkPeerDeath(name, into: &effects)
            askForMissingPackets(from: name, into: &effects)
        }
        // Heartbeat's check_comm_isup: a peer counts once its status is no longer `init`. Merely
        // heard is not enough: 3.0.6's first status says `st=init`, and a peer still in `init` at
        // comm-up would be taken for absent (resources acquired alone instead of negotiated).
        if !communicationUp, config.peers.allSatisfy({ peers[$0]!.status != .`init` }) {
            communicationIsUp(into: &effects)
        }
        startNegotiationOncePeersListen(into: &effects)
        checkResourceTimers(into: &effects)
        checkPingNodes(into: &effects)
        startDueFences(into: &effects)
        checkIPFail(into: &effects)
    }

    mutating func pingReplied(from address: String, into effects: inout [NodeEffect]) {
        guard let node = config.pingNodes.first(where: { $0.addresses.contains(address) })?.name else { return }
        if pingStatus[node]?.status != .ping {
            effects.append(.log(.info, "Status update for node \(node): status ping"))
        }
        pingStatus[node] = (.ping, now)
    }

    mutating func checkPingNodes(into effects: inout [NodeEffect]) {
        for (node, ping) in pingStatus where ping.status != .dead {
            let silence = ping.lastReply.map { now - $0 } ?? (now - startedAt)
            let limit = ping.lastReply == nil ? max(config.deadping, config.initdead) : config.deadping
            if silence > limit {
                pingStatus[node] = (.dead, ping.lastReply)
                effects.append(.log(.warn, "node \(node): is dead"))
            }
        }
    }

    mutating func checkLinks(of name: String, into effects: inout [NodeEffect]) {
        guard var peer = peers[name] else { return }
        for (interface, heard) in peer.linkHeard where peer.linkUp[interface] == true && now - heard > deadInterval(for: peer) {
            peer.linkUp[interface] = false
            effects.append(.log(.info, "Link \(name):\(interface) dead."))
        }
        peers[name] = peer
    }

    mutating func checkPeerDeath(_ name: String, into effects: inout [NodeEffect]) {
        guard var peer = peers[name], peer.status != .dead else { return }
        let silentSince = peer.lastHeard ?? startedAt
        let interval = peer.lastHeard == nil ? config.initdead : deadInterval(for: peer)
        guard now - silentSince > interval else { return }
        peer.status = .dead
        peer.declaredDead = true
        peer.stable = true
        let hadResources = !peer.shutDown
        peer.missing = [:]
        peers[name] = peer
        effects.append(.log(.warn, "node \(name): is dead"))
        // Heartbeat's words say only "now"; ours give the silence, so a timeline can start the
        // detection at the last heartbeat instead of guessing it as deadtime.
        if let heard = peer.lastHeard { effects.append(.log(.info, "node \(name): last heartbeat heard \((now - heard).milliseconds) ms ago")) }
        peerDied(name, hadResources: hadResources, into: &effects)
    }

    mutating func communicationIsUp(into effects: inout [NodeEffect]) {
        communicationUp = true
        effects.append(.log(.info, "Comm_now_up(): updating status to active"))
        setOwnStatus(.active, into: &effects)
        negotiationPending = true
        startNegotiationOncePeersListen(into: &effects)
    }

    /// Starts the resource negotiation once no live peer is still `up`. A Heartbeat peer in `up`
    /// has not reached its own comm-up and drops resource messages (`process_resources` returns
    /// early): our `starting` would go unanswered until its 10 s RQSTDELAY, and in legacy mode
    /// our `ip-request` would be lost for good, leaving our own groups unstarted. Its status
    /// turns `active` at its comm-up, one packet later; a peer that dies instead is taken over.
    mutating func startNegotiationOncePeersListen(into effects: inout [NodeEffect]) {
        guard negotiationPending, config.peers.allSatisfy({ peers[$0]!.status == .active || peers[$0]!.status == .dead }) else { return }
        negotiationPending = false
        startResourceNegotiation(into: &effects)
    }

    /// Asks again for packets still missing, and gives up on ones asked for too often.
    mutating func askForMissingPackets(from name: String, into effects: inout [NodeEffect]) {
        guard var peer = peers[name], !peer.missing.isEmpty else { return }
        for seq in peer.missing.keys.sorted() {
            guard var gap = peer.missing[seq], gap.nextAsk <= now else { continue }
            if gap.attempts >= 10 || !peer.isAlive {
                peer.missing[seq] = nil
                effects.append(.log(.error, "Irretrievably lost packet: node \(name) seq \(seq)"))
                continue
            }
            gap.attempts += 1
            gap.nextAsk = now + config.retransmitDelay
            peer.missing[seq] = gap
            send(.retransmitRequest(to: name, first: seq, last: seq), into: &effects)
        }
        peers[name] = peer
    }
}
