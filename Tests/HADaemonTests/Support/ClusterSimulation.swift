import HAProtocol

@testable import HADaemonCore

/// Several ``NodeStateMachine``s wired together by an in-memory network on a fake clock.
///
/// Messages take `latency` to arrive, group actions take `actionTime`; nodes can be killed
/// (frozen, silent), cut off (packets dropped both ways), stalled (the loop busy elsewhere: packets
/// queue up, and when it resumes it checks its deadlines before it reads them, as the daemon's
/// loop did after a long reload) and restarted with a new generation. Nothing sleeps:
/// `run(for:)` jumps from one deadline to the next.
struct ClusterSimulation {
    var now = MonotonicTime.milliseconds(1_000)
    var nodes: [String: NodeStateMachine] = [:]
    var running: Set<String> = []
    var cut: Set<String> = []
    var latency: Duration = .milliseconds(1)
    var actionTime: Duration = .milliseconds(5)
    var failingStarts: Set<String> = []
    /// Group keys whose stop fails (the script says the resource may still run).
    var failingStops: Set<String> = []
    var logs: [String: [String]] = [:]
    /// Answers to control requests, in order, by node.
    var answers: [String: [ControlResponse]] = [:]
    /// (time, node, key, running) each time a group starts or stops on a node.
    var transitions: [(at: MonotonicTime, node: String, key: String, running: Bool)] = []
    var generations: [String: UInt64] = [:]
    /// Echo requests sent: (time, node, addresses).
    var pings: [(at: MonotonicTime, node: String, addresses: [String])] = []
    /// Nodes whose path to the ping nodes is cut; every other running node gets an echo reply
    /// from each address it pings, at once.
    var pingCut: Set<String> = []
    /// Every datagram sent: (time, sender, type), to measure message rates.
    var sent: [(at: MonotonicTime, node: String, type: String)] = []
    /// Resets asked for: (time, fencer, victim).
    var fences: [(at: MonotonicTime, node: String, victim: String)] = []
    /// What the device answers to each reset, in order; once used up, every reset succeeds.
    /// A successful reset powers the victim off (``kill(_:)``) before the fencer hears of it.
    var fenceResults: [FenceResult] = []
    var fenceTime: Duration = .milliseconds(50)
    /// Meatware confirmations asked for: (fencer, victim).
    var confirmations: [(node: String, victim: String)] = []
    /// Runs of resets killed because they became moot: (fencer, victim).
    var cancelled: [(node: String, victim: String)] = []
    /// Nodes whose loop is busy until the given instant.
    var stalledUntil: [String: MonotonicTime] = [:]
    var cf: HACF
    /// Changes each node's core configuration before it starts (a fencing delay, say).
    var configure: (@Sendable (inout NodeCoreConfig) -> Void)?
    let groups: [ResourceGroup]
    private var inFlight: [(at: MonotonicTime, to: String, message: HAMessage)] = []
    private var actions: [(at: MonotonicTime, node: String, key: String, action: GroupAction, generation: UInt64)] = []
    private var resets: [(at: MonotonicTime, node: String, victim: String, generation: UInt64)] = []

    init(
        nodes names: [String] = ["alpha", "bravo"], keepalive: Int = 100, deadtime: Int = 500, initdead: Int = 1000,
        autoFailback: HACF.AutoFailback = .on, haresources: String = "alpha IPaddr2::192.0.2.100/24/hb0 hbdummy\n"
    ) {
        var cf = HACF()
        cf.nodes = names
        cf.keepalive = keepalive
        cf.deadtime = deadtime
        cf.warntime = deadtime / 2
        cf.initdead = initdead
        cf.autoFailback = autoFailback
        self.cf = cf
        groups = HAResourcesParser.parse(haresources).value.groups
    }

    var vip: String { groups[0].key }

    // MARK: - Control

