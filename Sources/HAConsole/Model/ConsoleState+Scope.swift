import HAProtocol

/// The scope filter (`o`): one node, or one group, and what belongs to it.
///
/// A node keeps itself, the groups it holds or prefers, and its own DRBD resources. A group
/// keeps itself, the nodes that hold or prefer it, and the DRBD resources its `drbddisk::`
/// resources name, on every node. The log shows the lines that name it (unless a `/` filter is
/// set, which wins). Alerts are kept when they concern something kept, or nothing
/// in particular (a cluster-wide alert is never hidden by a filter).
extension ConsoleState {
    /// This state as the scope shows it; the state itself when there is no scope. Alerts are
    /// derived from the whole state first (``scopedAlerts(_:)``): a DRBD split brain needs both
    /// nodes' views even when one node is filtered out.
    func scoped() -> ConsoleState {
        guard let scope = browse.scope, var snapshot else { return self }
        var copy = self
        switch scope {
        case .node(let name):
            snapshot.nodes = snapshot.nodes.filter { $0.name == name }
            snapshot.groups = snapshot.groups.filter { $0.holders.contains(name) || $0.preferredNode == name }
            copy.drbd = drbd.filter { $0.key == name }
            copy.drbdSources = drbdSources.filter { $0.key == name }
            copy.drbdProblems = drbdProblems.filter { $0.key == name }
        case .group(let key):
            let group = snapshot.groups.first { $0.key == key }
            let nodes = Set((group?.holders ?? []) + (group.map { [$0.preferredNode] } ?? []))
            snapshot.nodes = snapshot.nodes.filter { nodes.contains($0.name) }
            snapshot.groups = snapshot.groups.filter { $0.key == key }
            let names = Set(Self.drbdResourceNames(group?.resources ?? []))
            copy.drbd = drbd.mapValues { status in
                var status = status
                status.resources = status.resources.filter { names.contains($0.name) }
                return status
            }
        default:
            return self
        }
        copy.snapshot = snapshot
        // The log shows the lines that name it, unless the operator filters the log already.
        if copy.filter.isEmpty, case .node(let name) = scope { copy.filter = name }
        if copy.filter.isEmpty, case .group(let key) = scope { copy.filter = key }
        return copy
    }

    /// The alerts the scope keeps, in their order.
    func scopedAlerts(_ alerts: [Alert]) -> [Alert] {
        guard browse.scope != nil, snapshot != nil else { return alerts }
        let kept = scoped()
        let nodes = Set(kept.snapshot?.nodes.map(\.name) ?? [])
        let groups = Set(kept.snapshot?.groups.map(\.key) ?? [])
        var resources = Set<String>()
        for status in kept.drbd.values { resources.formUnion(status.resources.map(\.name)) }
        return alerts.filter { alert in
            switch ConsoleSubject(alert: alert) {
            case .node(let name), .links(let name): nodes.contains(name)
            case .group(let key): groups.contains(key) || (alert.node.map { nodes.contains($0) } ?? false)
            case .drbd(let name): resources.contains(name)
            case .cluster: true
            }
        }
    }

    /// The DRBD resources a group's `drbddisk::r0` (or `drbd::r0`) resources name.
    static func drbdResourceNames(_ resources: [String]) -> [String] {
        resources.compactMap { resource in
            for prefix in ["drbddisk::", "drbd::"] where resource.hasPrefix(prefix) {
                return String(resource.dropFirst(prefix.count).prefix { $0 != ":" })
            }
            return nil
        }
    }

    /// The node and group names a scope may name, nodes first, for `o` to cycle through.
    var scopeCandidates: [ConsoleSubject] {
        nodeNames.map { ConsoleSubject.node($0) } + (snapshot?.groups.map { ConsoleSubject.group($0.key) } ?? [])
    }

    /// The scope `text` names: a node or group of that exact name, else the only one whose
    /// name contains it (case-insensitive); nil when none or several do.
    func scope(named text: String) -> ConsoleSubject? {
        let candidates = scopeCandidates
        func name(_ subject: ConsoleSubject) -> String {
            switch subject {
            case .node(let name), .group(let name): name
            default: ""
            }
        }
        if let exact = candidates.first(where: { name($0) == text }) { return exact }
        let folded = text.lowercased()
        let matches = candidates.filter { name($0).lowercased().contains(folded) }
        return matches.count == 1 ? matches[0] : nil
    }
}
