/// What a DRBD text parser returns: the model it could build and every problem it met.
///
/// Parsers never trap and never stop at the first problem: a malformed line is reported and
/// skipped, and the rest of the input still contributes to `status`.
public struct DRBDParseResult: Hashable, Sendable {
    /// The (possibly partial) status.
    public var status: DRBDStatus
    /// The problems met, in input order; empty when the input was fully understood.
    public var problems: [DRBDParseProblem]

    /// Creates a result.
    public init(status: DRBDStatus, problems: [DRBDParseProblem] = []) {
        self.status = status
        self.problems = problems
    }
}
