import HAProtocol

extension NodeStateMachine {
    /// Packets of an unproven restart held per peer (see ``RestartClaim``).
    static let restartClaimLimit = 16
    /// The largest forward jump of a live peer's sequence number taken as loss. A node alive to us
    /// cannot have sent more unseen packets within its dead time; a bigger jump is a forgery, and
    /// accepting it would turn every later packet of the real node into an "old duplicate".
    static let sequenceWindow: UInt64 = 1000

    /// A verified message: generation, sequence and replay checks, then dispatch (spec §5.5).
    ///
    /// Only a packet that is new (next in sequence, ahead within the window, or filling a gap)
    /// proves that its sender lives. Replays, duplicates on the same medium, out-of-window
    /// sequence numbers and unsequenced `NS_` packets never do; what is dropped is counted.
    mutating func receive(_ message: HAMessage, link: String, into effects: inout [NodeEffect]) {
        guard let src = message.src, let type = message.type else { return drop("malformed", from: nil, into: &effects) }
        if src == config.me { return }  // our own packets looped back over ucast-to-self or broadcast
        guard let peer = peers[src] else {
            return drop(
                "unknown node", from: nil, into: &effects,
                detail: "dropped a packet from unknown node [\(src)]; further ones from any unknown node are counted, not logged")
        }
        if message.isUnsequenced { return receiveUnsequenced(message, type: type, from: src, into: &effects) }
        guard let seq = message.seq, let generation = message.hg else { return drop("malformed", from: src, into: &effects) }
        if let known = peer.generation {
            if generation < known {
                return drop(
                    "replay", from: src, into: &effects,
                    detail: "should_drop_message: attempted replay attack [\(src)]? [gen = \(generation), curgen = \(known)]")
            }
            if generation > known {
                guard restartProven(peer) else {
                    return holdRestartClaim(message, seq: seq, generation: generation, link: link, from: src, into: &effects)
                }
                return adoptRestart(of: src, generation: generation, with: (seq, message, link), into: &effects)
            }
        } else {
            peers[src]!.generation = generation
        }
        accept(message, seq: seq, type: type, link: link, from: src, into: &effects)
    }

    /// A sequenced packet of the peer's current generation.
    mutating func accept(_ message: HAMessage, seq: UInt64, type: String, link: String, from src: String, into effects: inout [NodeEffect]) {
        var peer = peers[src]!
        let wasDead = peer.status == .dead
        switch sequenceVerdict(seq, for: peer) {
        case .outOfWindow(let last):
            return drop(
                "sequence out of window", from: src, into: &effects,
                detail: "dropped a packet from [\(src)] numbered \(seq), far beyond its last \(last); further ones are counted, not logged")
        case .duplicate:
            // The same packet on a second medium proves that medium, and nothing else.
            if seq > peer.linkSeq[link] ?? 0 {
                heard(&peer, on: link, seq: seq, into: &effects)
                peers[src] = peer
                return
            }
            return drop("old sequence number", from: src, into: &effects)
        case .inOrder:
            peer.lastSeq = seq
            if seq % 10 == peer.ackResidue { send(.ack(to: src, seq: seq), into: &effects) }
        case .ahead(let last, let lost):
            if lost > 250 {
                effects.append(.log(.error, "lost a lot of packets!"))
                peer.missing = [:]
            } else {
                effects.append(.log(.warn, "\(lost) lost packet(s) for [\(src)] [\(last):\(seq)]"))
                let firstAsk = now + .milliseconds(min(50, config.keepalive.milliseconds / 2 + 1))
                for gap in (last + 1)..<seq where peer.missing.count < 500 {
                    peer.missing[gap] = (firstAsked: now, nextAsk: firstAsk, attempts: 0)
                }
            }
            peer.lastSeq = seq
        case .fillsGap:
            peer.missing[seq] = nil
            if peer.missing.isEmpty { effects.append(.log(.info, "No pkts missing from \(src)!")) }
        }
        // A new packet of the current generation: the node lives, and any restart claimed by other
        // packets meanwhile was not its own.
        peer.restartClaim = nil
        peer.lastHeard = now
        heard(&peer, on: link, seq: seq, into: &effects)
        if let uuid = message.srcUUID { peer.uuid = uuid }
        peers[src] = peer
        if wasDead, peer.declaredDead {
            // The same generation after we declared it dead: a partition, whatever it sends first.
            returningAfterPartition(src, into: &effects)
        } else if wasDead {
            peers[src]!.status = .up
        }
        if let dest = message.dest, dest != config.me { return }
        dispatch(message, type: type, from: src, into: &effects)
    }

