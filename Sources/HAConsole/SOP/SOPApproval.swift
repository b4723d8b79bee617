import HAProtocol

/// The second operator of a two-person step (`two-person: yes`): a one-time token the console
/// shows, and the rules an approval must meet, shared by `haconsole sop approve` and the run.
///
/// The console records `approval_requested` (the token, the first operator, the expiry); the
/// second operator, in another shell, runs `haconsole sop approve TOKEN`, which appends
/// `approval_given` with their identity to the same audit trail; the console sees it and lets
/// the step go on. A token counts once, for ``lifetimeSeconds``, and never for the operator
/// who asked for it.
enum SOPApproval {
    /// How long a token stays valid.
    static let lifetimeSeconds: Int64 = 600

    /// Letters and digits that read unambiguously aloud and on any screen (no 0/O, 1/l/I).
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    /// A new token: 8 characters (about 40 bits) from the system's random source.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Why an approval does not count.
    enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        case unknownToken(String)
        case expired(token: String, at: String)
        case alreadyUsed(token: String, by: String)
        case sameOperator(String)

        var description: String {
            switch self {
            case .unknownToken(let token): "no two-person step waits for token \(token) (check the token on the first operator's screen)"
            case .expired(let token, let at): "token \(token) expired at \(at); the first operator presses Enter for a new one"
            case .alreadyUsed(let token, let by): "token \(token) was already used (approved by \(by)); a token counts once"
            case .sameOperator(let user):
                "\(user) asked for this approval and cannot give it: a second operator, another person, must run 'haconsole sop approve'"
            }
        }
    }

    /// The request `token` names in `records` (a trail), if `approver` may approve it at `now`
    /// (seconds since the epoch).
    static func check(token: String, approver: String, records: [SOPAuditRecord], now: Int64) -> Result<SOPAuditRecord, Refusal> {
        guard let request = records.last(where: { $0.event == .approvalRequested && $0.token == token }) else {
            return .failure(.unknownToken(token))
        }
        if let used = records.first(where: { $0.event == .approvalGiven && $0.token == token }) {
            return .failure(.alreadyUsed(token: token, by: used.approver ?? "?"))
        }
        guard let expires = request.expires, let deadline = SOPInterruptedRun.epochSeconds(expires), now < deadline else {
            return .failure(.expired(token: token, at: request.expires ?? "?"))
        }
        guard request.user != approver else { return .failure(.sameOperator(approver)) }
        return .success(request)
    }

    /// The `approval_given` record for `request`, by `approver` on `host` at `time`.
    static func approval(of request: SOPAuditRecord, approver: String, host: String, time: String) -> SOPAuditRecord {
        var record = SOPAuditRecord(time: time, run: request.run, event: .approvalGiven, procedure: request.procedure, step: request.step)
        record.node = request.node
        record.token = request.token
        record.user = request.user
        record.approver = approver
        record.approverHost = host
        record.detail = "approved by \(approver) on \(host) for \(request.user ?? "?"): step \(request.step ?? "?") may go on"
        return record
    }

    /// `time` (ISO-8601 UTC) plus `seconds`, in the same form; `time` itself when it does not parse.
    static func isoTime(_ time: String, plus seconds: Int64) -> String {
        guard let start = SOPInterruptedRun.epochSeconds(time) else { return time }
        return CivilDate.isoUTC(epochSeconds: start + seconds)
    }
}

/// What the console saw in the trail: a second operator's `approval_given` for a token.
struct SOPApprovalGiven: Hashable, Sendable {
    var token: String
    var approver: String
    var host: String
    var time: String
}
