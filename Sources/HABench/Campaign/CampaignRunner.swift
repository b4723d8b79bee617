import Foundation
import HAHost
import HAProtocol
import HATestSupport

/// Runs a campaign: builds the pair, then for each planned step resolves the target, waits the
/// plan's phase, injects and recovers the fault, waits for the pair to settle (bounded), audits
/// a window after it, prints the step's line, and resets the pair after a failed step (or one that
/// leaves the group failed, awaiting its operator) so that every step starts from a clean,
/// settled pair.
struct CampaignRunner {
    let options: CampaignOptions
    let daemon: DaemonCommand
    let bounds: AuditBounds
    /// Where each step's line goes as soon as the step ends.
    let emit: @Sendable (String) -> Void

    /// The audit bounds for `timers`: see `AuditBounds`.
    static func bounds(_ timers: CampaignTimers, mixed: Bool, memoryGrowthMB: Int) -> AuditBounds {
        AuditBounds(
            stormPerSecond: timers.stormBound(nodes: CampaignCluster.names.count), memoryGrowthKB: memoryGrowthMB * 1024,
            outageMS: timers.deadtimeMS + max(2000, 10 * timers.keepaliveMS) + (mixed ? 5000 : 0), logBytesPerStep: 1 << 20)
    }

    func run() async throws -> CampaignResults {
        let began = SystemClock.now()
        let started = ISO8601DateFormatter().string(from: Date())
        let plans = FaultPlan.sequence(seed: options.seed, steps: options.steps, kinds: options.drawnKinds, timers: options.timers)
        let pair = try await CampaignCluster.start(options, daemon: daemon)
        defer { pair.finish() }
        emit("pair settled after \(CampaignAudit.milliseconds(SystemClock.now() - began)); \(plans.count) steps, seed \(options.seedText)")
        var followers = Dictionary(
            uniqueKeysWithValues: try CampaignCluster.names.map { name in
                (name, LogFollower(path: try pair.cluster.node(name).logFile, checksLayout: pair.isHADaemon(name)))
            })
        var memory = MemoryTracker()
        var records: [StepRecord] = []
        for (index, plan) in plans.enumerated() {
            let stepBegan = SystemClock.now()
            var record = try await step(index + 1, plan, pair, &followers, &memory)
            // A group left failed (a start or stop that did not complete) waits for its operator;
            // the campaign plays that part with a reset, so the next fault meets a serving pair.
            if !record.passed || record.awaitsOperator || !CampaignCluster.names.allSatisfy(pair.isRunning) {
                do {
                    record.notes.append(try await pair.reset())
                } catch {
                    record.notes.append("reset failed, campaign stopped: \(error)")
                    record.wallMS = (SystemClock.now() - stepBegan).fractionalMilliseconds
                    records.append(record)
                    emit(CampaignReport.line(record))
                    break
                }
                for name in followers.keys { followers[name]?.skipToEnd() }
            }
            record.wallMS = (SystemClock.now() - stepBegan).fractionalMilliseconds
            records.append(record)
            emit(CampaignReport.line(record))
        }
        return CampaignResults(
            options: options, bounds: bounds, records: records, memory: memory.summary,
            wallSeconds: (SystemClock.now() - began).fractionalMilliseconds / 1000,
            started: started)
    }

    /// The node `plan` hits: its role resolved on the pair as it is now, moved to the other
    /// node when the fault needs a hadaemon node there.
    static func target(of plan: FaultPlan, on pair: CampaignCluster) -> String {
        let holder = pair.currentHolder
        var target = plan.target == .holder ? holder : pair.peer(of: holder)
        if plan.kind.targetsHADaemonOnly {
            // A replay's victim is the peer of the node replayed; every other fault's is the target.
            let victim = plan.kind == .replay ? pair.peer(of: target) : target
            if !pair.isHADaemon(victim) { target = pair.peer(of: target) }
        }
        return target
    }

    private func step(
        _ number: Int, _ plan: FaultPlan, _ pair: CampaignCluster, _ followers: inout [String: LogFollower], _ memory: inout MemoryTracker
    ) async throws -> StepRecord {
        let target = Self.target(of: plan, on: pair)
        let role: TargetRole = target == pair.currentHolder ? .holder : .standby
        try await Task.sleep(for: .milliseconds(plan.phaseMS))
        var outcome: InjectionOutcome
        do {
            outcome = try await FaultInjector(pair: pair, step: number).run(plan, target: target)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            outcome = InjectionOutcome(injectedAt: SystemClock.now(), recoveredAt: SystemClock.now(), notes: ["injection failed: \(error)"])
            try? undo(pair)
        }
        let settleLimit = Duration.milliseconds(options.timers.deadtimeMS + options.timers.initdeadMS + 5000)
        let settled = try await pair.settle(limit: settleLimit)
        let names = CampaignCluster.names
        let before = names.map { pair.cluster.udpInDatagrams($0) }
        let windowStart = SystemClock.now()
        try await Task.sleep(for: .milliseconds(options.windowMS))
        let after = names.map { pair.cluster.udpInDatagrams($0) }
        let seconds = max((SystemClock.now() - windowStart).fractionalMilliseconds / 1000, 0.001)
        let windowEnd = SystemClock.now()
        var rates: [String: Double] = [:]
        for (index, name) in names.enumerated() {
            if let first = before[index], let last = after[index], last >= first { rates[name] = Double(last - first) / seconds }
        }
        let views = pair.views()
        var logs: [String: LogCheck] = [:]
        var samples: [String: MemorySample] = [:]
        for name in names {
            logs[name] = followers[name]?.read(diskWasFull: outcome.fullDisks.contains(name), address: NetnsCluster.serviceAddress)
            if let pid = pair.trackedPID(name), let sample = memory.sample(node: name, pid: pid) { samples[name] = sample }
        }
        let observation = StepObservation(
            spans: pair.spans(from: outcome.injectedAt, to: windowEnd), recovered: outcome.recoveredAt - outcome.injectedAt,
            settled: settled.map { max($0, outcome.injectedAt) - outcome.injectedAt }, settleLimit: settleLimit,
            windowEnd: windowEnd - outcome.injectedAt, nodes: views, datagramRates: rates, logs: logs, memory: samples,
            controlProbe: outcome.controlProbe, crashed: outcome.crashed)
        var record = StepRecord(
            step: number, plan: plan, target: target, observation: observation, failures: CampaignAudit.audit(observation, bounds: bounds))
        record.notes = outcome.notes
        record.role = role
        return record
    }

    /// After an injection that threw half-way: whatever it may have left is undone.
    private func undo(_ pair: CampaignCluster) throws {
        try pair.cluster.healAll()
        for name in CampaignCluster.names {
            try? pair.freeze(name, false)
            try? pair.cluster.hangFlaky(name, "start", false)
            try? pair.cluster.hangFlaky(name, "stop", false)
            try? pair.cluster.freeLogDisk(name)
            try? pair.restoreConfig(name)
            if !pair.isRunning(name) { try? pair.start(name) }
        }
    }
}
