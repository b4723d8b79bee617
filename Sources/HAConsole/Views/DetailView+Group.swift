import HAProtocol

extension DetailView {
    /// A group: where it should run and where it runs, its state and since when, each resource
    /// (a `drbddisk::` one with its DRBD state on every node), the last error and the script
    /// failures the log holds for it.
    static func groupLines(_ key: String, context: RenderContext) -> [StyledLine] {
        let state = context.state
        guard let group = state.snapshot?.groups.first(where: { $0.key == key }) else {
            return [field("state", [Span(state.snapshot == nil ? "no cluster data" : "not in the snapshot", .role(.muted))])]
        }
        let holders: Span =
            switch group.holders.count {
            case 0: Span("no node", .role(.warning))
            case 1: Span(group.holders[0], group.holders[0] == group.preferredNode ? .plain : .role(.warning))
            default: Span(group.holders.joined(separator: " AND "), .role(.critical, bold: true))
            }
        var lines = [field("runs on", [holders]), field("preferred", [Span(group.preferredNode)])]
        if let autoFailback = state.snapshot?.autoFailback {
            lines.append(field("failback", [Span("auto_failback \(autoFailback.rawValue)", .role(.muted))]))
        }
        let stateRole: ColorRole =
            switch group.state {
            case .running: .ok
            case .failed: .critical
            case .stopped: .muted
            case .starting, .stopping: .warning
            }
        var stateLine: StyledLine = [Span(group.state == .failed ? "FAILED" : group.state.rawValue, .role(state.isStale ? .muted : stateRole))]
        if let since = group.since {
            stateLine.append(Span("  since \(state.clock.time(since)) (\(state.clock.age(since: since)) ago)", .role(.muted)))
        }
        lines.append(field("state", stateLine + staleNote(state)))
        for (index, resource) in group.resources.enumerated() {
            var value: StyledLine = [Span(resource, .role(.accent))]
            if let name = ConsoleState.drbdResourceNames([resource]).first {
                value.append(Span("  " + drbdRoles(name, state: state), .role(.muted)))
            }
            lines.append(index == 0 ? field("resources", value) : continued(value))
        }
        lines.append(field("last error", [group.lastError.map { Span($0, .role(.critical)) } ?? Span("none", .role(.muted))]))
        let failures = LogFacts(state.log).failures.filter { failure in
            group.resources.contains { failure.line.contains($0) } || failure.line.contains(key)
        }
        for (index, failure) in failures.suffix(5).enumerated() {
            let value: StyledLine = [Span(failure.line)]
            lines.append(index == 0 ? field("failures", value) : continued(value))
        }
        return lines
    }

    /// `alpha Primary UpToDate, bravo Secondary UpToDate`: a DRBD resource on every node.
    private static func drbdRoles(_ name: String, state: ConsoleState) -> String {
        let words = state.nodeNames.compactMap { node -> String? in
            guard let resource = state.drbd[node]?.resources.first(where: { $0.name == name }) else { return nil }
            let disk = resource.devices.first?.disk.spelling ?? "-"
            return "\(node) \(resource.role.spelling) \(disk)"
        }
        return words.isEmpty ? "no node reports DRBD \(name)" : words.joined(separator: ", ")
    }
}