    enum SequenceVerdict: Equatable {
        case inOrder
        case ahead(last: UInt64, lost: UInt64)
        case fillsGap
        case duplicate
        case outOfWindow(last: UInt64)
    }

    /// Where `seq` falls against what we have from `peer` (spec §5.5 rule 4, plus a window).
    func sequenceVerdict(_ seq: UInt64, for peer: PeerState) -> SequenceVerdict {
        guard let last = peer.lastSeq else { return .inOrder }
        if seq > last {
            let lost = seq - last - 1  // cannot wrap: seq > last
            if lost == 0 { return .inOrder }
            // A node we declared dead may come back from a long partition far ahead.
            if lost >= Self.sequenceWindow && peer.status != .dead { return .outOfWindow(last: last) }
            return .ahead(last: last, lost: lost)
        }
        return peer.missing[seq] != nil ? .fillsGap : .duplicate
    }

    /// Records that `link` carried a new packet from the peer.
    func heard(_ peer: inout PeerState, on link: String, seq: UInt64, into effects: inout [NodeEffect]) {
        peer.linkSeq[link] = max(peer.linkSeq[link] ?? 0, seq)
        peer.linkHeard[link] = now
        if peer.linkUp[link] != true {
            peer.linkUp[link] = true
            effects.append(.log(.info, "Link \(peer.name):\(link) up."))
        }
    }

    /// `NS_` packets carry no sequence number, so nothing proves them fresh: they are acted on only
    /// from a live peer of the current generation, and never count as its liveness.
    mutating func receiveUnsequenced(_ message: HAMessage, type: String, from src: String, into effects: inout [NodeEffect]) {
        let peer = peers[src]!
        if let generation = message.hg, let known = peer.generation, generation != known {
            if generation < known {
                return drop(
                    "replay", from: src, into: &effects,
                    detail: "should_drop_message: attempted replay attack [\(src)]? [gen = \(generation), curgen = \(known)]")
            }
            return  // from a restart we have not adopted yet; its status will follow
        }
        guard peer.isAlive, message.hg != nil else { return }
        if let dest = message.dest, dest != config.me { return }
        dispatch(message, type: type, from: src, into: &effects)
    }

    // MARK: - Restarts

    /// A higher generation is believed once the current one has been silent for two keepalives
    /// (an honest restart cannot send with the old generation again), or when the node is dead,
    /// not yet alive, or said `shutdone`.
    func restartProven(_ peer: PeerState) -> Bool {
        guard peer.isAlive, !peer.shutDown, let heard = peer.lastHeard else { return true }
        return now - heard >= config.keepalive + config.keepalive
    }

    mutating func holdRestartClaim(
        _ message: HAMessage, seq: UInt64, generation: UInt64, link: String, from src: String, into effects: inout [NodeEffect]
    ) {
        var claim = peers[src]!.restartClaim
        if claim?.generation != generation { claim = RestartClaim(generation: generation) }
        if claim!.held.count < Self.restartClaimLimit, !claim!.held.contains(where: { $0.seq == seq }) {
            claim!.held.append((seq, message, link))
        }
        peers[src]!.restartClaim = claim
        drop(
            "restart not proven", from: src, into: &effects,
            detail:
                "packets from [\(src)] claim a restart (generation \(generation)) while its generation \(peers[src]!.generation ?? 0) is still heard; held until that falls silent"
        )
    }

    /// Believes `src` restarted with `generation`: forgets its old sequence and holdings, then
    /// takes the packets the restart sent so far, in order.
    mutating func adoptRestart(
        of src: String, generation: UInt64, with current: (seq: UInt64, message: HAMessage, link: String)?, into effects: inout [NodeEffect]
    ) {
        guard var peer = peers[src] else { return }
        var held = peer.restartClaim?.generation == generation ? peer.restartClaim!.held : []
        if let current, !held.contains(where: { $0.seq == current.seq }) { held.append(current) }
        if let known = peer.generation, known != 0 { effects.append(.log(.info, "Heartbeat restart on node \(src)")) }
        peer.generation = generation
        peer.restartClaim = nil
        peer.lastSeq = nil
        peer.linkSeq = [:]
        peer.missing = [:]
        peer.holds = .none
        peer.stable = false
        peer.shutDown = false
        peer.declaredDead = false
        peers[src] = peer
        for packet in held.sorted(by: { $0.seq < $1.seq }) {
            guard let type = packet.message.type else { continue }
            accept(packet.message, seq: packet.seq, type: type, link: packet.link, from: src, into: &effects)
        }
    }

