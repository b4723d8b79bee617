import HAProtocol

extension DetailView {
    /// A node: status, when last heard, each link with its last-heard age, generation, what it
    /// holds and prefers, its advertised dead time and configuration digest, its DRBD, and
    /// (a peer) each link's heartbeat ages as a sparkline.
    static func nodeLines(_ name: String, context: RenderContext) -> [StyledLine] {
        let state = context.state
        guard let node = state.snapshot?.node(name) else {
            var lines = [field("status", [Span(state.snapshot == nil ? "no cluster data" : "not in the snapshot", .role(.muted))])]
            lines += drbdOfNode(name, context: context)
            return lines
        }
        let isLocal = name == state.localNode
        var status = "\(node.status.rawValue)"
        if node.type == .ping { status += " (ping node)" }
        if node.stoppedCleanly == true { status += ", shutdown requested" }
        let statusRole: ColorRole =
            state.isStale ? .muted : node.status == .active ? .ok : node.status == .dead ? .critical : .warning
        var lines = [field("status", [Span(status, .role(statusRole, bold: node.status == .dead))] + staleNote(state))]
        if isLocal {
            lines.append(field("heard", [Span("local: the node this console follows")]))
        } else {
            let heard =
                node.lastHeardAge.map { "\(DisplayFormat.duration(milliseconds: $0)) ago" }
                ?? (state.source.knowsAges ? "never" : "age n/a (\(state.source.isHeartbeat ? "cl_status" : "crm_mon") tells no ages)")
            lines.append(field("heard", [Span(heard)]))
        }
        if node.links.isEmpty { lines.append(field("links", [Span(isLocal ? "(links are the peers')" : "none reported", .role(.muted))])) }
        for (index, link) in node.links.enumerated() {
            let up = link.status == .up
            // The local node's own links carry no age: it does not hear itself.
            let age = link.lastHeardAge.map { ", last heard \(DisplayFormat.duration(milliseconds: $0)) ago" } ?? (isLocal ? "" : ", never heard")
            let value: StyledLine = [
                Span("\(link.interface) "), Span(up ? "up" : "DEAD", .role(state.isStale ? .muted : up ? .ok : .critical, bold: !up)),
                Span(age, .role(.muted)),
            ]
            lines.append(index == 0 ? field("links", value) : continued(value))
        }
        lines.append(field("generation", [Span(node.generation.map { "\($0)" } ?? "unknown")]))
        lines += holdings(node, context: context)
        if let deadtime = node.advertisedDeadtime { lines.append(field("deadtime", [Span(DisplayFormat.duration(milliseconds: deadtime))])) }
        if let digest = node.configDigest { lines.append(field("config", [Span(digest, .role(.muted))])) }
        lines += drbdOfNode(name, context: context)
        if !isLocal { lines += HeartbeatSparklines.nodeLines(name, context: context) }
        return lines
    }

    /// `holds local (transition)` and the groups it holds and prefers, with their states.
    private static func holdings(_ node: NodeSnapshot, context: RenderContext) -> [StyledLine] {
        let groups = context.state.snapshot?.groups ?? []
        var holds = node.holds.map { "holds \($0.rawValue)" } ?? "holds unknown"
        if node.stable == false { holds += " (transition)" }
        var lines = [field("resources", [Span(holds, .role(node.stable == false ? .warning : .normal))])]
        for group in groups where group.holders.contains(node.name) {
            let shared = group.holders.count > 1 ? " (also on \(group.holders.filter { $0 != node.name }.joined(separator: ", ")))" : ""
            lines.append(continued([Span("runs "), Span(group.key, .role(.accent)), Span(" \(group.state.rawValue)\(shared)")]))
        }
        for group in groups where group.preferredNode == node.name && !group.holders.contains(node.name) {
            let on = group.holders.isEmpty ? "on no node" : "on \(group.holders.joined(separator: ", "))"
            lines.append(continued([Span("prefers "), Span(group.key, .role(.accent)), Span(", now \(on)", .role(.warning))]))
        }
        if !groups.contains(where: { $0.holders.contains(node.name) }) { lines.append(continued([Span("runs no group", .role(.muted))])) }
        return lines
    }

    /// `DRBD        via /proc/drbd` and one line per resource in `/proc/drbd` words.
    private static func drbdOfNode(_ name: String, context: RenderContext) -> [StyledLine] {
        let state = context.state
        var lines: [StyledLine] = []
        let source = state.drbdSources[name].map { "via \($0)" } ?? "not read"
        lines.append(field("DRBD", [Span(source, .role(.muted))]))
        if let problem = state.drbdProblems[name] { lines.append(continued([Span(problem, .role(.warning))])) }
        for resource in state.drbd[name]?.resources ?? [] {
            let connections: [DRBDConnection?] = resource.connections.isEmpty ? [nil] : resource.connections
            let devices: [DRBDDevice?] = resource.devices.isEmpty ? [nil] : resource.devices
            for connection in connections {
                for device in devices {
                    let volume = device?.volume ?? 0
                    let cells = DRBDCells(resource: resource, connection: connection, volume: volume, stale: false)
                    let label = resource.devices.count > 1 ? "\(resource.name)/\(volume)" : resource.name
                    let peer = connection?.name.map { " @\($0)" } ?? ""
                    let words = [cells.connection, cells.roles, cells.disks, cells.sync, cells.outOfSync].filter { !$0.text.isEmpty }
                    lines.append(continued([Span(label + peer, .role(.accent))] + words.flatMap { [Span("  "), $0] }))
                }
            }
        }
        return lines
    }

    /// ` (stale data: not vouched for)` while the snapshot is stale.
    static func staleNote(_ state: ConsoleState) -> StyledLine {
        state.isStale ? [Span("  (stale data: not vouched for)", .role(.warning))] : []
    }
}

extension ConsoleState.Source {
    /// True for a node read through `cl_status`.
    var isHeartbeat: Bool {
        if case .heartbeat = self { true } else { false }
    }
}
