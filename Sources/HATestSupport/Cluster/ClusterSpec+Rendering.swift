extension ClusterSpec {
    /// ha.cf for `node`: the same on every node except the log file paths, which are the node's own.
    public func haCF(for node: ClusterNode, addresses: [String]) -> String {
        var lines = [
            "# ha.cf for \(node.name), rendered by NetnsCluster",
            "logfile \(node.logFile)",
            "debugfile \(node.debugFile)",
            "logfacility none",
            "use_logd no",
            "keepalive \(Self.milliseconds(keepalive))",
            "deadtime \(Self.milliseconds(deadtime))",
            "warntime \(Self.milliseconds(warntime))",
            "initdead \(Self.milliseconds(initdead))",
            "udpport \(udpPort)",
        ]
        let interface = NetnsCluster.interface
        switch medium {
        case .ucast: lines += addresses.map { "ucast \(interface) \($0)" }
        case .bcast: lines.append("bcast \(interface)")
        case .mcast(let group, let ttl): lines.append("mcast \(interface) \(group) \(udpPort) \(ttl) 0")
        }
        lines.append("auto_failback \(autoFailback.rawValue)")
        lines += nodes.map { "node \($0)" }
        lines.append("crm off")
        lines += extraDirectives
        return lines.joined(separator: "\n") + "\n"
    }

    /// haresources: one line per group.
    public var haResources: String {
        (["# haresources, rendered by NetnsCluster"] + groups.map(\.line)).joined(separator: "\n") + "\n"
    }

    /// Checks what can be wrong before anything is created.
    public func validate() throws {
        guard (1...8).contains(nodes.count) else { throw HarnessError.invalidSpec("\(nodes.count) nodes; 1 to 8 are supported") }
        guard Set(nodes).count == nodes.count else { throw HarnessError.invalidSpec("duplicate node names in \(nodes)") }
        for name in nodes where name.isEmpty || name.count > 12 || !name.allSatisfy({ $0.isLetter || $0.isNumber }) {
            throw HarnessError.invalidSpec("node name \"\(name)\" must be 1 to 12 letters or digits")
        }
        guard !nodes.contains("bridge") else { throw HarnessError.invalidSpec("\"bridge\" names the bridge namespace; pick another node name") }
        for group in groups where !nodes.contains(group.node) {
            throw HarnessError.invalidSpec("haresources group \"\(group.line)\" names a node that is not in \(nodes)")
        }
        guard (1...65535).contains(udpPort) else { throw HarnessError.invalidSpec("udpport \(udpPort)") }
    }

    /// `1500ms`: Heartbeat reads a bare number as seconds, so always write the suffix.
    public static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms"
    }
}
