import HAProtocol

/// Who resumes an interrupted run, and where: the new console's ``SOPRunStart``, and the run.
struct SOPRunResume: Hashable, Sendable {
    var interrupted: SOPInterruptedRun
    var start: SOPRunStart
}

extension SOPRun {
    /// Takes over an interrupted run under its own id: re-checks the last step verified (on the
    /// state now, not trusted from the record) before the next one, and marks the steps whose
    /// action was already confirmed so that Enter verifies them instead of sending them again.
    mutating func resume(_ resume: SOPRunResume, _ context: inout Context) {
        guard case .notStarted = state else { return context.effects.append(.refused("the run has already started")) }
        let interrupted = resume.interrupted
        guard interrupted.procedure == procedure.name, interrupted.digest == procedure.digest else {
            return context.effects.append(
                .refused(
                    "cannot resume run \(interrupted.runID): \(procedure.file) is not the text it ran (sha256 \(interrupted.digest.prefix(12)) then, \(procedure.digest.prefix(12)) now); start a new run"
                ))
        }
        guard let snapshot = observations.snapshot else {
            return context.effects.append(
                .refused("no cluster data yet: the daemon does not answer (the screen says why); press Enter again once it does"))
        }
        let settled = interrupted.lastSettledStep.flatMap { id in procedure.steps.firstIndex { $0.id == id } }
        let groupKey: String? =
            switch procedure.group {
            case .first: snapshot.groups.first?.key
            case .key(let key): key
            }
        roles = SOPRoles(nodes: interrupted.roles, groupKey: groupKey)
        runID = interrupted.runID
        operatorUser = resume.start.user
        canStartNodes = resume.start.canStartNodes
        startedAt = context.now
        performedActions = Set(interrupted.performedActions.keys.compactMap { id in procedure.steps.firstIndex { $0.id == id } })
        let next = (settled ?? -1) + 1
        var record = self.record(.runResumed, context, step: next < procedure.steps.count ? next : nil)
        record.user = resume.start.user
        record.host = resume.start.host
        record.pid = resume.start.pid
        record.file = procedure.file
        record.digest = procedure.digest
        record.roles = interrupted.roles
        let verified =
            settled.map { "last step verified or skipped: \(procedure.steps[$0].id) (\($0 + 1)/\(procedure.steps.count))" } ?? "no step verified yet"
        record.detail =
            "run resumed by \(resume.start.user) on \(resume.start.host) after its console (\(interrupted.user) on \(interrupted.host)) stopped; last record \(interrupted.lastRecordTime), \(interrupted.age) before; \(verified)"
        context.effects.append(.audit(record))
        var notice = ["resumed run \(interrupted.runID)"]
        for index in performedActions.sorted() {
            let action = procedure.steps[index].action.map { "\($0)" } ?? "its action"
            let when = interrupted.performedActions[procedure.steps[index].id] ?? "?"
            notice.append("\(action) of step \(procedure.steps[index].id) was already sent at \(when): Enter verifies it without sending it again")
        }
        if let settled {
            notice.append("re-checking step \(procedure.steps[settled].id) on the state now before going on")
            reverifying = settled
            // The step was proven once from the log: the lines this console read at start count again.
            logBaseline = 0
            startVerifying(settled, &context)
        } else {
            show(0, &context)
        }
        context.effects.append(.refused(notice.joined(separator: "; ")))
    }
}
