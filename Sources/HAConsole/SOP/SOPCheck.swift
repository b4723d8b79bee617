/// `haconsole sop check [FILE…]`: validates procedure files and reports like a compiler. The
/// report is pure; reading the files is the shell's (`SOPCheck+Files.swift`).
enum SOPCheck {
    /// The folder checked when no file is named.
    static let defaultDirectory = "sop"

    /// The report for one file's text, and whether it validates. Pure: used by `run` and tests.
    static func check(_ text: String, file: String) -> (output: [String], valid: Bool) {
        let result = ProcedureParser.parse(text, file: file)
        guard let procedure = result.procedure else { return (result.diagnostics.map(\.description), false) }
        let steps = procedure.steps.count == 1 ? "1 step" : "\(procedure.steps.count) steps"
        return (["\(file): ok, \(steps)"], true)
    }
}
