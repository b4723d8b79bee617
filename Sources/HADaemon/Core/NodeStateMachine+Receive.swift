import HAProtocol

extension NodeStateMachine {
    /// A verified message: liveness, ordering and replay checks, then dispatch by type (spec §5.5).
    mutating func receive(_ message: HAMessage, link: String, into effects: inout [NodeEffect]) {
        guard let src = message.src, let type = message.type else { return drop("malformed", from: "?", into: &effects) }
        if src == config.me { return }  // our own packets looped back over ucast-to-self or broadcast
        guard var peer = peers[src] else { return drop("unknown node", from: src, into: &effects) }
        if message.isUnsequenced == false, let generation = message.hg, let known = peer.generation, generation < known {
            return drop(
                "replay", from: src, into: &effects,
                detail: "should_drop_message: attempted replay attack [\(src)]? [gen = \(generation), curgen = \(known)]")
        }
        // Liveness: any authenticated packet, even a duplicate, proves the node and the link.
        let wasDead = peer.status == .dead
        peer.lastHeard = now
        peer.linkHeard[link] = now
        if peer.linkUp[link] != true {
            peer.linkUp[link] = true
            effects.append(.log(.info, "Link \(src):\(link) up."))
        }
        if let uuid = message.srcUUID { peer.uuid = uuid }
        var isNew = true
        // Any packet carries the sender's generation, not only status: after a healed cut the first
        // packet from the peer is often a retransmission request or an ack, and it must not revive
        // the peer silently (that hid the partition from this side).
        if let generation = message.hg {
            if let known = peer.generation, generation > known {
                if known != 0 { effects.append(.log(.info, "Heartbeat restart on node \(src)")) }
                peer.lastSeq = nil
                peer.missing = [:]
                peer.holds = .none
                peer.stable = false
                peer.shutDown = false
                peer.declaredDead = false
            } else if wasDead, peer.declaredDead, peer.generation == generation {
                peers[src] = peer
                returningAfterPartition(src, into: &effects)
                peer = peers[src]!
            }
            peer.generation = generation
        }
        if !message.isUnsequenced, let seq = message.seq {
            isNew = accept(seq: seq, peer: &peer, into: &effects)
        }
        peers[src] = peer
        if wasDead && peers[src]!.status == .dead { peers[src]!.status = .up }
        guard isNew else { return }
        if let dest = message.dest, dest != config.me { return }
        dispatch(message, type: type, from: src, into: &effects)
    }

    /// Sequence tracking; returns false for duplicates (spec §5.5 rule 4).
    mutating func accept(seq: UInt64, peer: inout PeerState, into effects: inout [NodeEffect]) -> Bool {
        guard let last = peer.lastSeq else {
            peer.lastSeq = seq
            return true
        }
        if seq == last + 1 {
            peer.lastSeq = seq
            if seq % 10 == peer.ackResidue { send(.ack(to: peer.name, seq: seq), into: &effects) }
            return true
        }
        if seq > last + 1 {
            let lost = seq - last - 1
            if lost > 250 {
                effects.append(.log(.error, "lost a lot of packets!"))
                peer.missing = [:]
            } else {
                effects.append(.log(.warn, "\(lost) lost packet(s) for [\(peer.name)] [\(last):\(seq)]"))
                for gap in (last + 1)..<seq {
                    peer.missing[gap] = (firstAsked: now, nextAsk: now + .milliseconds(min(50, config.keepalive.milliseconds / 2 + 1)), attempts: 0)
                }
            }
            peer.lastSeq = seq
            return true
        }
        if peer.missing.removeValue(forKey: seq) != nil {
            if peer.missing.isEmpty { effects.append(.log(.info, "No pkts missing from \(peer.name)!")) }
            return true
        }
        return false
    }

    mutating func dispatch(_ message: HAMessage, type: String, from src: String, into effects: inout [NodeEffect]) {
        switch type {
        case "status": receivedStatus(message, from: src, into: &effects)
        case "reqnodes": send(.nodeListReply(to: src, nodes: config.nodes), into: &effects)
        case "NS_rexmit": retransmit(message, to: src, into: &effects)
        case "NS_nak_rexmit":
            if let seq = message["firstseq"].flatMap({ UInt64($0, radix: 16) }) {
                peers[src]?.missing[seq] = nil
                effects.append(.log(.error, "Irretrievably lost packet: node \(src) seq \(seq)"))
            }
        case "starting", "resource", "ask_resources", "hb_takeover", "shutdone", "ip-request", "ip-request-resp":
            receivedResourceMessage(message, type: type, from: src, into: &effects)
        default: break  // NS_ackmsg, repnodes, stonith, client messages: nothing to decide
        }
    }

    mutating func receivedStatus(_ message: HAMessage, from src: String, into effects: inout [NodeEffect]) {
        guard var peer = peers[src] else { return }
        if let previous = peer.lastStatus {
            let gap = now - previous
            if gap > config.deadtime {
                effects.append(.log(.crit, "Late heartbeat: Node \(src): interval \(gap.milliseconds) ms (> deadtime)"))
            } else if gap > config.warntime {
                effects.append(.log(.warn, "Late heartbeat: Node \(src): interval \(gap.milliseconds) ms"))
            }
        }
        peer.lastStatus = now
        if let dt = message["dt"].flatMap({ Int64($0, radix: 16) }) { peer.advertisedDeadtime = .milliseconds(dt) }
        if let digest = message["hd_cfg"] { peer.configDigest = digest }
        peer.drbd = message["hd_drbd"]
        let status = message["st"].flatMap(NodeStatus.init(rawValue:)) ?? .up
        if status != peer.status && (status == .up || status == .active) {
            peer.status = status
            effects.append(.log(.info, "Status update for node \(src): status \(status.rawValue)"))
        }
        peers[src] = peer
    }

    mutating func retransmit(_ request: HAMessage, to src: String, into effects: inout [NodeEffect]) {
        guard let first = request["firstseq"].flatMap({ UInt64($0) }), let last = request["lastseq"].flatMap({ UInt64($0) }),
            first <= last, last - first < 50
        else { return }
        for seq in first...last {
            if let entry = history.first(where: { $0.seq == seq }) {
                effects.append(.send(entry.message, seq: seq))
            } else {
                send(
                    .retransmitRefusal(to: src, seq: seq, reason: seq < (history.first?.seq ?? 0) ? "seqno too low" : "seqno not found"),
                    into: &effects)
            }
        }
    }

    /// Counts a dropped packet; logs the first of each cause per peer, never each packet.
    mutating func drop(_ cause: String, from src: String, into effects: inout [NodeEffect], detail: String? = nil) {
        let key = "\(cause) from \(src)"
        droppedPackets[key, default: 0] += 1
        if droppedPackets[key] == 1 {
            effects.append(.log(.error, detail ?? "dropped packet (\(cause)) from [\(src)]; further ones are counted, not logged"))
        }
    }
}
