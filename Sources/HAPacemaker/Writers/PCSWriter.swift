/// Writes a ``PacemakerConfiguration`` as a `pcs` script (pcs 0.11) that builds the
/// configuration in a file and pushes it once, for review beside the CIB.
public enum PCSWriter {
    /// The file the script builds the configuration in before `pcs cluster cib-push`.
    static let file = "hadaemon-export.xml"

    public static func script(_ configuration: PacemakerConfiguration) -> String {
        var lines = [
            "#!/bin/sh", "# Built by hadaemon config export pacemaker; read it, then run it on one node of the new cluster.",
            "set -e", "pcs cluster cib \(file)",
        ]
        for resource in configuration.resources { lines += self.resource(resource) }
        for constraint in configuration.constraints { lines.append(pcs("constraint " + self.constraint(constraint))) }
        lines.append(pcs("property set " + words(configuration.properties)))
        lines.append(pcs("resource defaults update " + words(configuration.resourceDefaults)))
        lines.append("pcs cluster cib-push \(file) --config")
        return lines.joined(separator: "\n") + "\n"
    }

    static func resource(_ resource: PacemakerResource) -> [String] {
        switch resource {
        case .primitive(let primitive):
            return primitive.standard == "stonith"
                ? [pcs("stonith create \(primitive.id) \(primitive.type) " + words(primitive.parameters) + operations(primitive))]
                : [create(primitive, suffix: "")]
        case .group(let id, let members): return members.map { create($0, suffix: " --group \(id)") }
        case .clone(let id, let primitive, let meta): return [create(primitive, suffix: " clone \(id)" + (meta.isEmpty ? "" : " " + words(meta)))]
        case .promotable(let id, let primitive, let meta):
            let options = meta.filter { $0.name != "promotable" }
            return [create(primitive, suffix: " promotable \(id) " + words(options))]
        }
    }

    static func create(_ primitive: PacemakerPrimitive, suffix: String) -> String {
        pcs(
            "resource create \(primitive.id) \(primitive.agent)" + (primitive.parameters.isEmpty ? "" : " " + words(primitive.parameters))
                + operations(primitive) + suffix)
    }

    static func operations(_ primitive: PacemakerPrimitive) -> String {
        primitive.operations.map { operation in
            " op \(operation.name) interval=\(operation.intervalSeconds)s timeout=\(operation.timeoutSeconds)s"
                + (operation.role.map { " role=\($0)" } ?? "")
        }
        .joined()
    }

    static func constraint(_ constraint: PacemakerConstraint) -> String {
        switch constraint {
        case .location(_, let resource, let node, let score, nil): "location \(resource) prefers \(node)=\(score)"
        case .location(let id, let resource, let node, let score, let role?):
            "location \(resource) rule id=\(id) role=\(role) score=\(score) '#uname' eq \(node)"
        case .locationRule(let id, let resource, let rule):
            "location \(resource) rule id=\(id) score=\(rule.score) "
                + rule.expressions.map(\.words).joined(separator: " or ")
        case .colocation(_, let resource, let with, let withRole, let score):
            "colocation add \(resource) with " + (withRole.map { "\($0) " } ?? "") + "\(with) \(score)"
        case .order(_, let first, let firstAction, let then, let thenAction): "order \(firstAction) \(first) then \(thenAction) \(then)"
        }
    }

    static func pcs(_ arguments: String) -> String { "pcs -f \(file) " + arguments }

    /// `name=value 'name=two words'`, quoted for the shell.
    static func words(_ pairs: [NameValue]) -> String {
        pairs.map { pair in
            let word = pair.name + "=" + pair.value
            let plain = !pair.value.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "=._-/:@,+".contains($0) }
            return plain ? word : "'" + word.replacing("'", with: "'\\''") + "'"
        }
        .joined(separator: " ")
    }
}
