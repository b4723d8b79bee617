import HAProtocol

/// One execution of a ``Procedure``: a pure state machine, fed operator and live-state events,
/// returning what to send to the daemon and what to append to the audit trail.
///
/// Nothing here reads a clock or touches I/O: each event comes with a monotonic instant in
/// milliseconds (for deadlines and durations; the console passes `MonotonicTime`'s
/// `milliseconds`) and an ISO-8601 UTC wall time (for audit records). An action is sent
/// only after ``Event/confirm(node:)`` names its target node; a verification passes as soon as
/// live state satisfies it and fails at its timeout with the last values observed.
struct SOPRun: Sendable {
    /// Milliseconds on a monotonic clock; only differences matter.
    typealias Instant = Int64

    /// Where the run is.
    enum State: Hashable, Sendable {
        case notStarted
        /// Step `step` is shown; the operator reads it, then proceeds (or skips a manual step).
        case showing(step: Int)
        /// The console asks the operator to confirm `action` on `node` by naming the node.
        case awaitingConfirmation(step: Int, action: SOPStepAction, node: String)
        /// The action went to the daemon as request `requestID`; waiting for its answer.
        case actionSent(step: Int, requestID: Int, node: String)
        /// Watching live state until the verification holds or `deadline` passes.
        case verifying(step: Int, deadline: Instant)
        /// The step is proven; `evidence` is what was observed. Proceed to the next step.
        case passed(step: Int, evidence: [String])
        /// The run stopped at `step`: what was last observed, and what to do next.
        case failed(step: Int, observed: [String], onFailure: String)
        /// The operator stopped the run (at `step`, if it had started).
        case aborted(step: Int?, reason: String)
        /// Every step passed or was skipped.
        case completed
    }

    /// Something that happened: an operator's decision, new live state, or time passing.
    enum Event: Sendable {
        /// Resolve the roles against the latest snapshot and show the first step.
        case start(SOPRunStart)
        /// Go on with a run whose console died, under its id (``SOPInterruptedRun``).
        case resume(SOPRunResume)
        /// A second operator's approval of a two-person step, read from the audit trail.
        case approval(SOPApprovalGiven)
        /// Continue: from a shown step to its confirmation or verification; from a passed step to the next.
        case proceed
        /// The operator confirms the pending action by naming its target node.
        case confirm(node: String)
        /// The operator refuses the pending action; the step is shown again.
        case decline
        /// Skip the current step (manual steps only).
        case skip
        case abort(reason: String)
        case snapshot(ClusterSnapshot)
        /// The DRBD status read from `node`.
        case drbd(node: String, status: DRBDStatus)
        /// New lines of `node`'s ha-log, in order.
        case log(node: String, entries: [HALogEntry])
        /// The daemon's answer to a request the run sent.
        case response(ControlResponse)
        /// Time passed; deadlines are checked against the event's instant.
        case tick
    }

    /// What the caller must do.
    enum Effect: Hashable, Sendable {
        /// Send this request to the daemon on `request.node` and feed its answer back as ``Event/response(_:)``.
        case send(ControlRequest)
        /// Append this record to the audit trail.
        case audit(SOPAuditRecord)
        /// Tell the operator why their input was not taken; the state did not change.
        case refused(String)
        /// Start the stopped daemon on `node` (action `start`; only when the run
        /// ``canStartNodes``) and feed the outcome back as ``Event/response(_:)`` with `requestID`.
        case start(node: String, requestID: Int)
    }

    /// How each step ended, by step index.
    enum StepOutcome: Hashable, Sendable {
        case passed(evidence: [String], durationMilliseconds: Int64)
        case skipped
        case failed(observed: [String])
    }

    // The properties below are read by the console; only `handle(_:at:wallTime:)` changes them
    // (they are not `private(set)` because the transitions live in extensions in other files).

    let procedure: Procedure
    var state: State = .notStarted
    /// The roles as resolved at start; nil before.
    var roles: SOPRoles?
    /// The run's id in the audit trail; nil before start.
    var runID: String?
    var observations = SOPObservations()
    var outcomes: [Int: StepOutcome] = [:]
    /// The last evaluation of the current verification, for display while it waits.
    var lastEvaluation: SOPEvaluation?

