import HAProtocol

extension DetailView {
    /// A DRBD resource on every node that reports it: where the reading comes from, role, each
    /// volume's disk, each connection's state, peer role and disk, replication, out-of-sync data
    /// and sync progress; the groups that use it.
    static func drbdLines(_ name: String, context: RenderContext) -> [StyledLine] {
        let state = context.state
        var lines: [StyledLine] = []
        var seen = false
        for node in state.nodeNames {
            guard let resource = state.drbd[node]?.resources.first(where: { $0.name == name }) else {
                if let problem = state.drbdProblems[node] { lines += [heading(node), field("not read", [Span(problem, .role(.warning))])] }
                continue
            }
            seen = true
            lines += resourceLines(resource, node: node, context: context)
        }
        if !seen { lines.insert(field("state", [Span("no node reports DRBD \(name)", .role(.muted))]), at: 0) }
        let users = (state.snapshot?.groups ?? []).filter { ConsoleState.drbdResourceNames($0.resources).contains(name) }.map(\.key)
        lines.append(
            field(
                "used by",
                [Span(users.isEmpty ? "no group's drbddisk" : users.joined(separator: ", "), users.isEmpty ? .role(.muted) : .role(.accent))]))
        return lines
    }

    private static func resourceLines(_ resource: DRBDResource, node: String, context: RenderContext) -> [StyledLine] {
        let state = context.state
        var title = heading(node)
        title.append(Span("  via \(state.drbdSources[node] ?? "?")", .role(.muted)))
        var lines = [title]
        var role = resource.role.spelling
        if resource.ioSuspended == true {
            role += ", I/O suspended" + (resource.suspendReasons.isEmpty ? "" : " (\(resource.suspendReasons.joined(separator: ",")))")
        }
        lines.append(field("role", [Span(role, resource.role == .primary ? .role(.accent, bold: true) : .plain)]))
        for device in resource.devices {
            var words = ["volume \(device.volume)", device.disk.spelling]
            if let minor = device.minor { words.append("minor \(minor)") }
            if device.hasQuorum == false { words.append("NO QUORUM") }
            if let size = device.sizeKiB { words.append(DisplayFormat.size(kiB: size)) }
            lines.append(field("disk", [Span(words.joined(separator: "  "), .role(device.disk == .upToDate ? .ok : .warning))]))
        }
        if resource.connections.isEmpty { lines.append(field("connection", [Span("no peer configured", .role(.muted))])) }
        for connection in resource.connections {
            let cells = DRBDCells(resource: resource, connection: connection, volume: resource.devices.first?.volume ?? 0, stale: false)
            let peer = connection.name.map { "to \($0)  " } ?? ""
            lines.append(field("connection", [Span(peer), cells.connection, Span("  peer "), Span(connection.peerRole.spelling)]))
            for device in connection.peerDevices {
                var words = ["volume \(device.volume)", "peer disk \(device.peerDisk.spelling)"]
                if device.replication != .off { words.append(device.replication.spelling) }
                if let oos = device.outOfSyncKiB { words.append("out-of-sync \(DisplayFormat.size(kiB: oos))") }
                if !device.resyncSuspendedReasons.isEmpty { words.append("suspended:" + device.resyncSuspendedReasons.joined(separator: ",")) }
                lines.append(continued([Span(words.joined(separator: "  "), .role(device.replication == .established ? .normal : .warning))]))
                if let sync = device.sync { lines.append(continued([Span(progress(sync), .role(sync.isStalled ? .critical : .warning))])) }
            }
        }
        return lines
    }

    /// `sync 57.3%  eta 0:00:32  32M/s  remaining 1.1G`, as DRBD reports it.
    private static func progress(_ sync: DRBDSyncProgress) -> String {
        var words = [sync.isVerify ? "verify" : "sync"]
        if let done = sync.percentDone { words.append(DisplayFormat.percent(done)) }
        if sync.isStalled {
            words.append("STALLED")
        } else if let eta = sync.etaSeconds {
            words.append("eta \(DisplayFormat.eta(seconds: eta))")
        }
        if let speed = sync.speedKiBPerSecond { words.append("\(DisplayFormat.size(kiB: UInt64(max(0, speed))))/s") }
        if let remaining = sync.remainingKiB { words.append("remaining \(DisplayFormat.size(kiB: remaining))") }
        return words.joined(separator: "  ")
    }
}
