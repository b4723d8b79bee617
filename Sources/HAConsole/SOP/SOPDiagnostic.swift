/// A problem in a procedure file, printed like a compiler's: `sop/failover.sop:14: error: …`.
struct SOPDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The path as given to the parser.
    var file: String
    /// 1-based line the problem is on (the line of the step or field it concerns).
    var line: Int
    var message: String

    var description: String { "\(file):\(line): error: \(message)" }
}

/// The outcome of reading a procedure file: the procedure when it validates, and every problem.
struct ProcedureParseResult: Sendable {
    /// Nil when there is any diagnostic: the console refuses a procedure that does not validate.
    var procedure: Procedure?
    /// Every problem found, in line order.
    var diagnostics: [SOPDiagnostic]
}
