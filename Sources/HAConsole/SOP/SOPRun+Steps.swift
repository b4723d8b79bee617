extension SOPRun {
    mutating func show(_ index: Int, _ context: inout Context) {
        state = .showing(step: index)
        lastEvaluation = nil
        pendingApproval = nil
        // `log … shows` counts only events read from here on: an old takeover line must not pass.
        logBaseline = observations.nextSequence
        var record = self.record(.stepShown, context, step: index)
        let step = procedure.steps[index]
        record.detail = "shown: \(step.title) (runs on \(node(ofStep: index) ?? "any node"))"
        context.effects.append(.audit(record))
    }

    /// A dry run's step: what it would do, instead of doing it; counted as skipped, not verified.
    mutating func rehearse(_ index: Int) {
        let step = procedure.steps[index]
        let shown = presentation(ofStep: index)
        var would = SOPDryRun.dryRunAction(step, shown).map { SOPText.trimmed($0) }
        would.append("Would verify: \(shown.verification) (timeout \(shown.timeout))")
        outcomes[index] = .skipped
        state = .passed(step: index, evidence: would)
    }

    mutating func startVerifying(_ index: Int, _ context: inout Context) {
        state = .verifying(step: index, deadline: context.now + procedure.steps[index].timeoutMilliseconds)
        phaseStartedAt = context.now
        reevaluate(&context)
    }

    mutating func pass(_ index: Int, _ evaluation: SOPEvaluation, _ context: inout Context) {
        let duration = phaseStartedAt.map { milliseconds(from: $0, to: context.now) } ?? 0
        var record = self.record(.verificationPassed, context, step: index)
        record.detail = (reverifying == index ? "re-verified after resume: " : "verified: ") + procedure.steps[index].verificationText
        reverifying = nil
        record.evidence = evaluation.observations
        record.durationMs = duration
        context.effects.append(.audit(record))
        outcomes[index] = .passed(evidence: evaluation.observations, durationMilliseconds: duration)
        state = .passed(step: index, evidence: evaluation.observations)
    }

    mutating func fail(_ index: Int, observed: [String], detail: String, _ context: inout Context) {
        let step = procedure.steps[index]
        let next = roles?.expand(step.onFailure, stepNode: node(ofStep: index)) ?? step.onFailure
        if case .verifying = state {
            var record = self.record(.verificationFailed, context, step: index)
            record.detail = detail
            record.evidence = observed
            record.durationMs = phaseStartedAt.map { milliseconds(from: $0, to: context.now) }
            record.next = next
            context.effects.append(.audit(record))
        }
        outcomes[index] = .failed(observed: observed)
        state = .failed(step: index, observed: observed, onFailure: next)
        var finish = self.record(.runFinished, context, step: index)
        finish.outcome = "failed"
        finish.detail = "run failed at step \(step.id)"
        finish.next = next
        finish.durationMs = startedAt.map { milliseconds(from: $0, to: context.now) }
        context.effects.append(.audit(finish))
    }

    mutating func advance(from index: Int, _ context: inout Context) {
        guard index + 1 >= procedure.steps.count else { return show(index + 1, &context) }
        let passed = outcomes.values.filter { if case .passed = $0 { return true } else { return false } }.count
        let skipped = outcomes.values.filter { $0 == .skipped }.count
        var record = self.record(.runFinished, context)
        record.outcome = "completed"
        record.detail = "run completed: \(passed) passed, \(skipped) skipped"
        record.durationMs = startedAt.map { milliseconds(from: $0, to: context.now) }
        context.effects.append(.audit(record))
        state = .completed
    }

    /// A record of this run stamped with the event's wall time, naming step `index` and its node.
    func record(_ event: SOPAuditRecord.Event, _ context: Context, step index: Int? = nil) -> SOPAuditRecord {
        var record = SOPAuditRecord(
            time: context.wallTime, run: runID ?? "", event: event, procedure: procedure.name,
            step: index.map { procedure.steps[$0].id })
        if let index { record.node = node(ofStep: index) }
        // A two-person step's records after its approval carry both operators.
        if let index, let approval = approvals[index] {
            record.user = operatorUser
            record.approver = approval.approver
            record.approverHost = approval.host
        }
        return record
    }

    /// Milliseconds from `start` to `end`.
    func milliseconds(from start: Instant, to end: Instant) -> Int64 { end - start }
}