    mutating func start(_ name: String) {
        let generation = (generations[name] ?? 100) + 1
        generations[name] = generation
        var config = NodeCoreConfig(me: name, cf: cf, groups: groups, generation: generation)
        configure?(&config)
        config.pid = 4242
        nodes[name] = NodeStateMachine(config: config, at: now)
        running.insert(name)
        apply(nodes[name]!.handle(.tick, at: now), from: name)
    }

    /// SIGKILL: the node says nothing more; its addresses stay where they were (a dead host).
    mutating func kill(_ name: String) { running.remove(name) }

    /// The node's loop is busy for `duration`: it neither reads, ticks nor sends until then.
    mutating func stall(_ name: String, for duration: Duration) { stalledUntil[name] = now + duration }

    /// Datagrams sent per second by all nodes over the `window` that ends now.
    func messageRate(over window: Duration) -> Double {
        let start = now + (.zero - window)
        let count = sent.filter { $0.at > start }.count
        return Double(count) / (Double(window.milliseconds) / 1000)
    }

    mutating func command(_ name: String, _ command: NodeCommand) {
        apply(nodes[name]!.handle(.command(command), at: now), from: name)
    }

    /// A control request to `name`'s socket (root unless `requester` says otherwise): its answer.
    mutating func control(
        _ name: String, _ request: ControlRequest, from requester: ControlRequester = ControlRequester(name: "uid 0 pid 1", mayChange: true)
    ) -> ControlResponse? {
        let before = answers[name]?.count ?? 0
        apply(nodes[name]!.handle(.control(request, from: requester), at: now), from: name)
        return answers[name]?.dropFirst(before).first
    }

    // MARK: - Observation

    /// Nodes on which the group is running now (a killed node keeps what it had).
    func holders(_ key: String? = nil) -> [String] {
        nodes.keys.sorted().filter { nodes[$0]!.groupStates[key ?? vip] == .running }
    }

    func log(_ name: String) -> [String] { logs[name] ?? [] }

    /// The longest interval with no holder, and the total time with two or more, since `from`.
    func holderGaps(of key: String? = nil, from: MonotonicTime) -> (noHolder: Duration, doubleHolder: Duration) {
        var count: [String: Bool] = [:]
        var noHolder: Duration = .zero
        var double: Duration = .zero
        var last = from
        var current = 0
        for t in transitions where t.key == (key ?? vip) {
            if t.at >= from {
                if current == 0 { noHolder = max(noHolder, t.at - last) }
                if current >= 2 { double += t.at - last }
                last = t.at
            }
            count[t.node] = t.running
            current = count.values.filter { $0 }.count
            if t.at < from { last = from }
        }
        if current == 0 { noHolder = max(noHolder, now - last) }
        if current >= 2 { double += now - last }
        return (noHolder, double)
    }

    // MARK: - Time

