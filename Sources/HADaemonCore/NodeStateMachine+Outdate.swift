import HAProtocol

/// DRBD peer outdating, in place of Heartbeat's dopd and drbd-peer-outdater (issue 12).
///
/// Asking: an `outdate-peer` control request sends dopd's `t=start_outdate` to the peer and
/// waits for its `t=outdate_rc` until the request's timeout (no answer: 5, peer unreachable).
/// A dead peer is 7 once this node's STONITH device has reset it since it was last heard (a reset
/// under way is waited for, within the timeout), else 5, as dopd answers 5 for a peer it does
/// not find alive.
///
/// Answering: a peer's `t=start_outdate` runs `drbdadm outdate RES` (through the shell) and
/// sends back dopd's mapping of its exit status. It is answered whether or not ha.cf has the
/// `respawn … dopd` line: the request comes from an authenticated cluster node, `drbdadm
/// outdate` refuses a Primary or connected disk on its own, and staying silent would only make
/// the asking node wait out its timeout and hear "unreachable".
extension NodeStateMachine {
    /// How long a result waits for its command to collect it.
    static let outdateResultKept: Duration = .seconds(30)
    /// `drbdadm outdate` runs at most this many at once for peers; more are answered 5 at once.
    static let maxOutdatesRunning = 4
    /// The longest `-t` accepted, in seconds.
    static let maxOutdateTimeout = 3600
    /// The longest token accepted.
    static let maxOutdateTokenBytes = 64

    // MARK: - Asking

    mutating func answerOutdate(_ request: ControlRequest, from requester: ControlRequester, into effects: inout [NodeEffect]) {
        func refuse(_ code: ControlError.Code, _ message: String) {
            effects.append(.answer(.failure(id: request.id, ControlError(code, message))))
        }
        func answer(_ result: OutdateResult, _ message: String) {
            effects.append(.answer(ControlResponse(id: request.id, message: message, exitCode: result.rawValue)))
        }
        guard let resource = request.resource, HAMessage.isValidDRBDResource(resource) else {
            return refuse(.badRequest, "resource: 1 to \(HAMessage.maxDRBDResourceBytes) letters, digits or _-.+: (not \"all\", no leading -)")
        }
        guard let token = request.token, (1...Self.maxOutdateTokenBytes).contains(token.utf8.count) else {
            return refuse(.badRequest, "token: 1 to \(Self.maxOutdateTokenBytes) bytes naming this request")
        }
        let timeout = request.timeout ?? 60
        guard (1...Self.maxOutdateTimeout).contains(timeout) else {
            return refuse(.badRequest, "timeout: 1 to \(Self.maxOutdateTimeout) seconds, not \(timeout)")
        }
        if let pending = outdate, pending.token == token {
            guard let result = pending.result else {
                return effects.append(.answer(ControlResponse(id: request.id, message: "waiting for \(pending.peer)'s answer")))
            }
            outdate = nil
            return answer(result, "\(pending.peer): \(result.meaning)")
        }
        if let pending = outdate, pending.result == nil {
            return refuse(.busy, "an outdate of \(pending.resource) is waiting for \(pending.peer)'s answer; ask again")
        }
        let peer: String
        if let named = request.peer {
            guard named != config.me else {
                effects.append(.log(.warn, "drbd peer node \(named) is me!"))
                return answer(.peerUnreachable, "\(named) is this node")
            }
            guard peers[named] != nil else {
                effects.append(.log(.warn, "drbd peer \(named) was not found"))
                return answer(.peerUnreachable, "\(named) is not a node of this cluster")
            }
            peer = named
        } else {
            guard config.peers.count == 1, let only = config.peers.first else {
                return refuse(.badRequest, "peer: name the DRBD peer (-p or DRBD_PEER); this cluster has \(config.peers.count) other nodes")
            }
            peer = only
        }
        effects.append(.log(.info, "outdate of \(resource) on \(peer) requested by \(requester.name)"))
        let deadline = now + .seconds(Int64(timeout))
        if peers[peer]?.isAlive == true {
            effects.append(.log(.info, "sending start_outdate message to the other node \(config.me) -> \(peer)"))
            send(.outdateRequest(to: peer, resource: resource), into: &effects)
        } else if let result = deadPeerResult(peer) {
            effects.append(.log(.info, "outdate of \(resource): \(peer) is dead: \(result.meaning) (\(result.rawValue))"))
            return answer(result, "\(peer): \(result.meaning)")
        } else {
            effects.append(.log(.info, "outdate of \(resource): \(peer) is dead and being reset: waiting for the device"))
        }
        outdate = PendingOutdate(token: token, resource: resource, peer: peer, deadline: deadline)
        effects.append(.answer(ControlResponse(id: request.id, message: "waiting for \(peer)'s answer")))
    }

