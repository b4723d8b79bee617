import Foundation

/// One step's fault with every random parameter drawn: what the seed determines. The live
/// state (who holds the group) only resolves `target` when the step starts.
struct FaultPlan: Codable, Sendable, Equatable {
    var kind: FaultKind
    var target: TargetRole
    /// Waited before the injection: a random point of the heartbeat cycle.
    var phaseMS: Int
    /// How long the fault lasts before it is recovered.
    var holdMS: Int
    /// Which form of the fault (`one-way`, `seq-max`, `trailing-blanks`, ...), when it has forms.
    var variant: String?
    /// The fault's size: loss in ‰, threads, clients, megabytes, datagrams, blanks.
    var amount: Int?
    /// A second control request after `followUpMS` (standby and takeover): `standby@holder`.
    var followUp: String?
    var followUpMS: Int?

    /// The plan of every step of a campaign of `steps` steps from `seed`, drawing kinds from
    /// `kinds` (in the catalogue's order, so the same set replays the same whatever order it was
    /// given in). A pure function of its arguments.
    static func sequence(seed: UInt64, steps: Int, kinds: [FaultKind], timers: CampaignTimers) -> [FaultPlan] {
        let catalogue = FaultKind.allCases.filter { kinds.contains($0) }
        guard !catalogue.isEmpty else { return [] }
        var generator = SplitMix64(seed: seed)
        return (0..<max(steps, 0)).map { _ in draw(generator.pick(catalogue), using: &generator, timers: timers) }
    }

    /// One plan of `kind`, its parameters drawn from `generator`.
    static func draw(_ kind: FaultKind, using generator: inout SplitMix64, timers: CampaignTimers) -> FaultPlan {
        let deadtime = timers.deadtimeMS
        var plan = FaultPlan(
            kind: kind, target: generator.chance(perMille: 700) ? .holder : .standby, phaseMS: generator.int(in: 0...max(timers.keepaliveMS - 1, 0)),
            holdMS: 0)
        switch kind {
        case .kill:
            plan.variant = generator.pick(["daemon", "node"])
            plan.holdMS = deadtime + generator.int(in: 200...1500)
        case .stall:
            plan.holdMS = deadtime + generator.int(in: 200...1500)
        case .restart:
            plan.holdMS = generator.int(in: 200...2000)
        case .cut:
            plan.variant = generator.pick(["one-way", "both-ways"])
            plan.holdMS = deadtime + generator.int(in: 200...2000)
        case .loss:
            plan.variant = generator.pick(["one-way", "both-ways"])
            plan.amount = generator.int(in: 100...600)
            plan.holdMS = generator.int(in: 2000...5000)
        case .cpuHog:
            plan.amount = generator.int(in: 3...6)
            plan.holdMS = generator.int(in: 1000...4000)
        case .hungStart:
            plan.target = .standby
            plan.holdMS = generator.int(in: 500...(timers.scriptTimeoutMS * 5 + 1000))
        case .hungStop:
            plan.target = .holder
            plan.holdMS = generator.int(in: 500...(timers.scriptTimeoutMS * 5 + 1000))
        case .fullDisk:
            plan.variant = generator.pick(["idle", "moving"])
            plan.holdMS = generator.int(in: 1000...3000)
        case .reload:
            plan.variant = generator.pick(["warntime", "comment"])
            plan.holdMS = generator.int(in: 300...1500)
        case .reloadBroken:
            plan.variant = generator.pick(["garbage", "bad-timers", "nul-byte", "trailing-blanks"])
            plan.amount = plan.variant == "trailing-blanks" ? generator.int(in: 20_000...70_000) : nil
            plan.holdMS = generator.int(in: 500...2000)
        case .forged:
            plan.variant = generator.pick(["seq-max", "huge-generation", "seq-jump", "wrong-key", "garbage"])
            plan.amount = generator.int(in: 1...50)
            plan.holdMS = generator.int(in: 500...1500)
        case .replay:
            plan.holdMS = deadtime * 4 + 1000 + generator.int(in: 0...2000)
        case .idleClients:
            plan.amount = generator.int(in: 50...300)
            plan.holdMS = generator.int(in: 1000...3000)
        case .newlineFlood:
            plan.amount = generator.int(in: 1...10)
            plan.holdMS = 1000
        case .slowSubscribers:
            plan.variant = generator.pick(["idle", "moving"])
            plan.amount = generator.int(in: 5...30)
            plan.holdMS = generator.int(in: 2000...5000)
        case .standby, .takeover:
            plan.holdMS = generator.int(in: 0...deadtime)
            if generator.chance(perMille: 500) {
                plan.followUp = "\(generator.pick(["standby", "takeover"]))@\(generator.pick([TargetRole.holder, .standby]).rawValue)"
                plan.followUpMS = generator.int(in: 0...deadtime)
            }
        }
        return plan
    }

    /// `kill alpha(holder) hold=1.42s`: the plan with its target resolved to `node`, which had
    /// `role` when the step began (another than planned when the fault needs a hadaemon node).
    func describe(node: String, role: TargetRole? = nil) -> String {
        var words = ["\(kind.rawValue) \(node)(\((role ?? target).rawValue))"]
        if let variant { words.append(variant) }
        if let amount { words.append("amount=\(amount)") }
        words.append(String(format: "hold=%.2fs", Double(holdMS) / 1000))
        if let followUp, let followUpMS { words.append("then \(followUp) after \(followUpMS)ms") }
        return words.joined(separator: " ")
    }
}
