#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One line of the audit trail: something that happened in an SOP run, when, and the proof.
///
/// The trail is JSON lines, one record per line, keys sorted, absent fields left out, so that
/// `grep`, `jq` and a reviewer can read it. `time` is ISO-8601 UTC wall time, handed in by the
/// caller (`2026-11-22T04:51:02Z`); durations are milliseconds of monotonic time.
struct SOPAuditRecord: Codable, Hashable, Sendable {
    /// What a record reports.
    enum Event: String, Codable, Hashable, Sendable, CaseIterable {
        /// Who, where, which procedure text (file and digest), and how the roles resolved.
        case runStarted = "run_started"
        case stepShown = "step_shown"
        /// The operator named the target node and the console sent the action.
        case confirmationGiven = "confirmation_given"
        /// The operator named another node than the target; nothing was sent.
        case confirmationRefused = "confirmation_refused"
        /// The operator said no to the action; nothing was sent.
        case confirmationDeclined = "confirmation_declined"
        /// The daemon's answer to the action (or its silence).
        case actionResult = "action_result"
        case verificationPassed = "verification_passed"
        case verificationFailed = "verification_failed"
        /// A manual step the operator chose to skip.
        case stepSkipped = "step_skipped"
        /// The run ended: completed, or failed at a step.
        case runFinished = "run_finished"
        case runAborted = "run_aborted"
        /// The go/no-go before the first action: `outcome` go, no-go or backed out; `evidence`
        /// every check as `GO …`/`NO-GO …` with what was seen and where.
        case goNoGo = "go_no_go"
        /// The operator (`user`, `host`) typed the override word to act despite a no-go;
        /// `evidence` is the red items.
        case goNoGoOverride = "go_no_go_override"
        /// A new console took over a run whose console died: same run id, who resumed it, where.
        case runResumed = "run_resumed"
        /// A two-person step waits for a second operator: the token they type, until when.
        case approvalRequested = "approval_requested"
        /// A second operator approved the step (`haconsole sop approve TOKEN`): both names.
        case approvalGiven = "approval_given"
        /// An approval that did not count (the same operator, an unknown, used or expired token).
        case approvalRefused = "approval_refused"
    }

    /// ISO-8601 UTC wall time of the event.
    var time: String
    /// The run's id, the same on every record of one run.
    var run: String
    var event: Event
    /// The procedure's name.
    var procedure: String
    /// The step's id, for step events.
    var step: String?
    /// The node the step runs on or the action targets, when there is one.
    var node: String?
    /// The action as written (`shutdown`, `standby all`).
    var action: String?
    /// What happened, in words for the timeline.
    var detail: String?
    /// What was observed: the concrete values that passed or failed a verification.
    var evidence: [String]?
    /// How long it took: the verification, the action's answer, or the whole run.
    var durationMs: Int64?
    /// What to do next (a failed step's `on-failure`).
    var next: String?
    /// `completed`, `failed` or `aborted`, on the record that ends a run.
    var outcome: String?
    // Set on `run_started`, `run_resumed` and `go_no_go_override` only.
    var user: String?
    var host: String?
    var file: String?
    var digest: String?
    var roles: [String: String]?
    /// The console's process id, on `run_started` and `run_resumed`: a resume is offered only
    /// when that console is gone.
    var pid: Int32?
    // Two-person steps: the one-time token, when it expires (ISO-8601 UTC), and the second
    // operator (`user` is the first) with their host.
    var token: String?
    var expires: String?
    var approver: String?
    var approverHost: String?

    init(time: String, run: String, event: Event, procedure: String, step: String? = nil) {
        self.time = time
        self.run = run
        self.event = event
        self.procedure = procedure
        self.step = step
    }

    /// The record as one line of JSON, without the newline.
    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and enums only: encoding cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a record from one line of the trail.
    init(jsonLine: some StringProtocol) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(String(jsonLine).utf8))
    }

    /// Every record in `text` (a whole trail), and the line numbers of lines that are not records.
    static func records(in text: String) -> (records: [SOPAuditRecord], badLines: [Int]) {
        var records: [SOPAuditRecord] = []
        var bad: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == " " || $0 == "\r" }) {
            if let record = try? SOPAuditRecord(jsonLine: line) { records.append(record) } else { bad.append(index + 1) }
        }
        return (records, bad)
    }
}