    /// The answer for a peer that is not alive: 7 when a reset of it succeeded after it was last
    /// heard, else 5. Nil while it is alive, or while a reset of it is still under way (DRBD's
    /// `resource-and-stonith` waits for exactly that: 7 lets it go on).
    func deadPeerResult(_ name: String) -> OutdateResult? {
        guard let peer = peers[name], !peer.isAlive, fences[name] == nil else { return nil }
        let reset = fenceHistory.last { $0.victim == name && $0.result == .ok }
        if let reset, peer.lastHeard.map({ $0 < reset.at }) ?? true { return .peerFenced }
        return .peerUnreachable
    }

    /// A peer's `t=outdate_rc`: the answer to our request when that is the peer we asked.
    mutating func receivedOutdateReply(_ message: HAMessage, from src: String, into effects: inout [NodeEffect]) {
        guard var pending = outdate, pending.result == nil, pending.peer == src else { return }
        // dopd 3.0.6 names the resource; the 2006 dopd did not, and answered one request at a time.
        if let resource = message["dop_res"], resource != pending.resource { return }
        let value = message["dop_value"] ?? ""
        let parsed = OutdateResult(dopValue: value)
        let result = parsed ?? .undefined
        if parsed == nil {
            effects.append(
                .log(.warn, "outdate of \(pending.resource): unreadable dop_value from \(src): \(String(value.prefix(32)).debugDescription)"))
        } else {
            effects.append(.log(.info, "outdate of \(pending.resource): \(src) answered \(result.rawValue): \(result.meaning)"))
        }
        pending.result = result
        pending.finishedAt = now
        outdate = pending
    }

    /// Deadlines: no answer in time (or the peer died meanwhile) ends the wait; an uncollected
    /// result expires.
    mutating func checkOutdate(into effects: inout [NodeEffect]) {
        guard var pending = outdate else { return }
        if let finishedAt = pending.finishedAt {
            if now >= finishedAt + Self.outdateResultKept { outdate = nil }
            return
        }
        let result: OutdateResult
        if let dead = deadPeerResult(pending.peer) {
            result = dead
            effects.append(.log(.info, "outdate of \(pending.resource): \(pending.peer) is dead: \(result.meaning) (\(result.rawValue))"))
        } else if now >= pending.deadline {
            result = .peerUnreachable
            effects.append(.log(.warn, "outdate of \(pending.resource): no answer from \(pending.peer) in time: \(result.meaning)"))
        } else {
            return
        }
        pending.result = result
        pending.finishedAt = now
        outdate = pending
    }

    // MARK: - Answering

    /// A peer's `t=start_outdate`: run `drbdadm outdate RES`, or answer 20 at once (what dopd
    /// answers when drbdadm refuses) when the name is not one to pass to drbdadm or too many runs
    /// are going.
    mutating func receivedOutdateRequest(_ message: HAMessage, from src: String, into effects: inout [NodeEffect]) {
        let resource = message["dop_res"] ?? ""
        guard HAMessage.isValidDRBDResource(resource) else {
            let shown = String(resource.prefix(32)).debugDescription
            effects.append(.log(.warn, "start_outdate from \(src) names no valid DRBD resource (\(shown)): answered 20"))
            // Echoed (3.0.6's dopd finds its client by it and crashes without one) unless no
            // encoding would carry it cleanly: then empty, which matches no client.
            let echoable = resource.utf8.count <= 256 && resource.utf8.allSatisfy { (0x20..<0x7F).contains($0) }
            return send(.outdateReply(to: src, resource: echoable ? resource : "", .undefined), into: &effects)
        }
        guard outdatesRunning < Self.maxOutdatesRunning else {
            effects.append(.log(.warn, "start_outdate of \(resource) from \(src): \(Self.maxOutdatesRunning) outdates already running: answered 20"))
            return send(.outdateReply(to: src, resource: resource, .undefined), into: &effects)
        }
        outdatesRunning += 1
        effects.append(.log(.info, "start_outdate of \(resource) from \(src): running drbdadm outdate \(resource)"))
        effects.append(.outdate(resource: resource, requester: src))
    }

    mutating func outdateFinished(_ resource: String, for requester: String, exitStatus: Int32?, into effects: inout [NodeEffect]) {
        outdatesRunning = max(0, outdatesRunning - 1)
        let result = OutdateResult(drbdadmExit: exitStatus)
        let command = "drbdadm outdate \(resource)"
        if result == .undefined {
            effects.append(.log(.info, exitStatus.map { "unknown exit code from \(command): \($0)" } ?? "\(command) did not finish"))
        }
        effects.append(.log(.info, "sending return code: \(result.rawValue), \(config.me) -> \(requester)"))
        send(.outdateReply(to: requester, resource: resource, result), into: &effects)
    }
}
