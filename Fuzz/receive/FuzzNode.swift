import HAProtocol

/// One node's core and the little of the shell the core needs to make progress.
struct FuzzNode {
    static let cf: HACF = {
        var cf = HACF()
        cf.nodes = ["alpha", "bravo"]
        cf.keepalive = 100
        cf.warntime = 250
        cf.deadtime = 500
        cf.initdead = 1000
        cf.autoFailback = .on
        return cf
    }()
    static let groups = HAResourcesParser.parse(
        "alpha IPaddr2::192.0.2.100/24/hb0 hbdummy\nbravo IPaddr2::192.0.2.101/24/hb0 drbddisk::r0\n"
    ).value.groups
    static let authenticator = MessageAuthenticator(outbound: WireKeys.crc, accepting: WireKeys.all)
    static let sha1Authenticator = MessageAuthenticator(outbound: WireKeys.sha1, accepting: WireKeys.all)

    var now = MonotonicTime.milliseconds(1_000)
    var core: NodeStateMachine
    /// Group actions the core started, reported finished at the next record.
    var running: [(key: String, action: GroupAction)] = []
    var failing: Set<GroupAction> = []

    init() {
        var config = NodeCoreConfig(me: "alpha", cf: Self.cf, groups: Self.groups, generation: 7)
        config.pid = 4242
        core = NodeStateMachine(config: config, at: now)
        apply(core.handle(.tick, at: now))
    }

    mutating func play(_ record: ReceiveScript.Record) {
        now = now + record.advance
        let finished = running
        running = []
        for (key, action) in finished {
            let succeeded = !failing.contains(action)
            apply(core.handle(.groupActionFinished(key: key, action: action, succeeded: succeeded, detail: nil), at: now))
        }
        apply(core.handle(.tick, at: now))
        if let event = event(for: record) { apply(core.handle(event, at: now)) }
        // The daemon's loop sleeps until this after every event: it must be computable too.
        _ = core.nextDeadline
    }

    /// The snapshot is what the control socket serves from the same state: derive it once.
    mutating func finish() {
        apply(core.handle(.tick, at: core.nextDeadline))
        _ = core.snapshot(at: now, wallNow: 1_700_000_000_000, cluster: "fuzz", configDigest: nil, localLinks: ["hb0"])
    }

    mutating func event(for record: ReceiveScript.Record) -> NodeEvent? {
        guard record.kind != .local else { return local(record.payload) }
        guard let bytes = Self.datagram(for: record) else { return nil }
        let link = record.payload.count % 2 == 0 ? "hb0" : "hb1"
        do {
            return .received(try Self.authenticator.open(bytes), link: link)
        } catch {
            // As the daemon does: the refusal is counted by the core, from many sources.
            return .undecodable(error, source: "192.0.2.\(record.payload.count % 251)", link: link)
        }
    }

    /// The bytes a record hands `MessageAuthenticator.open`: its payload, or the message it frames
    /// sealed anew (crc netstring, or sha1 classic); nil when a resealed payload does not decode.
    static func datagram(for record: ReceiveScript.Record) -> [UInt8]? {
        switch record.kind {
        case .raw: return record.payload
        case .local: return nil
        case .resealed, .resealedClassic:
            guard let message = try? HeartbeatCodec.decode(record.payload).message else { return nil }
            return record.kind == .resealed
                ? try? authenticator.sealNetstring(message) : try? sha1Authenticator.sealClassic(message)
        }
    }

    mutating func local(_ payload: [UInt8]) -> NodeEvent? {
        guard let first = payload.first else { return .tick }
        let all = ReceiveScript.Record.Local.allCases
        switch all[Int(first) % all.count] {
        case .standbyAll: return .command(.standby(.all))
        case .standbyLocal: return .command(.standby(.local))
        case .standbyForeign: return .command(.standby(.foreign))
        case .takeoverAll: return .command(.takeover(.all))
        case .takeoverForeign: return .command(.takeover(.foreign))
        case .failback: return .command(.takeover(.failback))
        case .shutdown: return .command(.shutdown)
        case .drbd: return .localDRBD(payload.count > 1 ? String(decoding: payload.dropFirst(), as: UTF8.self) : nil)
        case .startFails:
            failing.formSymmetricDifference([.start])
            return nil
        case .stopFails:
            failing.formSymmetricDifference([.stop])
            return nil
        }
    }

    mutating func apply(_ effects: [NodeEffect]) {
        for effect in effects {
            if case .runGroup(let key, let action) = effect { running.append((key, action)) }
        }
    }
}