    /// Advances the clock by `duration`, delivering everything due on the way (bounded).
    mutating func run(for duration: Duration) {
        let end = now + duration
        for _ in 0..<200_000 {
            let nextMessage = inFlight.map(\.at).min()
            let nextAction = (actions.map(\.at) + resets.map(\.at)).min()
            let nextTick = running.compactMap { name in nodes[name].map { max($0.nextDeadline, stalledUntil[name] ?? $0.nextDeadline) } }.min()
            guard let next = [nextMessage, nextAction, nextTick].compactMap({ $0 }).min(), next <= end else { break }
            now = max(now, next)
            if let index = inFlight.firstIndex(where: { $0.at <= now }) {
                let delivery = inFlight.remove(at: index)
                guard running.contains(delivery.to) else { continue }
                if let until = stalledUntil[delivery.to], now < until {
                    // Queued in the socket; read after the deadline check that ends the stall.
                    inFlight.append((until + .microseconds(1), delivery.to, delivery.message))
                    continue
                }
                apply(nodes[delivery.to]!.handle(.received(delivery.message, link: "hb0"), at: now), from: delivery.to)
            } else if let index = resets.firstIndex(where: { $0.at <= now }) {
                let reset = resets.remove(at: index)
                guard running.contains(reset.node), generations[reset.node] == reset.generation else { continue }
                let result = fenceResults.isEmpty ? .ok : fenceResults.removeFirst()
                if result == .ok { kill(reset.victim) }
                apply(nodes[reset.node]!.handle(.fenceFinished(node: reset.victim, result: result, detail: nil), at: now), from: reset.node)
            } else if let index = actions.firstIndex(where: { $0.at <= now }) {
                let action = actions.remove(at: index)
                guard running.contains(action.node), generations[action.node] == action.generation else { continue }
                if let until = stalledUntil[action.node], now < until {
                    actions.append((until + .microseconds(1), action.node, action.key, action.action, action.generation))
                    continue
                }
                let ok = !(action.action == .start ? failingStarts : failingStops).contains(action.key)
                transitions.append((now, action.node, action.key, action.action == .start ? ok : !ok))
                apply(
                    nodes[action.node]!.handle(
                        .groupActionFinished(
                            key: action.key, action: action.action, succeeded: ok, detail: ok ? nil : "Return code 1 from hbdummy"),
                        at: now), from: action.node)
            } else {
                for name in running.sorted() where nodes[name]!.nextDeadline <= now && (stalledUntil[name].map { now >= $0 } ?? true) {
                    apply(nodes[name]!.handle(.tick, at: now), from: name)
                }
            }
        }
        now = max(now, end)
    }

    mutating func apply(_ effects: [NodeEffect], from name: String) {
        for effect in effects {
            switch effect {
            case .send(let message, let seq):
                let header = SenderHeader(
                    node: name, uuid: Array(repeating: UInt8(name.count), count: 16), seq: seq ?? 0, generation: generations[name]!,
                    timestamp: 1, load: "n/a")
                let stamped = header.stamped(message)
                sent.append((now, name, message.type ?? "?"))
                guard !cut.contains(name) else { continue }
                for peer in running where peer != name && !cut.contains(peer) {
                    inFlight.append((now + latency, peer, stamped))
                }
            case .runGroup(let key, let action):
                actions.append((now + actionTime, name, key, action, generations[name]!))
                if action == .stop { transitions.append((now, name, key, false)) }
            case .log(let level, let text):
                logs[name, default: []].append("\(level.heartbeatWord): \(text)")
            case .ping(let addresses):
                pings.append((now, name, addresses))
                guard !pingCut.contains(name) else { continue }
                for address in addresses { apply(nodes[name]!.handle(.pingReply(address: address), at: now), from: name) }
            case .answer(let response):
                answers[name, default: []].append(response)
            case .fence(let victim, _):
                fences.append((now, name, victim))
                resets.append((now + fenceTime, name, victim, generations[name]!))
            case .confirmFence(let victim):
                confirmations.append((name, victim))
            case .cancelFence(let victim):
                cancelled.append((name, victim))
                resets.removeAll { $0.node == name && $0.victim == victim }
            case .rekey, .reopenLogs, .outdate:
                break
            case .exit:
                running.remove(name)
            }
        }
    }
}

extension ClusterSimulation {
    /// Alpha and bravo started together and settled (2 s), after `prepare` set the pair up.
    static func settledPair(
        autoFailback: HACF.AutoFailback = .on, _ prepare: (inout ClusterSimulation) -> Void = { _ in }
    ) -> ClusterSimulation {
        var sim = ClusterSimulation(autoFailback: autoFailback)
        prepare(&sim)
        sim.start("alpha")
        sim.start("bravo")
        sim.run(for: .seconds(2))
        return sim
    }
}

extension NodeStateMachine {
    /// The node's snapshot at its own instant, without the facts only a shell knows.
    var bareSnapshot: ClusterSnapshot {
        snapshot(at: now, wallNow: 0, cluster: "", configDigest: nil, localLinks: [])
    }
}
