import HAProtocol

extension ProcedureParser {
    /// A `verify:` expression: clauses joined by `and`, alternatives by `or` (see ``SOPCondition``).
    mutating func condition(_ field: ProcedureSourceField, context: ProcedureReferenceContext) -> SOPCondition? {
        var tokens: [(line: Int, word: String)] = []
        for segment in field.segments {
            tokens += segment.text.split(separator: " ").map { (segment.line, String($0)) }
        }
        guard !tokens.isEmpty else { return nil }
        var alternatives: [SOPCondition] = []
        var valid = true
        for group in split(tokens, at: "or") {
            var clauses: [SOPCondition] = []
            for var words in split(group, at: "and") {
                guard !words.isEmpty else {
                    error(field.line, "'and' and 'or' must stand between two conditions")
                    valid = false
                    continue
                }
                guard let clause = clause(&words, context: context) else {
                    valid = false
                    continue
                }
                clauses.append(.clause(clause))
                if let extra = words.first {
                    error(extra.line, "unexpected '\(extra.word)' after a condition; join conditions with 'and' or 'or'")
                    valid = false
                }
            }
            alternatives.append(clauses.count == 1 ? clauses[0] : .all(clauses))
        }
        guard valid else { return nil }
        return alternatives.count == 1 ? alternatives[0] : .any(alternatives)
    }

    private func split(_ tokens: [(line: Int, word: String)], at joiner: String) -> [[(line: Int, word: String)]] {
        var parts: [[(line: Int, word: String)]] = [[]]
        for token in tokens {
            if token.word == joiner { parts.append([]) } else { parts[parts.count - 1].append(token) }
        }
        return parts
    }

    /// One clause, consuming its words from the front of `words`; nil (reported) when malformed.
    private mutating func clause(_ words: inout [(line: Int, word: String)], context: ProcedureReferenceContext) -> SOPClause? {
        let line = words[0].line
        func take() -> String? { words.isEmpty ? nil : words.removeFirst().word }
        func expect(_ word: String) -> Bool {
            guard words.first?.word == word else { return false }
            words.removeFirst()
            return true
        }
        func node(_ word: String?) -> SOPNodeReference? {
            guard let word else {
                error(line, "a condition ends where a node was expected (\(context.known))")
                return nil
            }
            if let reference = context.reference(word) { return reference }
            error(line, "unknown node '\(word)': not a role (\(SOPNodeReference.builtInRoles.joined(separator: ", "))) nor listed in 'nodes:'")
            return nil
        }
        let clauseHelp = "node N is S, group [KEY] held by H, drbd R on N FIELD S, log on N shows EVENT, [no] alert KIND"

        switch take() {
        case "node":
            guard let reference = node(take()) else { return nil }
            guard expect("is"), let statuses = take() else {
                error(line, "expected 'node \(reference) is STATUS'")
                return nil
            }
            let parsed = statuses.split(separator: "|").map { NodeStatus(rawValue: String($0)) }
            guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else {
                error(line, "unknown node status '\(statuses)' (expected init, up, active, dead, ping or stopping)")
                return nil
            }
            return .nodeStatus(node: reference, statuses: parsed.compactMap { $0 })
        case "group":
            var group: SOPGroupReference?
            if words.first?.word != "held", let key = take() { group = key == "first" ? .first : .key(key) }
            guard expect("held"), expect("by"), let holderWord = take() else {
                error(line, "expected 'group [KEY|first] held by HOLDER'")
                return nil
            }
            let holder: SOPGroupHolder
            switch holderWord {
            case "nobody": holder = .nobody
            case "one": holder = .one
            case "both": holder = .both
            default:
                guard let reference = node(holderWord) else { return nil }
                holder = .node(reference)
            }
            return .groupHolder(group: group, holder: holder)
        case "drbd":
            guard let resource = take(), Self.isName(resource), expect("on") else {
                error(line, "expected 'drbd RESOURCE on NODE FIELD STATE'")
                return nil
            }
            guard let reference = node(take()) else { return nil }
            guard let fieldWord = take(), let field = SOPDRBDField(rawValue: fieldWord) else {
                let fields = SOPDRBDField.allCases.map(\.rawValue).joined(separator: ", ")
                error(line, "expected a DRBD field after 'drbd \(resource) on \(reference)' (\(fields))")
                return nil
            }
            guard let valuesWord = take() else {
                error(line, "expected a DRBD \(field.rawValue) state after '\(field.rawValue)'")
                return nil
            }
            let values = valuesWord.split(separator: "|").map(String.init)
            for value in values where !field.knownValues.contains(value) {
                error(line, "unknown DRBD \(field.rawValue) state '\(value)' (expected one of: \(field.knownValues.joined(separator: ", ")))")
                return nil
            }
            return .drbd(resource: resource, node: reference, field: field, values: values)
        case "log":
            guard expect("on"), let reference = node(take()) else {
                if words.isEmpty { error(line, "expected 'log on NODE shows EVENT [NODE]'") }
                return nil
            }
            let sinceRunStart = words.first?.word == "showed"
            guard expect("shows") || expect("showed"), let eventWord = take() else {
                error(line, "expected 'log on \(reference) shows EVENT [NODE]'")
                return nil
            }
            guard let event = SOPLogEventName(rawValue: eventWord) else {
                let names = SOPLogEventName.allCases.map(\.rawValue).joined(separator: ", ")
                error(line, "unknown log event '\(eventWord)' (expected one of: \(names))")
                return nil
            }
            var subject: SOPNodeReference?
            if let next = take() {
                guard let reference = node(next) else { return nil }
                subject = reference
            }
            return .log(node: reference, event: event, subject: subject, sinceRunStart: sinceRunStart)
        case let first where first == "alert" || first == "no":
            guard first == "alert" || expect("alert"), let kindWord = take(), let kind = Alert.Kind(rawValue: kindWord), kind != .unknown
            else {
                let kinds = Alert.Kind.allCases.filter { $0 != .unknown }
                error(line, "expected '[no] alert KIND' (\(kinds.map(\.rawValue).joined(separator: ", ")))")
                return nil
            }
            return .alert(kind: kind, present: first == "alert")
        case let other:
            error(line, "unknown condition '\(other ?? "")' (expected \(clauseHelp))")
            return nil
        }
    }
}
