/// Folds a whole `drbdsetup events2` capture (e.g. `events2 --now --statistics`) into a status.
///
/// Lines are applied in order with `DRBDStatus.apply(events2Line:)`; blank lines are skipped and
/// each malformed line becomes a problem with its line number.
public enum DRBDEvents2Parser {
    /// Parses the text, starting from an empty status.
    public static func parse(_ text: String) -> DRBDParseResult {
        var status = DRBDStatus()
        var problems: [DRBDParseProblem] = []
        for (offset, line) in DRBDText.lines(text).enumerated() where !DRBDText.trimming(line).isEmpty {
            if case .failure(var problem) = status.apply(events2Line: line) {
                problem.line = offset + 1
                problems.append(problem)
            }
        }
        return DRBDParseResult(status: status, problems: problems)
    }
}
