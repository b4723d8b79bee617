/// A token a two-person step waits on: a second operator types it into `haconsole sop approve`.
struct SOPPendingApproval: Hashable, Sendable {
    var step: Int
    var token: String
    /// Monotonic instant after which the token no longer counts, and the same as wall time.
    var deadline: SOPRun.Instant
    var expires: String
}

extension SOPRun {
    /// Enter on an unapproved two-person step: a new token (or the one still valid), recorded
    /// with the first operator's name, and shown to them.
    mutating func requestApproval(_ index: Int, _ context: inout Context) {
        if let pending = pendingApproval, pending.step == index, context.now < pending.deadline {
            return context.effects.append(.refused(approvalWaiting(pending)))
        }
        let pending = SOPPendingApproval(
            step: index, token: makeToken(), deadline: context.now + SOPApproval.lifetimeSeconds * 1000,
            expires: SOPApproval.isoTime(context.wallTime, plus: SOPApproval.lifetimeSeconds))
        pendingApproval = pending
        var record = self.record(.approvalRequested, context, step: index)
        record.user = operatorUser
        record.token = pending.token
        record.expires = pending.expires
        record.detail = "two-person step: waiting for a second operator (not \(operatorUser ?? "?")) to approve"
        context.effects += [.audit(record), .refused(approvalWaiting(pending))]
    }

    /// What the first operator reads while the step waits.
    func approvalWaiting(_ pending: SOPPendingApproval) -> String {
        "Two-person step: a second operator (not \(operatorUser ?? "you")) runs  haconsole sop approve \(pending.token)  before \(pending.expires); the step goes on once they have"
    }

    /// A second operator's approval seen in the trail: it counts only for the pending token,
    /// before it expires, from another person than the one running the procedure.
    mutating func approve(_ given: SOPApprovalGiven, _ context: inout Context) {
        guard let pending = pendingApproval, pending.token == given.token else {
            return refuseApproval(given, "token \(given.token) is not the one this run waits for", &context)
        }
        guard context.now < pending.deadline else {
            pendingApproval = nil
            return refuseApproval(given, "token \(given.token) expired at \(pending.expires); press Enter for a new one", &context)
        }
        guard given.approver != operatorUser else {
            return refuseApproval(given, "\(given.approver) runs this procedure and cannot approve it too; a second operator must", &context)
        }
        pendingApproval = nil
        approvals[pending.step] = given
        let step = procedure.steps[pending.step]
        let next =
            step.action != nil && step.action != .start
            ? "press Enter, then c and type \(node(ofStep: pending.step) ?? "the node") to perform the action"
            : "run the commands, then press Enter to verify"
        context.effects.append(.refused("approved by \(given.approver) on \(given.host) at \(given.time): \(next)"))
    }

    mutating func refuseApproval(_ given: SOPApprovalGiven, _ why: String, _ context: inout Context) {
        var record = self.record(.approvalRefused, context, step: pendingApproval?.step ?? currentStep)
        record.user = operatorUser
        record.token = given.token
        record.approver = given.approver
        record.approverHost = given.host
        record.detail = why
        context.effects += [.audit(record), .refused("approval not counted: \(why)")]
    }

    /// A token past its time is dropped (recorded), so that a late approval cannot count.
    mutating func expireApproval(_ context: inout Context) {
        guard let pending = pendingApproval, context.now >= pending.deadline else { return }
        pendingApproval = nil
        var record = self.record(.approvalRefused, context, step: pending.step)
        record.user = operatorUser
        record.token = pending.token
        record.detail = "token \(pending.token) expired unused at \(pending.expires)"
        context.effects += [.audit(record), .refused("token \(pending.token) expired unused; press Enter for a new one")]
    }
}
