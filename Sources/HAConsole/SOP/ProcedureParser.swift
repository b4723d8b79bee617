/// Reads and validates a procedure file (format: `docs/sop-format.md`).
///
/// Never throws and never stops at the first problem: every problem is collected with its line,
/// and a procedure is returned only when there is none. Pure: the caller reads the file.
struct ProcedureParser {
    let file: String
    private(set) var diagnostics: [SOPDiagnostic] = []

    static let headerKeys = ["procedure", "title", "summary", "group", "nodes", "choose", "ask", "go-no-go"]
    static let stepKeys = ["title", "runs-on", "say", "action", "confirm", "command", "two-person", "verify", "timeout", "on-failure"]

    /// Parses `text`, read from `file` (used only in diagnostics and the result's `file`).
    static func parse(_ text: String, file: String) -> ProcedureParseResult {
        var parser = ProcedureParser(file: file)
        let procedure = parser.procedure(from: text)
        let diagnostics = parser.diagnostics.sorted { $0.line < $1.line }
        return ProcedureParseResult(procedure: diagnostics.isEmpty ? procedure : nil, diagnostics: diagnostics)
    }

    init(file: String) { self.file = file }

    mutating func error(_ line: Int, _ message: String) {
        diagnostics.append(SOPDiagnostic(file: file, line: line, message: message))
    }

    private mutating func procedure(from text: String) -> Procedure? {
        let source = ProcedureSourceLines(text: text, file: file)
        diagnostics += source.diagnostics
        let header = fields(source.header, allowed: Self.headerKeys, repeatable: [], context: "header")

        let name = header["procedure"].flatMap { word($0, what: "procedure name") } ?? ""
        let title = header["title"]?.value ?? ""
        let summary = header["summary"]?.value ?? ""
        for key in ["procedure", "title", "summary"] where header[key]?.value.isEmpty ?? true {
            error(header[key]?.line ?? 1, "missing '\(key):' in the header")
        }
        let group = header["group"].map { $0.value == "first" ? SOPGroupReference.first : .key($0.value) } ?? .first
        if let field = header["group"], field.value.isEmpty || field.value.contains(" ") {
            error(field.line, "group must be 'first' or one Heartbeat group key (its first resource), found '\(field.value)'")
        }
        var nodes: [String] = []
        if let field = header["nodes"] {
            nodes = field.value.split(separator: " ").map(String.init)
            for node in nodes where !Self.isName(node) || Self.reservedNames.contains(node) {
                error(field.line, "'\(node)' cannot be a node name in 'nodes:'")
            }
        }
        let choice = roleChoice(header, declaredNodes: nodes)
        var context = ProcedureReferenceContext(roles: SOPNodeReference.builtInRoles, nodes: nodes)
        if let choice { context.roles += [choice.role] + (choice.otherRole.map { [$0] } ?? []) }
        if let choice { checkPlaceholders(choice.question, line: header["ask"]?.line ?? 1, context: context, stepNode: false) }
        for key in ["title", "summary"] {
            if let field = header[key] { checkPlaceholders(field.value, line: field.line, context: context, stepNode: false) }
        }

        var steps: [ProcedureStep] = []
        var firstLine: [String: Int] = [:]
        for (stepField, stepFields) in source.steps {
            guard let step = step(stepField, stepFields, context: context) else { continue }
            if let first = firstLine[step.id] {
                error(stepField.line, "duplicate step id '\(step.id)' (first used on line \(first))")
            } else {
                firstLine[step.id] = stepField.line
            }
            steps.append(step)
        }
        if source.steps.isEmpty { error(max(1, source.header.last?.line ?? 1), "a procedure needs at least one 'step:'") }
        var procedure = Procedure(
            name: name, title: title, summary: summary, group: group, choice: choice, declaredNodes: nodes,
            steps: steps, file: file, digest: SOPDigest.sha256(text))
        if let field = header["go-no-go"] {
            if field.value != "yes" && field.value != "no" { error(field.line, "go-no-go must be 'yes' or 'no', found '\(field.value)'") }
            procedure.goNoGo = field.value == "yes"
        }
        return procedure
    }

    /// Fields by key; reports unknown, empty and duplicate keys.
    mutating func fields(
        _ list: [ProcedureSourceField], allowed: [String], repeatable: Set<String>, context: String
    ) -> [String: ProcedureSourceField] {
        var result: [String: ProcedureSourceField] = [:]
        for field in list {
            guard allowed.contains(field.key) else {
                error(field.line, "unknown \(context) field '\(field.key)' (expected one of: \(allowed.joined(separator: ", ")))")
                continue
            }
            if field.value.isEmpty { error(field.line, "'\(field.key):' needs a value") }
            if let first = result[field.key], !repeatable.contains(field.key) {
                error(field.line, "duplicate '\(field.key):' in the \(context) (first on line \(first.line))")
                continue
            }
            result[field.key] = result[field.key] ?? field
        }
        return result
    }

    private mutating func roleChoice(_ header: [String: ProcedureSourceField], declaredNodes: [String]) -> SOPRoleChoice? {
        guard let field = header["choose"] else {
            if let ask = header["ask"] { error(ask.line, "'ask:' without 'choose:'; it is the question for the chosen role") }
            return nil
        }
        let parts = field.value.split(separator: "/", omittingEmptySubsequences: false).map { SOPText.trimmed($0) }
        let names = parts.filter(Self.isName)
        guard parts.count <= 2, names.count == parts.count else {
            error(field.line, "choose must be 'ROLE' or 'ROLE / OTHER-ROLE', found '\(field.value)'")
            return nil
        }
        for name in names where SOPNodeReference.builtInRoles.contains(name) || Self.reservedNames.contains(name) || declaredNodes.contains(name) {
            error(field.line, "'\(name)' is already a role or node name; choose another role name")
        }
        if names.count == 2 && names[0] == names[1] { error(field.line, "the two roles in 'choose:' must differ") }
        if header["ask"] == nil {
            error(field.line, "'choose:' needs 'ask:', the question the operator answers by naming a node")
        }
        return SOPRoleChoice(role: names[0], otherRole: names.count == 2 ? names[1] : nil, question: header["ask"]?.value ?? "")
    }

    /// A single word of letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    static func isName(_ text: some StringProtocol) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
    }

    /// Words with a meaning of their own where a node name may stand.
    static let reservedNames: Set<String> = ["any", "nobody", "one", "both", "and", "or", "node"]

    /// The field's value when it is one name, else reports it.
    mutating func word(_ field: ProcedureSourceField, what: String) -> String? {
        guard Self.isName(field.value) else {
            error(field.line, "\(what) must be one word of letters, digits, '.', '_' or '-', found '\(field.value)'")
            return nil
        }
        return field.value
    }
}

/// What names a procedure may use: roles (built in and chosen) and nodes declared in `nodes:`.
struct ProcedureReferenceContext: Sendable {
    var roles: [String]
    var nodes: [String]

    /// The reference `word` stands for, or nil when it is neither a role nor a declared node.
    func reference(_ word: String) -> SOPNodeReference? {
        if roles.contains(word) { return .role(word) }
        if nodes.contains(word) { return .named(word) }
        return nil
    }

    /// For messages: every name a node reference may be.
    var known: String { (roles + nodes).joined(separator: ", ") }
}
