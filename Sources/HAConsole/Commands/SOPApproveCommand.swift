import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `haconsole sop approve TOKEN`: the second operator of a two-person step.
struct SOPApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve a two-person SOP step as the second operator.",
        discussion: """
            A step marked 'two-person: yes' (drbd-split-brain's --discard-my-data) waits until a \
            second person approves it: the console shows a one-time token, and that person runs \
            this command with it, from their own shell and login. The approval is appended to the \
            audit trail with both names; the console sees it and the step goes on. The operator \
            who runs the procedure cannot approve it; a token counts once and expires after 10 \
            minutes. Use the same --audit as the console.

            Exit status: 0 approved; 1 not approved (the reason is printed, and recorded when \
            the token is known) or the audit trail cannot be read or written.

            Example:
              haconsole sop approve k7m2qx9p
            """)

    @Argument(help: "The token the first operator's console shows.") var token: String
    @OptionGroup var auditTrail: AuditOption

    func run() throws {
        let audit = auditTrail.audit
        let me = SOPOperatorIdentity.currentUser()
        let host = SOPOperatorIdentity.currentHost()
        // One approver at a time: two people typing the same token cannot both use it.
        let lock = open(audit, O_RDONLY | O_CLOEXEC)
        guard lock >= 0 else {
            printError("haconsole: cannot read \(audit): \(String(cString: strerror(errno))) (give the console's --audit)")
            throw ExitCode(1)
        }
        defer { close(lock) }
        _ = flock(lock, LOCK_EX)
        let records: [SOPAuditRecord]
        do {
            records = SOPAuditRecord.records(in: try SOPFiles.readTail(audit, maxBytes: SOPResumeOffer.maxTrailBytes)).records
        } catch {
            printError("haconsole: cannot read \(audit): \(error)")
            throw ExitCode(1)
        }
        let now = isoNow()
        let token = token.lowercased()
        switch SOPApproval.check(token: token, approver: me, records: records, now: SOPInterruptedRun.epochSeconds(now) ?? 0) {
        case .success(let request):
            try append(SOPApproval.approval(of: request, approver: me, host: host, time: now), to: audit)
            print("approved by \(me) on \(host): step \(request.step ?? "?") of \(request.procedure) (run \(request.run)) for \(request.user ?? "?")")
        case .failure(let refusal):
            if let request = records.last(where: { $0.event == .approvalRequested && $0.token == token }) {
                var record = SOPAuditRecord(time: now, run: request.run, event: .approvalRefused, procedure: request.procedure, step: request.step)
                record.token = token
                record.user = request.user
                record.approver = me
                record.approverHost = host
                record.detail = "\(refusal)"
                try? append(record, to: audit)
            }
            printError("haconsole: not approved: \(refusal)")
            throw ExitCode(1)
        }
    }

    private func append(_ record: SOPAuditRecord, to audit: String) throws {
        do {
            try SOPAuditWriter(path: audit).append([record])
        } catch {
            printError("haconsole: cannot write \(audit): \(error)")
            throw ExitCode(1)
        }
    }
}
