/// Writes a ``PacemakerConfiguration`` as crmsh commands (`crm configure load update FILE`),
/// for review beside the CIB.
public enum CRMShellWriter {
    public static func text(_ configuration: PacemakerConfiguration) -> String {
        var lines: [String] = []
        for (index, node) in configuration.nodes.enumerated() { lines.append("node \(index + 1): \(node)") }
        for resource in configuration.resources { lines += self.resource(resource) }
        for constraint in configuration.constraints { lines.append(self.constraint(constraint)) }
        lines.append("property cib-bootstrap-options: " + pairs(configuration.properties))
        lines.append("rsc_defaults rsc-options: " + pairs(configuration.resourceDefaults))
        return lines.joined(separator: "\n") + "\n"
    }

    static func resource(_ resource: PacemakerResource) -> [String] {
        switch resource {
        case .primitive(let primitive): return [self.primitive(primitive)]
        case .group(let id, let members): return members.map(primitive) + ["group \(id) " + members.map(\.id).joined(separator: " ")]
        case .clone(let id, let primitive, let meta), .promotable(let id, let primitive, let meta):
            return [self.primitive(primitive), "clone \(id) \(primitive.id)" + (meta.isEmpty ? "" : " \\\n\tmeta " + pairs(meta))]
        }
    }

    static func primitive(_ primitive: PacemakerPrimitive) -> String {
        var text = "primitive \(primitive.id) \(primitive.agent)"
        if !primitive.parameters.isEmpty { text += " \\\n\tparams " + pairs(primitive.parameters) }
        for operation in primitive.operations {
            text += " \\\n\top \(operation.name) interval=\(operation.intervalSeconds)s timeout=\(operation.timeoutSeconds)s"
            if let role = operation.role { text += " role=\(role)" }
        }
        return text
    }

    static func constraint(_ constraint: PacemakerConstraint) -> String {
        switch constraint {
        case .location(let id, let resource, let node, let score, let role):
            return "location \(id) \(resource)" + (role.map { " role=\($0)" } ?? "") + " \(crmScore(score)): \(node)"
        case .locationRule(let id, let resource, let rule):
            return "location \(id) \(resource) rule \(crmScore(rule.score)): " + rule.expressions.map(\.words).joined(separator: " or ")
        case .colocation(let id, let resource, let with, let withRole, let score):
            return "colocation \(id) \(crmScore(score)): \(resource) \(with)" + (withRole.map { ":\($0)" } ?? "")
        case .order(let id, let first, let firstAction, let then, let thenAction):
            return "order \(id) Mandatory: \(first):\(firstAction) \(then):\(thenAction)"
        }
    }

    /// crmsh writes INFINITY as `inf`.
    static func crmScore(_ score: String) -> String {
        switch score {
        case "INFINITY": "inf"
        case "-INFINITY": "-inf"
        default: score
        }
    }

    /// `name=value name="two words"`.
    static func pairs(_ pairs: [NameValue]) -> String {
        pairs.map { pair in
            let plain = !pair.value.isEmpty && pair.value.allSatisfy { !$0.isWhitespace && $0 != "\"" && $0 != "\\" }
            return pair.name + "=" + (plain ? pair.value : "\"" + pair.value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"")
        }
        .joined(separator: " ")
    }
}
