/// The audits a step must pass, named as the report prints them.
enum Audit: String, Codable, Sendable, CaseIterable {
    /// Both daemons answered with a stable resource state before the settle limit.
    case settle
    /// Once settled, at most one node (and, unless the group is failed, exactly one) holds the address.
    case holders = "one-holder"
    /// No node carries the address while its daemon is down or says it does not hold the group.
    case stale
    /// No resource script of the group runs on a node whose daemon says it does not hold it.
    case resources
    /// UDP datagrams per second in each namespace once settled stay below the bound.
    case storm
    /// ha-log grows in whole lines, in Heartbeat's layouts, with a line for each address move.
    case log
    /// No daemon's resident memory grew beyond the bound since its process was first sampled.
    case memory
    /// Every daemon the campaign did not stop is running.
    case alive
    /// The service was never without a holder for longer than the bound.
    case outage
    /// During a control-socket flood a fresh client still got an answer.
    case control
}

/// One audit that failed, with what was seen.
struct AuditFailure: Codable, Sendable, Equatable {
    var audit: Audit
    var node: String?
    var detail: String
}

/// The bounds the audits hold a step to.
struct AuditBounds: Sendable, Equatable, Codable {
    var stormPerSecond: Double
    var memoryGrowthKB: Int
    /// The longest time without a holder: deadtime plus the takeover's allowance.
    var outageMS: Int
    /// The most ha-log may grow in one step.
    var logBytesPerStep: Int
}

/// The campaign's audits: pure functions of a `StepObservation`, so each is tested without a
/// cluster. "Settled" is the daemons' own word: every node runs, answers a status request,
/// calls its resource state stable and sees every other node active (`isSettled`); the
/// campaign waits for it up to a limit after the recovery and audits a window after it.
enum CampaignAudit {
    /// Every failure of the step, in the order of `Audit`.
    static func audit(_ step: StepObservation, bounds: AuditBounds) -> [AuditFailure] {
        settle(step) + holders(step) + stale(step) + resources(step) + storm(step, bounds: bounds) + log(step, bounds: bounds)
            + memory(step, bounds: bounds) + alive(step) + outage(step, bounds: bounds) + control(step)
    }

    /// The daemons' own view says the pair is at rest.
    static func isSettled(_ nodes: [NodeView]) -> Bool {
        let names = Set(nodes.map(\.name))
        return !nodes.isEmpty
            && nodes.allSatisfy { node in
                node.running && node.answered && node.stable && names.subtracting([node.name]).isSubset(of: node.activePeers)
            }
    }

    /// When the audited part of the step starts: settled, or the settle limit when it never was.
    static func auditStart(_ step: StepObservation) -> Duration {
        step.settled ?? (step.recovered + step.settleLimit)
    }

    static func settle(_ step: StepObservation) -> [AuditFailure] {
        guard step.settled == nil else { return [] }
        let unsettled = step.nodes.filter { !$0.running || !$0.answered || !$0.stable }.map(\.name)
        return [
            AuditFailure(
                audit: .settle, node: nil,
                detail: "not settled \(milliseconds(step.settleLimit)) after the recovery"
                    + (unsettled.isEmpty ? " (nodes do not see each other active)" : " (\(unsettled.joined(separator: ", ")) not stable)"))
        ]
    }

    static func holders(_ step: StepObservation) -> [AuditFailure] {
        var failures: [AuditFailure] = []
        let after = clip(step.spans, from: auditStart(step), to: step.windowEnd)
        if let double = after.filter({ $0.holders.count > 1 }).max(by: { $0.duration < $1.duration }) {
            let total = after.filter { $0.holders.count > 1 }.reduce(Duration.zero) { $0 + $1.duration }
            failures.append(
                AuditFailure(
                    audit: .holders, node: nil,
                    detail: "\(double.holders.sorted().joined(separator: " and ")) both held the address for \(milliseconds(total)) after settling"))
        }
        let last = after.last?.holders ?? []
        if last.isEmpty && step.nodes.contains(where: \.running) && !step.nodes.contains(where: \.groupFailed) {
            failures.append(AuditFailure(audit: .holders, node: nil, detail: "no node holds the address once settled"))
        }
        return failures
    }

    static func stale(_ step: StepObservation) -> [AuditFailure] {
        step.nodes.compactMap { node in
            guard node.holdsAddress else { return nil }
            if !node.running {
                return AuditFailure(audit: .stale, node: node.name, detail: "\(node.name) carries the address with no daemon running")
            }
            if node.claimsGroup == false {
                return AuditFailure(
                    audit: .stale, node: node.name, detail: "\(node.name) carries the address but its daemon says it does not hold the group")
            }
            return nil
        }
    }

    static func resources(_ step: StepObservation) -> [AuditFailure] {
        step.nodes.compactMap { node in
            guard node.running, node.claimsGroup == false, !node.runningScripts.isEmpty else { return nil }
            return AuditFailure(
                audit: .resources, node: node.name,
                detail:
                    "\(node.runningScripts.joined(separator: " and ")) still running on \(node.name), whose daemon says it does not hold the group")
        }
    }

