import Foundation
import HAHost
import HAProtocol
import HATestSupport

extension FaultInjector {
    /// Sends forged datagrams claiming to be `victim`'s peer, from the peer's own address, to
    /// `victim`. Signed ones are a real status of the peer captured on the victim's side, with
    /// `seq` or `hg` changed and sealed again with the cluster's key.
    func forge(_ plan: FaultPlan, victim: String, _ outcome: inout InjectionOutcome) async throws {
        let peer = pair.peer(of: victim)
        let (victimNode, peerNode) = (try cluster.node(victim), try cluster.node(peer))
        let count = max(plan.amount ?? 1, 1)
        var datagrams: [[UInt8]]
        if plan.variant == "garbage" {
            var generator = SplitMix64(seed: UInt64(step))
            datagrams = (0..<count).map { _ in (0..<generator.int(in: 16...600)).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        } else {
            let status = try capturedStatus(of: peerNode, at: victimNode)
            var message = status.message
            message["auth"] = nil
            let seq = message["seq"].flatMap { UInt64($0, radix: 16) } ?? 1
            let generation = message["hg"].flatMap { UInt64($0, radix: 16) } ?? 1
            var key = try signingKey()
            switch plan.variant {
            case "seq-max": message["seq"] = "ffffffffffffffff"
            case "huge-generation": message["hg"] = String(generation &+ 0x10_0000, radix: 16)
            case "seq-jump": message["seq"] = String(seq &+ (1 << 40), radix: 16)
            default: key.secret = Array("not-the-cluster-secret".utf8)
            }
            let sealed = try MessageAuthenticator(outbound: key).sealNetstring(message)
            datagrams = Array(repeating: sealed, count: count)
        }
        outcome.injectedAt = SystemClock.now()
        let sender = try NamespaceDatagramSender(namespace: peerNode.namespace)
        var sent = 0
        for datagram in datagrams {
            if sender.send(datagram, to: victimNode.address, port: cluster.spec.udpPort) { sent += 1 }
            try await Task.sleep(for: .milliseconds(10))
        }
        outcome.notes.append("\(sent) datagrams as \(peer)")
    }

    /// Captures `target`'s datagrams at its peer, crashes `target`'s node, replays them to the peer
    /// from `target`'s own address every 100 ms for the plan's hold, then restarts `target`.
    func replay(_ plan: FaultPlan, of target: String, _ outcome: inout InjectionOutcome) async throws {
        let victim = pair.peer(of: target)
        let (targetNode, victimNode) = (try cluster.node(target), try cluster.node(victim))
        let window = Duration.milliseconds(max(1000, pair.timers.keepaliveMS * 5))
        let captured = try PacketCapture.capture(
            in: victimNode.namespace, source: targetNode.address, port: cluster.spec.udpPort, duration: window, limit: 32)
        outcome.notes.append("\(captured.count) datagrams captured")
        // A node that is gone, not a daemon that crashed and left the address serving: the
        // peer must take over, and the replays must not stop it.
        try pair.crashNode(target)
        outcome.crashed.insert(target)
        outcome.injectedAt = SystemClock.now()
        let sender = try NamespaceDatagramSender(namespace: targetNode.namespace)
        let end = outcome.injectedAt + .milliseconds(plan.holdMS)
        var index = 0
        while !captured.isEmpty && SystemClock.now() < end {
            sender.send(captured[index % captured.count], to: victimNode.address, port: cluster.spec.udpPort)
            index += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        try await SystemClock.sleep(until: end)
        try pair.start(target)
    }

    /// One status datagram of `source` as `receiver` hears it, decoded (waits up to 3 keepalives
    /// and at least a second).
    private func capturedStatus(of source: ClusterNode, at receiver: ClusterNode) throws -> DecodedDatagram {
        let window = Duration.milliseconds(max(1000, pair.timers.keepaliveMS * 3))
        let captured = try PacketCapture.capture(
            in: receiver.namespace, source: source.address, port: cluster.spec.udpPort, duration: window, limit: 16)
        for bytes in captured {
            if let decoded = try? HeartbeatCodec.decode(bytes), decoded.message["t"] == "status" { return decoded }
        }
        throw HarnessError.timedOut(waitingFor: "a status datagram of \(source.name) at \(receiver.name)", after: window, cluster: "")
    }

    /// The key the cluster signs with, from the spec's authkeys.
    private func signingKey() throws -> SigningKey {
        guard let key = AuthKeys.parse(cluster.spec.authkeys).value.signingKey else {
            throw HarnessError.invalidSpec("the cluster's authkeys select no key")
        }
        return key
    }
}