    /// Adopts restarts whose old generation has since fallen silent (checked at each deadline).
    mutating func adoptProvenRestart(of name: String, into effects: inout [NodeEffect]) {
        guard let peer = peers[name], let claim = peer.restartClaim, restartProven(peer) else { return }
        adoptRestart(of: name, generation: claim.generation, with: nil, into: &effects)
    }

    // MARK: - Dispatch

    mutating func dispatch(_ message: HAMessage, type: String, from src: String, into effects: inout [NodeEffect]) {
        switch type {
        case "status": receivedStatus(message, from: src, into: &effects)
        case "reqnodes": send(.nodeListReply(to: src, nodes: config.nodes), into: &effects)
        case "NS_rexmit": retransmit(message, to: src, into: &effects)
        case "NS_nak_rexmit":
            if let seq = message["firstseq"].flatMap({ UInt64($0, radix: 16) }), peers[src]?.missing.removeValue(forKey: seq) != nil {
                effects.append(.log(.error, "Irretrievably lost packet: node \(src) seq \(seq)"))
            }
        case "starting", "resource", "ask_resources", "hb_takeover", "shutdone", "ip-request", "ip-request-resp":
            receivedResourceMessage(message, type: type, from: src, into: &effects)
        case "stonith": receivedStonith(message, from: src, into: &effects)
        case "start_outdate": receivedOutdateRequest(message, from: src, into: &effects)
        case "outdate_rc": receivedOutdateReply(message, from: src, into: &effects)
        case "num_ping_nodes", "you_are_dead", "abort_giveup": receivedIPFail(message, type: type, from: src, into: &effects)
        default: break  // NS_ackmsg, repnodes, client messages: nothing to decide
        }
    }

    /// The largest dead time a peer may advertise (`dt`); anything else is ignored.
    static let advertisedDeadtimeLimit: Int64 = 24 * 3600 * 1000

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
        if let dt = message["dt"].flatMap({ Int64($0, radix: 16) }), dt > 0, dt <= Self.advertisedDeadtimeLimit {
            peer.advertisedDeadtime = .milliseconds(dt)
        }
        if let digest = message["hd_cfg"] { peer.configDigest = digest }
        peer.drbd = message["hd_drbd"]
        let status = message["st"].flatMap(NodeStatus.init(rawValue:)) ?? .up
        if status != peer.status && (status == .up || status == .active) {
            peer.status = status
            effects.append(.log(.info, "Status update for node \(src): status \(status.rawValue)"))
        }
        peers[src] = peer
    }

    /// Resends what a peer asks for, each packet at most once per retransmission delay: requests
    /// carry no sequence number, so a replayed one must not make us repeat ourselves.
    mutating func retransmit(_ request: HAMessage, to src: String, into effects: inout [NodeEffect]) {
        guard let first = request["firstseq"].flatMap({ UInt64($0) }), let last = request["lastseq"].flatMap({ UInt64($0) }),
            first <= last, last - first < 50
        else { return }
        let quiet = max(.zero, config.retransmitDelay - .milliseconds(10))
        if retransmittedAt.count > 1000 { retransmittedAt = retransmittedAt.filter { now - $0.value < quiet } }
        for seq in first...last {
            if let at = retransmittedAt[seq], now - at < quiet { continue }
            retransmittedAt[seq] = now
            if let entry = history.first(where: { $0.seq == seq }) {
                effects.append(.send(entry.message, seq: seq))
            } else {
                send(
                    .retransmitRefusal(to: src, seq: seq, reason: seq < (history.first?.seq ?? 0) ? "seqno too low" : "seqno not found"),
                    into: &effects)
            }
        }
    }

    /// Counts a dropped packet; logs the first of each cause per known peer, never each packet
    /// (keys are bounded: see ``DroppedPackets``).
    mutating func drop(_ cause: String, from src: String?, into effects: inout [NodeEffect], detail: String? = nil) {
        if droppedPackets.record(.message(cause, from: src)) {
            effects.append(.log(.error, detail ?? "dropped packet (\(cause)) from [\(src ?? "?")]; further ones are counted, not logged"))
        }
    }

    /// Counts a datagram that failed to decode or verify; logs the first of each cause, with its
    /// source, whatever the source of the rest.
    mutating func dropUndecodable(_ error: WireError, source: String, link: String, into effects: inout [NodeEffect]) {
        if droppedPackets.record(.wire(error.cause), source: source) {
            effects.append(
                .log(
                    .error,
                    "dropped a packet from \(source) on \(link): \(error); further ones like it, from any source, are counted, not logged"))
        }
    }
}
