/// Writes a ``PacemakerConfiguration`` as a whole CIB document that `crm_verify --xml-file` and
/// `crm_simulate` read, or as its configuration section, which a running cluster loads with
/// `cibadmin --replace --scope configuration` (schema `pacemaker-3.9`, Pacemaker 2.1).
public enum CIBWriter {
    /// The schema the document is written against: the newest Pacemaker 2.1.5 validates.
    public static let schema = "pacemaker-3.9"

    public static func document(_ configuration: PacemakerConfiguration) -> String {
        XMLElement(
            "cib", [("validate-with", schema), ("admin_epoch", "0"), ("epoch", "1"), ("num_updates", "0")],
            children: [configurationElement(configuration), XMLElement("status")]
        ).text()
    }

    /// The `<configuration>` section alone, what a running cluster loads with
    /// `cibadmin --replace --scope configuration --xml-file FILE` (its status is left alone).
    public static func configurationSection(_ configuration: PacemakerConfiguration) -> String {
        configurationElement(configuration).text()
    }

    static func configurationElement(_ configuration: PacemakerConfiguration) -> XMLElement {
        let nodes = configuration.nodes.enumerated().map { index, node in XMLElement("node", [("id", "\(index + 1)"), ("uname", node)]) }
        return XMLElement(
            "configuration",
            children: [
                XMLElement("crm_config", children: [nameValues("cluster_property_set", id: "cib-bootstrap-options", configuration.properties)]),
                XMLElement("nodes", children: nodes),
                XMLElement("resources", children: configuration.resources.map(resource)),
                XMLElement("constraints", children: configuration.constraints.map(constraint)),
                XMLElement("rsc_defaults", children: [nameValues("meta_attributes", id: "rsc-options", configuration.resourceDefaults)]),
            ])
    }

    static func resource(_ resource: PacemakerResource) -> XMLElement {
        switch resource {
        case .primitive(let primitive): return self.primitive(primitive)
        case .group(let id, let members): return XMLElement("group", [("id", id)], children: members.map(primitive))
        case .clone(let id, let primitive, let meta), .promotable(let id, let primitive, let meta):
            let metaElements = meta.isEmpty ? [] : [nameValues("meta_attributes", id: id + "-meta_attributes", meta)]
            return XMLElement("clone", [("id", id)], children: metaElements + [self.primitive(primitive)])
        }
    }

    static func primitive(_ primitive: PacemakerPrimitive) -> XMLElement {
        var children: [XMLElement] = []
        if !primitive.parameters.isEmpty {
            children.append(nameValues("instance_attributes", id: primitive.id + "-instance_attributes", primitive.parameters))
        }
        if !primitive.operations.isEmpty {
            children.append(
                XMLElement(
                    "operations",
                    children: primitive.operations.map { operation in
                        XMLElement(
                            "op",
                            [
                                ("id", operation.id(in: primitive.id)), ("name", operation.name), ("interval", "\(operation.intervalSeconds)s"),
                                ("timeout", "\(operation.timeoutSeconds)s"), ("role", operation.role),
                            ])
                    }))
        }
        return XMLElement(
            "primitive", [("id", primitive.id), ("class", primitive.standard), ("provider", primitive.provider), ("type", primitive.type)],
            children: children)
    }

    static func constraint(_ constraint: PacemakerConstraint) -> XMLElement {
        switch constraint {
        case .location(let id, let resource, let node, let score, let role):
            return XMLElement("rsc_location", [("id", id), ("rsc", resource), ("role", role), ("node", node), ("score", score)])
        case .locationRule(let id, let resource, let rule):
            let expressions = rule.expressions.enumerated().map { index, expression in
                XMLElement(
                    "expression",
                    [
                        ("id", "\(id)-rule-expr-\(index + 1)"), ("attribute", expression.attribute), ("operation", expression.operation),
                        ("value", expression.value),
                    ])
            }
            return XMLElement(
                "rsc_location", [("id", id), ("rsc", resource)],
                children: [XMLElement("rule", [("id", id + "-rule"), ("score", rule.score), ("boolean-op", "or")], children: expressions)])
        case .colocation(let id, let resource, let with, let withRole, let score):
            return XMLElement("rsc_colocation", [("id", id), ("rsc", resource), ("with-rsc", with), ("with-rsc-role", withRole), ("score", score)])
        case .order(let id, let first, let firstAction, let then, let thenAction):
            return XMLElement(
                "rsc_order",
                [("id", id), ("first", first), ("first-action", firstAction), ("then", then), ("then-action", thenAction), ("kind", "Mandatory")])
        }
    }

    /// `<NAME id="ID"><nvpair id="ID-name" name="name" value="value"/>…</NAME>`.
    static func nameValues(_ name: String, id: String, _ pairs: [NameValue]) -> XMLElement {
        XMLElement(
            name, [("id", id)],
            children: pairs.map { XMLElement("nvpair", [("id", id + "-" + $0.name), ("name", $0.name), ("value", $0.value)]) })
    }
}
