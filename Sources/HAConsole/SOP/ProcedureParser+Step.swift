import HAProtocol

extension ProcedureParser {
    /// One step from its `step:` line and fields; nil (with diagnostics) when it cannot be built.
    mutating func step(_ stepField: ProcedureSourceField, _ list: [ProcedureSourceField], context: ProcedureReferenceContext) -> ProcedureStep? {
        let line = stepField.line
        let id = word(stepField, what: "step id")
        let fields = fields(list, allowed: Self.stepKeys, repeatable: ["command"], context: "step")
        let name = id.map { "step '\($0)'" } ?? "this step"
        for key in ["runs-on", "say", "verify", "timeout", "on-failure"] where fields[key] == nil {
            error(line, "\(name) has no '\(key):'" + (key == "verify" ? "; every step proves itself on live state" : ""))
        }

        let target = fields["runs-on"].flatMap { parseTarget($0, context: context) }
        let action = fields["action"].flatMap { parseAction($0) }
        let commands = list.filter { $0.key == "command" }.map(\.value)
        if let action {
            if fields["confirm"] == nil {
                error(fields["action"]!.line, "action '\(action)' needs 'confirm:', a question that names the target with {node}")
            }
            if target == .any, let field = fields["runs-on"] {
                error(field.line, "action '\(action)' needs one target node; 'any' is not one (use primary, secondary or a node)")
            }
            if action == .start, commands.isEmpty, let field = fields["action"] {
                error(
                    field.line,
                    "action 'start' needs 'command:' lines: what the operator runs where the console cannot start the node (systemctl start hadaemon)"
                )
            } else if action != .start, let field = list.first(where: { $0.key == "command" }) {
                error(field.line, "a step has either an action or commands to copy, not both (except 'start'); split it in two steps")
            }
        } else if let field = fields["confirm"] {
            error(field.line, "'confirm:' without 'action:'; only an action is confirmed")
        }
        if let field = fields["confirm"], !field.value.contains("{node}") {
            error(field.line, "the confirmation must name the target node: write {node} in it")
        }

        let twoPerson = fields["two-person"].flatMap { parseTwoPerson($0, acts: action != nil || !commands.isEmpty) } ?? false
        let hasNode = target.map { $0 != .any } ?? true
        for field in list where ["title", "say", "confirm", "command", "on-failure"].contains(field.key) {
            checkPlaceholders(field.value, line: field.line, context: context, stepNode: hasNode)
        }
        let verification = fields["verify"].flatMap { condition($0, context: context) }
        let timeout = fields["timeout"].flatMap { parseTimeout($0) }
        guard let id, let target, let verification, let timeout, let text = fields["say"]?.value,
            let onFailure = fields["on-failure"]?.value
        else { return nil }
        return ProcedureStep(
            id: id, title: fields["title"]?.value ?? id, target: target, text: text, action: action,
            confirmation: fields["confirm"]?.value, commands: commands, verification: verification,
            verificationText: fields["verify"]!.value, timeoutMilliseconds: timeout, onFailure: onFailure, line: line,
            twoPerson: twoPerson)
    }

    /// `two-person: yes|no`; only a step that changes something (an action or commands) has
    /// anything for a second operator to approve.
    private mutating func parseTwoPerson(_ field: ProcedureSourceField, acts: Bool) -> Bool? {
        guard field.value == "yes" || field.value == "no" else {
            error(field.line, "two-person must be 'yes' or 'no', found '\(field.value)'")
            return nil
        }
        if field.value == "yes" && !acts {
            error(field.line, "'two-person: yes' needs an 'action:' or 'command:' lines: a step that only verifies has nothing to approve")
        }
        return field.value == "yes"
    }

    private mutating func parseTarget(_ field: ProcedureSourceField, context: ProcedureReferenceContext) -> SOPStepTarget? {
        if field.value == "any" { return .any }
        if let reference = context.reference(field.value) { return .node(reference) }
        error(field.line, "bad target '\(field.value)' for 'runs-on:' (expected any, \(context.known))")
        return nil
    }

    private mutating func parseAction(_ field: ProcedureSourceField) -> SOPStepAction? {
        let words = field.value.split(separator: " ").map(String.init)
        let classes = ControlRequest.Resources.allCases.map(\.rawValue).joined(separator: "|")
        switch words.first {
        case "shutdown" where words.count == 1:
            return .shutdown
        case "confirm-fence" where words.count == 1:
            return .confirmFence
        case "start" where words.count == 1:
            return .start
        case "unstandby" where words.count == 1:
            return .unstandby
        case "move" where words.count == 1:
            return .move
        case "standby", "takeover":
            guard words.count <= 2, let resources = ControlRequest.Resources(rawValue: words.count == 2 ? words[1] : "all")
            else { break }
            return words[0] == "standby" ? .standby(resources) : .takeover(resources)
        default:
            break
        }
        error(
            field.line,
            "unknown action '\(field.value)' (expected standby [\(classes)], takeover [\(classes)], shutdown, confirm-fence, start, or on Pacemaker unstandby or move)"
        )
        return nil
    }

    /// `30s`, `2m`, `500ms`, `1h`, or a sum written together (`1m30s`); at most a day.
    private mutating func parseTimeout(_ field: ProcedureSourceField) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        var rest = Substring(field.value)
        var total: Int64 = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let number = Int64(digits),
                let (unit, scale) = units.first(where: {
                    rest.dropFirst(digits.count).hasPrefix($0.0) && !rest.dropFirst(digits.count + $0.0.count).hasPrefix("s")
                })
            else {
                error(field.line, "timeout '\(field.value)' is not a duration like 30s, 2m, 500ms or 1m30s")
                return nil
            }
            total += number * scale
            rest = rest.dropFirst(digits.count + unit.count)
        }
        guard total > 0, total <= 86_400_000 else {
            error(field.line, "timeout '\(field.value)' must be more than 0 and at most 24h")
            return nil
        }
        return total
    }

    /// Reports `{name}` placeholders that no role, node or `{group}`/`{node}` fills.
    mutating func checkPlaceholders(_ text: String, line: Int, context: ProcedureReferenceContext, stepNode: Bool) {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                error(line, "unclosed '{' in '\(ProcedureSourceLines.excerpt(rest[open...]))'")
                return
            }
            let name = String(rest[rest.index(after: open)..<close])
            if name == "node" && !stepNode {
                error(line, "{node} needs a step with one target node (this one runs on any, or is in the header)")
            } else if name != "node" && name != "group" && !context.roles.contains(name) && !context.nodes.contains(name) {
                error(
                    line,
                    "unknown placeholder {\(name)} (known: {node}, {group}, \(context.known.split(separator: ",").map { "{\(SOPText.trimmed($0))}" }.joined(separator: ", ")))"
                )
            }
            rest = rest[rest.index(after: close)...]
        }
    }
}
