import Testing

@testable import HABench

/// What the seed determines: the generator's outputs and the plans drawn from it.
@Suite struct FaultPlanTests {
    static let timers = CampaignTimers.pair(keepaliveMS: 200)

    @Test("SplitMix64 gives the reference outputs for seed 0")
    func referenceOutputs() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xe220_a839_7b1d_cdaf)
        #expect(generator.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(generator.next() == 0x06c4_5d18_8009_454f)
    }

    @Test("draws stay inside their ranges", arguments: [1, 2, 3, 7, 1000, 1 << 40])
    func drawsInRange(bound: Int) {
        var generator = SplitMix64(seed: UInt64(bound))
        for _ in 0..<1000 {
            #expect(generator.below(UInt64(bound)) < UInt64(bound))
            #expect((5...9).contains(generator.int(in: 5...9)))
        }
        #expect(generator.below(0) == 0)
    }

    @Test("the same seed gives the same plans; another seed other plans")
    func reproducible() {
        let first = FaultPlan.sequence(seed: 0x5eed, steps: 200, kinds: FaultKind.allCases, timers: Self.timers)
        let again = FaultPlan.sequence(seed: 0x5eed, steps: 200, kinds: FaultKind.allCases, timers: Self.timers)
        let other = FaultPlan.sequence(seed: 0x5eee, steps: 200, kinds: FaultKind.allCases, timers: Self.timers)
        #expect(first.count == 200)
        #expect(first == again)
        #expect(first != other)
        #expect(Array(first.prefix(50)) == FaultPlan.sequence(seed: 0x5eed, steps: 50, kinds: FaultKind.allCases, timers: Self.timers))
    }

    @Test("a set of kinds replays the same whatever order it was given in, and only those kinds are drawn")
    func kindsFilter() {
        let kinds: [FaultKind] = [.standby, .kill, .replay]
        let plans = FaultPlan.sequence(seed: 42, steps: 300, kinds: kinds, timers: Self.timers)
        #expect(plans == FaultPlan.sequence(seed: 42, steps: 300, kinds: kinds.reversed(), timers: Self.timers))
        #expect(Set(plans.map(\.kind)) == Set(kinds))
        #expect(FaultPlan.sequence(seed: 42, steps: 10, kinds: [], timers: Self.timers).isEmpty)
    }

    @Test("500 steps draw every kind, and each plan's parameters fit its kind and the timers")
    func parameters() {
        let plans = FaultPlan.sequence(seed: 0x5eed, steps: 500, kinds: FaultKind.allCases, timers: Self.timers)
        #expect(Set(plans.map(\.kind)) == Set(FaultKind.allCases))
        for plan in plans {
            #expect((0..<200).contains(plan.phaseMS))
            switch plan.kind {
            case .kill, .stall: #expect(plan.holdMS > Self.timers.deadtimeMS, "\(plan)")
            case .replay: #expect(plan.holdMS >= 4 * Self.timers.deadtimeMS, "\(plan)")
            case .loss: #expect((100...600).contains(plan.amount ?? 0), "\(plan)")
            case .hungStart: #expect(plan.target == .standby)
            case .hungStop: #expect(plan.target == .holder)
            case .forged: #expect(["seq-max", "huge-generation", "seq-jump", "wrong-key", "garbage"].contains(plan.variant ?? ""))
            default: break
            }
        }
    }

    @Test("durations and seeds parse as the command line gives them")
    func commandLineValues() {
        #expect(CampaignCommand.milliseconds("200ms") == 200)
        #expect(CampaignCommand.milliseconds("1s") == 1000)
        #expect(CampaignCommand.milliseconds("1.5s") == 1500)
        #expect(CampaignCommand.milliseconds("250") == 250)
        #expect(CampaignCommand.milliseconds("fast") == nil)
        #expect(CampaignCommand.milliseconds("-1s") == nil)
        #expect(CampaignCommand.seed("0x5eed") == 0x5eed)
        #expect(CampaignCommand.seed("24301") == 24301)
        #expect(CampaignCommand.seed("0xnope") == nil)
    }

    @Test("the replay command names every option that changes the faults")
    func replayCommand() {
        let options = CampaignOptions(
            steps: 30, seed: 0xabc, mixed: true, keepaliveMS: 100, deadtimeMS: 1000, windowMS: 1000, kinds: [.replay, .kill],
            scriptTimeoutMS: 3000, timers: .mixed(keepaliveMS: 100, deadtimeMS: 1000))
        #expect(
            options.replayCommand(steps: 12)
                == "habench campaign --steps 12 --seed 0xabc --keepalive 100ms --deadtime 1000ms --mixed --kinds kill replay")
    }
}