    var nextRequestID: Int
    var startedAt: Instant?
    var phaseStartedAt: Instant?
    var logBaseline = 0
    /// Whether the console can start a stopped node itself (see ``SOPRunStart/canStartNodes``).
    var canStartNodes = false
    /// A rehearsal (``SOPRunStart/dryRun``): steps are shown and walked, nothing is performed,
    /// verified or recorded.
    var isDryRun = false
    /// Steps whose action a resumed run's records say was already sent: Enter verifies them.
    var performedActions: Set<Int> = []
    /// The step a resumed run re-checks before going on, while it does.
    var reverifying: Int?
    /// Who runs the procedure (``SOPRunStart/user``): a two-person step needs someone else.
    var operatorUser: String?
    /// The token the shown two-person step waits on, if any.
    var pendingApproval: SOPPendingApproval?
    /// Two-person steps approved in this run, by step index: the second operator.
    var approvals: [Int: SOPApprovalGiven] = [:]
    /// New approval tokens (``SOPApproval/token()``; tests pass a fixed one).
    var makeToken: @Sendable () -> String = SOPApproval.token

    /// A run of `procedure` whose requests are numbered from `firstRequestID`.
    init(procedure: Procedure, firstRequestID: Int = 1) {
        self.procedure = procedure
        self.nextRequestID = firstRequestID
    }

    /// Whether the run has ended (completed, failed or aborted).
    var isFinished: Bool {
        switch state {
        case .completed, .failed, .aborted: true
        default: false
        }
    }

    /// The index of the step the run is at, if any.
    var currentStep: Int? {
        switch state {
        case .showing(let step), .awaitingConfirmation(let step, _, _), .actionSent(let step, _, _),
            .verifying(let step, _), .passed(let step, _), .failed(let step, _, _):
            step
        case .aborted(let step, _): step
        case .notStarted, .completed: nil
        }
    }

    /// The node `procedure.steps[index]` runs on in this run; nil for `any` or before start.
    func node(ofStep index: Int) -> String? {
        guard case .node(let reference) = procedure.steps[index].target else { return nil }
        return roles?.node(reference)
    }

    /// Handles one event at monotonic instant `now`; `wallTime` (ISO-8601 UTC) stamps audit records.
    mutating func handle(_ event: Event, at now: Instant, wallTime: String) -> [Effect] {
        var context = Context(now: now, wallTime: wallTime)
        switch event {
        case .start(let start): begin(start, &context)
        case .resume(let resume): self.resume(resume, &context)
        case .approval(let given): approve(given, &context)
        case .proceed: proceed(&context)
        case .confirm(let node): confirm(node, &context)
        case .decline: decline(&context)
        case .skip: skip(&context)
        case .abort(let reason): abort(reason, &context)
        case .snapshot(let snapshot):
            observations.snapshot = snapshot
            reevaluate(&context)
        case .drbd(let node, let status):
            observations.drbd[node] = status
            reevaluate(&context)
        case .log(let node, let entries):
            observations.appendLog(from: node, entries)
            reevaluate(&context)
        case .response(let response): receive(response, &context)
        case .tick: reevaluate(&context)
        }
        // The one gate of a rehearsal: whatever a transition asked for, nothing acts or is recorded.
        if isDryRun { return context.effects.filter { if case .refused = $0 { true } else { false } } }
        return context.effects
    }

    /// The instant and wall time of the event being handled, and the effects it produced.
    struct Context {
        var now: Instant
        var wallTime: String
        var effects: [Effect] = []
    }
}

/// Who starts a run and where, and the node they name for the procedure's `choose:` role.
struct SOPRunStart: Hashable, Sendable {
    /// The operator (see ``SOPOperatorIdentity``).
    var user: String
    /// The host the console runs on.
    var host: String
    /// The node named for `choose:`, when the procedure has one.
    var chosen: String?
    /// The run's id; derived from the procedure's name and the start time when nil.
    var runID: String?
    /// Whether the console launched the nodes and can start a stopped one (`haconsole demo`):
    /// then action `start` is performed after confirmation; otherwise the operator runs the
    /// step's commands and Enter goes straight to the verification.
    var canStartNodes: Bool
    /// A rehearsal (`haconsole --dry-run`): each step is shown with what it would do, Enter
    /// walks on, and no request, node start or audit record leaves the run.
    var dryRun: Bool
    /// The console's process id, recorded so that a later console can tell it is gone.
    var pid: Int32?

    init(
        user: String, host: String, chosen: String? = nil, runID: String? = nil, canStartNodes: Bool = false, dryRun: Bool = false,
        pid: Int32? = nil
    ) {
        self.pid = pid
        self.user = user
        self.host = host
        self.chosen = chosen
        self.runID = runID
        self.canStartNodes = canStartNodes
        self.dryRun = dryRun
    }
}