    static func storm(_ step: StepObservation, bounds: AuditBounds) -> [AuditFailure] {
        step.datagramRates.sorted { $0.key < $1.key }.compactMap { node, rate in
            guard rate > bounds.stormPerSecond else { return nil }
            return AuditFailure(
                audit: .storm, node: node, detail: "\(Int(rate)) datagrams/s into \(node) once settled (bound \(Int(bounds.stormPerSecond)))")
        }
    }

    static func log(_ step: StepObservation, bounds: AuditBounds) -> [AuditFailure] {
        var failures: [AuditFailure] = []
        for (node, check) in step.logs.sorted(by: { $0.key < $1.key }) {
            func fail(_ detail: String) { failures.append(AuditFailure(audit: .log, node: node, detail: "\(node): \(detail)")) }
            if check.shrank { fail("ha-log got shorter") }
            if check.unterminated { fail("ha-log ends in the middle of a line") }
            if let torn = check.tornLines.first {
                fail(
                    "\(check.tornLines.count == 3 ? "3 or more lines" : "\(check.tornLines.count) line(s)") in no log layout, e.g. \"\(torn.prefix(100))\""
                )
            }
            if check.bytes > bounds.logBytesPerStep {
                fail("ha-log grew \(check.bytes / 1024) KiB in one step (bound \(bounds.logBytesPerStep / 1024) KiB)")
            }
            let moves = moves(of: node, in: step.spans)
            let running = step.nodes.first { $0.name == node }?.running ?? false
            if moves > 0 && running && !check.diskWasFull && !step.crashed.contains(node) && check.addressLines == 0 {
                fail("the address moved \(moves) time(s) on \(node) with no log line naming it")
            }
        }
        return failures
    }

    static func memory(_ step: StepObservation, bounds: AuditBounds) -> [AuditFailure] {
        step.memory.sorted { $0.key < $1.key }.compactMap { node, sample in
            guard sample.growthKB > bounds.memoryGrowthKB else { return nil }
            return AuditFailure(
                audit: .memory, node: node,
                detail:
                    "\(node) (pid \(sample.pid)) grew from \(sample.firstKB / 1024) MiB to \(sample.nowKB / 1024) MiB (bound +\(bounds.memoryGrowthKB / 1024) MiB)"
            )
        }
    }

    static func alive(_ step: StepObservation) -> [AuditFailure] {
        step.nodes.filter { !$0.running }.map {
            AuditFailure(audit: .alive, node: $0.name, detail: "\($0.name)'s daemon is not running at the end of the step")
        }
    }

    static func outage(_ step: StepObservation, bounds: AuditBounds) -> [AuditFailure] {
        guard !step.nodes.contains(where: \.groupFailed) else { return [] }
        let longest = longest(step.spans, from: .zero, to: step.windowEnd) { $0.isEmpty }
        guard longest > .milliseconds(bounds.outageMS) else { return [] }
        return [AuditFailure(audit: .outage, node: nil, detail: "no holder for \(milliseconds(longest)) (bound \(bounds.outageMS) ms)")]
    }

    static func control(_ step: StepObservation) -> [AuditFailure] {
        guard let probe = step.controlProbe, probe.answeredAfter == nil else { return [] }
        return [
            AuditFailure(
                audit: .control, node: nil, detail: "a fresh client got no status answer within \(milliseconds(probe.timeout)) during the flood")
        ]
    }

    /// `spans` cut to `from..<to`.
    static func clip(_ spans: [HolderSpan], from: Duration, to: Duration) -> [HolderSpan] {
        spans.compactMap { span in
            let start = max(span.from, from)
            let end = min(span.to, to)
            return end > start ? HolderSpan(holders: span.holders, from: start, to: end) : nil
        }
    }

    /// The longest stretch within `from..<to` of consecutive spans whose holders satisfy `matches`.
    static func longest(_ spans: [HolderSpan], from: Duration, to: Duration, where matches: (Set<String>) -> Bool) -> Duration {
        var best = Duration.zero
        var run = Duration.zero
        var runEnd: Duration?
        for span in clip(spans, from: from, to: to) {
            if matches(span.holders) {
                run = (runEnd == span.from ? run : .zero) + span.duration
                runEnd = span.to
                best = max(best, run)
            } else {
                run = .zero
                runEnd = nil
            }
        }
        return best
    }

    /// How many times `node` gained or lost the address over `spans`.
    static func moves(of node: String, in spans: [HolderSpan]) -> Int {
        zip(spans, spans.dropFirst()).filter { $0.holders.contains(node) != $1.holders.contains(node) }.count
    }

    static func milliseconds(_ duration: Duration) -> String {
        "\(Int((duration / .milliseconds(1)).rounded())) ms"
    }
}
