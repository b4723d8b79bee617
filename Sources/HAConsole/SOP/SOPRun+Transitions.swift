import HAProtocol

extension SOPRun {
    mutating func begin(_ start: SOPRunStart, _ context: inout Context) {
        guard case .notStarted = state else { return context.effects.append(.refused("the run has already started")) }
        guard let snapshot = observations.snapshot else {
            return context.effects.append(
                .refused("no cluster data yet: the daemon does not answer (the screen says why); start it, then press Enter to start the run"))
        }
        let resolved: SOPRoles
        switch SOPRoles.resolve(procedure, snapshot: snapshot, chosen: start.chosen) {
        case .success(let roles): resolved = roles
        case .failure(let problem): return context.effects.append(.refused("cannot start \(procedure.name): \(problem)"))
        }
        roles = resolved
        operatorUser = start.user
        canStartNodes = start.canStartNodes
        isDryRun = start.dryRun
        runID = start.runID ?? "\(procedure.name)-\(context.wallTime.filter { $0 != "-" && $0 != ":" })"
        startedAt = context.now
        var record = self.record(.runStarted, context)
        record.user = start.user
        record.host = start.host
        record.pid = start.pid
        record.file = procedure.file
        record.digest = procedure.digest
        record.roles = resolved.nodes
        record.detail = "run started by \(start.user) on \(start.host): \(procedure.title) (\(resolved.summary))"
        context.effects.append(.audit(record))
        show(0, &context)
    }

    mutating func proceed(_ context: inout Context) {
        switch state {
        case .showing(let index):
            let step = procedure.steps[index]
            if isDryRun {
                rehearse(index)
            } else if performedActions.contains(index) {
                // Sent before the console died: verify it, never send it again unasked.
                startVerifying(index, &context)
            } else if step.twoPerson && approvals[index] == nil {
                requestApproval(index, &context)
            } else if step.action == .start, !canStartNodes {
                // Nothing here can start that node: the operator runs the step's commands there.
                startVerifying(index, &context)
            } else if let action = step.action, let node = node(ofStep: index) {
                state = .awaitingConfirmation(step: index, action: action, node: node)
            } else {
                startVerifying(index, &context)
            }
        case .passed(let index, _):
            advance(from: index, &context)
        default:
            context.effects.append(.refused(waitingFor(context.now)))
        }
    }

    mutating func confirm(_ named: String, _ context: inout Context) {
        guard case .awaitingConfirmation(let index, let action, let target) = state else {
            return context.effects.append(.refused("no action is waiting for confirmation"))
        }
        let step = procedure.steps[index]
        guard named == target else {
            var record = self.record(.confirmationRefused, context, step: index)
            record.action = action.description
            record.detail = "confirmation named \(named), but \(action) targets \(target); nothing sent"
            context.effects += [.audit(record), .refused("\(action) is for \(target), not \(named); type \(target) to confirm")]
            return
        }
        let requestID = nextRequestID
        nextRequestID += 1
        var record = self.record(.confirmationGiven, context, step: index)
        record.action = action.description
        record.detail = "operator confirmed \(action) on \(target)"
        context.effects.append(.audit(record))
        if let operation = action.operation {
            var request = ControlRequest(
                id: requestID, op: operation, node: target, resources: action.resources,
                reason: "SOP \(procedure.name) step \(step.id) (run \(runID ?? ""))")
            if action == .move { request.resource = roles?.groupKey }
            context.effects.append(.send(request))
        } else {
            context.effects.append(.start(node: target, requestID: requestID))
        }
        state = .actionSent(step: index, requestID: requestID, node: target)
        phaseStartedAt = context.now
    }

    mutating func decline(_ context: inout Context) {
        guard case .awaitingConfirmation(let index, let action, let target) = state else {
            return context.effects.append(.refused("no action is waiting for confirmation"))
        }
        var record = self.record(.confirmationDeclined, context, step: index)
        record.action = action.description
        record.detail = "operator declined \(action) on \(target); nothing sent"
        context.effects.append(.audit(record))
        state = .showing(step: index)
    }

