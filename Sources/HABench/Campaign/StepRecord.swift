/// One step's result: its plan, resolved target, the figures the table aggregates and the
/// audits that failed. Written to the JSON as it is.
struct StepRecord: Codable, Sendable {
    var step: Int
    var plan: FaultPlan
    /// The node the plan's role resolved to, and its role when the step began.
    var target: String
    var role: TargetRole?
    /// The longest and the total time with no holder, from the injection to the window's end.
    var noHolderLongestMS: Double
    var noHolderTotalMS: Double
    /// The longest time with two holders from the injection to the window's end (fault and
    /// settling included), and after settling alone.
    var twoHoldersLongestMS: Double
    var twoHoldersAfterSettledMS: Double
    /// From the recovery to settled; nil when the pair did not settle.
    var settledAfterMS: Double?
    /// The highest UDP datagram rate of any node once settled.
    var datagramsPerSecond: Double
    var failures: [AuditFailure]
    /// What the campaign did besides the fault (a reset after a failure, a crash it saw).
    var notes: [String] = []
    /// The step's wall time, reset included.
    var wallMS: Double = 0
    /// A group was left failed (a start or stop that did not complete): its operator's turn.
    var awaitsOperator = false

    var passed: Bool { failures.isEmpty }

    /// The figures of `observation`, audited.
    init(step: Int, plan: FaultPlan, target: String, observation: StepObservation, failures: [AuditFailure]) {
        self.step = step
        awaitsOperator = observation.nodes.contains { $0.groupFailed }
        self.plan = plan
        self.target = target
        let end = observation.windowEnd
        let spans = observation.spans
        noHolderLongestMS = CampaignAudit.longest(spans, from: .zero, to: end) { $0.isEmpty }.fractionalMilliseconds
        noHolderTotalMS =
            CampaignAudit.clip(spans, from: .zero, to: end).filter { $0.holders.isEmpty }.reduce(Duration.zero) { $0 + $1.duration }
            .fractionalMilliseconds
        twoHoldersLongestMS = CampaignAudit.longest(spans, from: .zero, to: end) { $0.count > 1 }.fractionalMilliseconds
        twoHoldersAfterSettledMS =
            CampaignAudit.longest(spans, from: CampaignAudit.auditStart(observation), to: end) { $0.count > 1 }.fractionalMilliseconds
        settledAfterMS = observation.settled.map { ($0 - observation.recovered).fractionalMilliseconds }
        datagramsPerSecond = observation.datagramRates.values.max() ?? 0
        self.failures = failures
    }
}
