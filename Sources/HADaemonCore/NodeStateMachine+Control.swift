import HAProtocol

/// Control policy (docs/control-api.md): who may ask for a change, and when a change is refused
/// as busy or not ready. The shell hands every change request here and sends back the
/// ``NodeEffect/answer(_:)`` this produces; reads (`status`, `subscribe`) are served from the
/// snapshot and have no refusal of their own.
extension NodeStateMachine {
    /// Answers one change request: refused with the reason, or accepted and started.
    ///
    /// Accepted requests are logged with who asked, before their own effects; so are those
    /// refused as busy or not ready once the request itself was valid, as ha-log always had them.
    mutating func answer(_ request: ControlRequest, from requester: ControlRequester, into effects: inout [NodeEffect]) {
        func refuse(_ code: ControlError.Code, _ message: String) {
            effects.append(.answer(.failure(id: request.id, ControlError(code, message))))
        }
        guard request.op.isChange else {
            return refuse(.badRequest, "\(request.op.rawValue) is a read, not a change")
        }
        guard requester.mayChange else { return refuse(.forbidden, "changes need root or the haclient group") }
        guard !request.op.isPacemakerOnly else {
            let way = "hadaemon moves groups with standby and takeover (hb_standby, hb_takeover)"
            return refuse(.badRequest, "\(request.op.rawValue) is a Pacemaker operation; \(way)")
        }
        if request.op == .outdatePeer { return answerOutdate(request, from: requester, into: &effects) }
        // Its node is the dead peer, not this one (NodeStateMachine+ManualFence.swift).
        if request.op == .confirmFence { return confirmFence(request, from: requester, into: &effects) }
        guard let node = request.node else {
            return refuse(.badRequest, "a change must name the node it is for (\"node\":\"\(config.me)\")")
        }
        guard node == config.me else { return refuse(.wrongNode, "this is \(config.me); the request is for \(node)") }
        guard communicationUp else { return refuse(.notReady, "still waiting for the other nodes (initdead)") }
        let resources = request.resources ?? .all
        let reason = request.reason.map { ", reason: \($0)" } ?? ""
        let what = request.op == .shutdown ? "" : "[\(resources.rawValue)] "
        effects.append(.log(.info, "\(request.op.rawValue) \(what)requested by \(requester.name)\(reason)"))
        let anyPeerUp = peers.values.contains(where: \.isAlive)
        switch request.op {
        case .standby:
            guard standby == .idle else { return refuse(.busy, "a standby is already in progress") }
            guard isStable else { return refuse(.busy, "resources are in transition on \(config.me); try again when it is stable") }
            guard anyPeerUp else { return refuse(.notReady, "no other node is up to take the resources") }
            effects.append(.answer(ControlResponse(id: request.id, message: "standby of \(resources.rawValue) resources started on \(config.me)")))
            perform(.standby(resources), into: &effects)
        case .takeover:
            guard anyPeerUp else { return refuse(.notReady, "no other node is up to take resources from") }
            effects.append(
                .answer(ControlResponse(id: request.id, message: "takeover of \(resources.rawValue) resources asked of the peer by \(config.me)")))
            perform(.takeover(resources), into: &effects)
        default:
            effects.append(.answer(ControlResponse(id: request.id, message: "\(config.me) is releasing its resources and stopping")))
            perform(.shutdown, into: &effects)
        }
    }
}