    mutating func skip(_ context: inout Context) {
        let index: Int
        switch state {
        case .showing(let step), .verifying(let step, _): index = step
        default: return context.effects.append(.refused("there is no step to skip now"))
        }
        guard procedure.steps[index].isManual else {
            return context.effects.append(.refused("only manual steps (commands to run by hand) can be skipped; abort to stop"))
        }
        var record = self.record(.stepSkipped, context, step: index)
        record.detail = "skipped by the operator"
        context.effects.append(.audit(record))
        outcomes[index] = .skipped
        advance(from: index, &context)
    }

    mutating func abort(_ reason: String, _ context: inout Context) {
        guard !isFinished else { return context.effects.append(.refused("the run has already ended")) }
        let index = currentStep
        if runID != nil {
            var record = self.record(.runAborted, context, step: index)
            record.detail = "aborted by the operator: \(reason)"
            record.outcome = "aborted"
            record.durationMs = startedAt.map { milliseconds(from: $0, to: context.now) }
            context.effects.append(.audit(record))
        }
        state = .aborted(step: index, reason: reason)
    }

    mutating func receive(_ response: ControlResponse, _ context: inout Context) {
        guard case .actionSent(let index, let requestID, let node) = state, response.id == requestID else { return }
        let action = procedure.steps[index].action!
        var record = self.record(.actionResult, context, step: index)
        record.action = action.description
        record.durationMs = phaseStartedAt.map { milliseconds(from: $0, to: context.now) }
        if let error = response.error {
            let observed =
                action == .start
                ? "could not start \(node): \(error.message)"
                : "the daemon on \(node) refused \(action): \(error.code.rawValue): \(error.message)"
            record.detail = observed
            record.outcome = "failed"
            context.effects.append(.audit(record))
            fail(index, observed: [observed], detail: observed, &context)
        } else {
            record.detail = "\(action) on \(node): \(response.message ?? "accepted")"
            context.effects.append(.audit(record))
            startVerifying(index, &context)
        }
    }

    /// Checks the current verification (or the action's answer) against live state and the deadline.
    mutating func reevaluate(_ context: inout Context) {
        expireApproval(&context)
        switch state {
        case .verifying(let index, let deadline):
            let step = procedure.steps[index]
            let evaluation = step.verification.evaluate(in: observations, roles: roles!, logSince: logBaseline)
            lastEvaluation = evaluation
            if evaluation.satisfied && context.now <= deadline {
                pass(index, evaluation, &context)
            } else if context.now >= deadline {
                let timeout = SOPTimeline.duration(step.timeoutMilliseconds)
                fail(index, observed: evaluation.observations, detail: "not verified within \(timeout): \(step.verificationText)", &context)
            }
        case .actionSent(let index, _, let node):
            let step = procedure.steps[index]
            guard let sent = phaseStartedAt, milliseconds(from: sent, to: context.now) >= step.timeoutMilliseconds else { return }
            let observed = "no answer from the daemon on \(node) within \(SOPTimeline.duration(step.timeoutMilliseconds))"
            var record = self.record(.actionResult, context, step: index)
            record.action = step.action?.description
            record.detail = observed
            record.outcome = "failed"
            record.durationMs = milliseconds(from: sent, to: context.now)
            context.effects.append(.audit(record))
            fail(index, observed: [observed], detail: observed, &context)
        default:
            break
        }
    }

    /// Why Enter does nothing now, and what does: said instead of a bare "nothing to proceed to".
    func waitingFor(_ now: Instant) -> String {
        switch state {
        case .awaitingConfirmation(_, let action, let node):
            "\(action) on \(node) waits for your confirmation: press c and type \(node), or d to decline"
        case .actionSent(_, _, let node):
            "waiting for \(node) to answer; the step goes on by itself"
        case .verifying(_, let deadline):
            "verifying on live state; the step passes by itself, or fails in \(SOPTimeline.duration(max(0, deadline - now)))"
        case .failed, .aborted, .completed:
            "the run has ended: Esc closes it (the audit trail has the record)"
        case .notStarted:
            "the run has not started: answer its question first"
        case .showing, .passed:
            "nothing to proceed to now"
        }
    }
}
