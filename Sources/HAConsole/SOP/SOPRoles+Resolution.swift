import HAProtocol

extension SOPRoles {
    /// Resolves the roles `procedure` uses against `snapshot`, or says why the run cannot start.
    ///
    /// - `primary`: the node holding the procedure's group (with several holders, the group's
    ///   preferred node if it is one of them, else the first).
    /// - `secondary`: another normal node: the preferred node if it is not the primary, else the
    ///   first other node in the snapshot's order.
    /// - `local`: the node whose daemon answered.
    /// - a `choose:` role: `chosen`, which must be a normal node; its other role is the one
    ///   remaining node of a two-node cluster.
    /// - nodes from `nodes:` must be in the snapshot.
    static func resolve(
        _ procedure: Procedure, snapshot: ClusterSnapshot, chosen: String?
    ) -> Result<SOPRoles, SOPStartProblem> {
        let used = procedure.usedRoles
        let members = snapshot.nodes.filter { $0.type == .normal }.map(\.name)
        let group: GroupSnapshot? =
            switch procedure.group {
            case .first: snapshot.groups.first
            case .key(let key): snapshot.groups.first { $0.key == key }
            }
        var roles = SOPRoles(nodes: ["local": snapshot.localNode], groupKey: group?.key)
        let needsGroup = used.contains("primary") || used.contains("secondary") || procedure.usesGroup
        if needsGroup && group == nil {
            return .failure(
                SOPStartProblem("the cluster has no group \(procedure.group) (groups: \(snapshot.groups.map(\.key).joined(separator: ", ")))"))
        }
        if let group, let primary = group.holders.first(where: { $0 == group.preferredNode }) ?? group.holders.first {
            roles.nodes["primary"] = primary
            let others = members.filter { $0 != primary }
            if let secondary = others.first(where: { $0 == group.preferredNode }) ?? others.first {
                roles.nodes["secondary"] = secondary
            }
        }
        for role in ["primary", "secondary"] where used.contains(role) && roles.nodes[role] == nil {
            let holders = group.map { $0.holders.isEmpty ? "nobody holds \($0.key)" : "no other node" } ?? ""
            return .failure(SOPStartProblem("cannot tell which node is the \(role): \(holders)"))
        }
        if let choice = procedure.choice {
            guard let chosen, members.contains(chosen) else {
                let given = chosen.map { ", not '\($0)'" } ?? ""
                return .failure(SOPStartProblem("name the \(choice.role): one of \(members.joined(separator: ", "))\(given)"))
            }
            roles.nodes[choice.role] = chosen
            if let otherRole = choice.otherRole {
                let others = members.filter { $0 != chosen }
                guard others.count == 1 else {
                    return .failure(SOPStartProblem("the \(otherRole) is the other node of a two-node cluster; this one has \(members.count)"))
                }
                roles.nodes[otherRole] = others[0]
            }
        }
        for node in procedure.declaredNodes where !members.contains(node) {
            return .failure(SOPStartProblem("node \(node) (from 'nodes:') is not in the cluster (\(members.joined(separator: ", ")))"))
        }
        return .success(roles)
    }
}

/// Why a run could not start: the procedure does not fit the live cluster.
struct SOPStartProblem: Error, Hashable, Sendable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension Procedure {
    /// Every role the procedure names: in targets, conditions and `{role}` placeholders.
    var usedRoles: Set<String> {
        var roles: Set<String> = []
        func add(_ reference: SOPNodeReference?) {
            if case .role(let role)? = reference { roles.insert(role) }
        }
        var texts = [title, summary, choice?.question ?? ""]
        for step in steps {
            if case .node(let reference) = step.target { add(reference) }
            for clause in step.verification.clauses {
                switch clause {
                case .nodeStatus(let node, _), .drbd(_, let node, _, _): add(node)
                case .groupHolder(_, let holder): if case .node(let node) = holder { add(node) }
                case .log(let node, _, let subject, _):
                    add(node)
                    add(subject)
                case .alert: break
                }
            }
            texts += [step.title, step.text, step.confirmation ?? "", step.onFailure] + step.commands
        }
        for role in SOPNodeReference.builtInRoles + [choice?.role, choice?.otherRole].compactMap({ $0 })
        where texts.contains(where: { $0.contains("{\(role)}") }) {
            roles.insert(role)
        }
        return roles
    }

    /// Whether a condition or text refers to the procedure's own group.
    var usesGroup: Bool {
        steps.contains { step in
            step.verification.clauses.contains {
                if case .groupHolder(nil, _) = $0 { return true }
                return false
            } || [step.text, step.confirmation ?? "", step.onFailure].contains { $0.contains("{group}") }
                || step.commands.contains { $0.contains("{group}") }
        }
    }
}
