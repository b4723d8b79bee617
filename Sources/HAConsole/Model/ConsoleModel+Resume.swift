extension ConsoleModel {
    /// Reads the offered run's procedure once there is cluster data and nothing else is open.
    mutating func offerResume() -> [ConsoleEffect] {
        guard let offer = resumeOffer, autostart == nil, session == nil, picker == nil, state.snapshot != nil else { return [] }
        resumeOffer = nil
        pendingResume = offer
        return [.readProcedure(offer.file), .redraw]
    }

    /// Opens `fresh` (the offered run's procedure, just read) as an offer: Enter resumes the run,
    /// Esc leaves it unfinished. A procedure whose text changed since is not offered.
    mutating func offerResume(_ offer: SOPInterruptedRun, _ fresh: SOPSession) -> [ConsoleEffect] {
        pendingResume = nil
        let procedure = fresh.run.procedure
        guard procedure.digest == offer.digest, procedure.name == offer.procedure else {
            state.post(
                "SOP run \(offer.runID) did not finish, but \(offer.file) changed since it started: it cannot be resumed",
                severity: .warning, now: state.clock.now)
            return [.redraw]
        }
        var offered = fresh
        offered.typing = .none
        offered.resumeOffer = offer
        // Its id, so that aborting the offer (a, y) ends that run in the trail for good.
        offered.run.runID = offer.runID
        offered.notice = Self.resumeNotice(offer, procedure)
        session = offered
        return [.redraw]
    }

    /// What the offer says: whose run, how old, where it stopped, what Enter and Esc do.
    static func resumeNotice(_ offer: SOPInterruptedRun, _ procedure: Procedure) -> String {
        let settled = offer.lastSettledStep.flatMap { id in procedure.steps.firstIndex { $0.id == id } }
        let count = procedure.steps.count
        var text =
            "Run \(offer.runID) did not finish: its console (\(offer.user) on \(offer.host)) stopped \(offer.age) ago. "
        if let settled {
            text += "Last verified: step \(settled + 1)/\(count) \(procedure.steps[settled].id). "
            text +=
                settled + 1 < count
                ? "Enter re-checks it on the state now, then goes on with step \(settled + 2)/\(count) \(procedure.steps[settled + 1].id)"
                : "Enter re-checks it and finishes the run"
        } else {
            text += "No step was verified. Enter resumes it at step 1/\(count)"
        }
        for (step, time) in offer.performedActions.sorted(by: { $0.key < $1.key }) {
            text += "; the action of \(step) was sent at \(time) and is not sent again"
        }
        return text + ". Esc leaves it unfinished; a then y aborts it for good."
    }
}
