/// A field of a procedure file as written: `key: value`, with its continuation lines.
struct ProcedureSourceField: Hashable, Sendable {
    var key: String
    /// The line of `key:`.
    var line: Int
    /// The value's text on each physical line (first the rest of the key line), trimmed.
    var segments: [(line: Int, text: String)]

    /// The value as one line: segments joined by single spaces, empty segments dropped.
    var value: String { segments.map(\.text).filter { !$0.isEmpty }.joined(separator: " ") }

    static func == (a: ProcedureSourceField, b: ProcedureSourceField) -> Bool {
        a.key == b.key && a.line == b.line && a.segments.map(\.line) == b.segments.map(\.line)
            && a.segments.map(\.text) == b.segments.map(\.text)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(line)
    }
}

/// The file split into its header fields and its steps' fields, before any meaning is checked.
///
/// Layout rules (docs/sop-format.md): `#` starts a comment line; header fields and `step:` start
/// in column 0; a step's fields are indented by exactly 2 spaces; a line indented deeper than
/// its field (2+ spaces in the header, 4+ in a step) continues that field. Tabs are refused.
struct ProcedureSourceLines: Sendable {
    var header: [ProcedureSourceField] = []
    /// Each step: its `step:` field, then its own fields.
    var steps: [(step: ProcedureSourceField, fields: [ProcedureSourceField])] = []
    var diagnostics: [SOPDiagnostic] = []

    init(text: String, file: String) {
        var lineNumber = 0
        // The field being read, and whether it belongs to the header, a step, or is `step:` itself.
        var open: (field: ProcedureSourceField, place: Place)?
        var previousWasBlank = false

        func flush() {
            guard let (field, place) = open else { return }
            switch place {
            case .header: header.append(field)
            case .stepLine: steps.append((field, []))
            case .stepField: steps[steps.count - 1].fields.append(field)
            }
            open = nil
        }
        func problem(_ message: String) {
            diagnostics.append(SOPDiagnostic(file: file, line: lineNumber, message: message))
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            let content = line.dropFirst(indent.count)
            if content.isEmpty {
                previousWasBlank = true
                continue
            }
            if content.first == "#" { continue }
            defer { previousWasBlank = false }
            if indent.contains("\t") {
                problem("tab in indentation; indent with spaces (2 for step fields, 4 for continued lines)")
                continue
            }
            let width = indent.count
            let inStep = !steps.isEmpty || open?.place == .stepLine
            if (!inStep && width >= 2) || (inStep && width >= 4) {
                guard let (openField, place) = open, !previousWasBlank else {
                    problem("indented line continues no field; a continued line directly follows its field")
                    continue
                }
                var field = openField
                field.segments.append((lineNumber, SOPText.trimmed(content)))
                open = (field, place)
                continue
            }
            guard width == 0 || (inStep && width == 2) else {
                problem(
                    inStep
                        ? "indent step fields by 2 spaces and continued lines by 4 or more"
                        : "indent continued lines by 2 or more spaces")
                continue
            }
            flush()
            guard let (key, value) = Self.keyValue(content) else {
                problem("expected 'key: value', found '\(Self.excerpt(content))'")
                continue
            }
            let field = ProcedureSourceField(key: key, line: lineNumber, segments: [(lineNumber, SOPText.trimmed(value))])
            if width == 0 && key == "step" {
                open = (field, .stepLine)
            } else if width == 0 && inStep {
                problem("header field '\(key)' after the first step; move it above the first 'step:' or indent it by 2")
            } else {
                open = (field, width == 0 ? .header : .stepField)
            }
        }
        flush()
    }

    private enum Place { case header, stepLine, stepField }

    /// `key: value` with a lowercase key of letters and `-`; nil when the line is not one.
    static func keyValue(_ content: Substring) -> (String, Substring)? {
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let key = content[..<colon]
        guard !key.isEmpty, key.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" }) else { return nil }
        let rest = content[content.index(after: colon)...]
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (String(key), rest)
    }

    /// At most 40 characters of `text`, for a message.
    static func excerpt(_ text: some StringProtocol) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : String(text)
    }
}
