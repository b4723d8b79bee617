import Foundation

extension NetnsCluster {
    /// Creates the namespaces, the bridge and one veth per node, with `ip -batch` files so the
    /// whole network takes a handful of spawns. Namespaces are recorded before they exist, so a
    /// failure half-way still lets `shutdown` delete them.
    func createNetwork() throws {
        state.withLock { $0.namespaces = [bridgeNamespace] + nodes.map(\.namespace) }
        let interface = Self.interface
        // Both veth ends are created directly in their namespaces: no name ever appears in the
        // host namespace, so concurrent clusters cannot collide on `hb0`.
        var root = ["netns add \(bridgeNamespace)"] + nodes.map { "netns add \($0.namespace)" }
        root += nodes.map { "link add \(interface) netns \($0.namespace) type veth peer name \(Self.bridgePort($0)) netns \(bridgeNamespace)" }
        try runBatch(root, in: nil, name: "host")

        var bridge = [
            "link set lo up",
            "link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0",
            "link set br0 addrgenmode none",
            "link set br0 up",
        ]
        bridge += nodes.map { "link set \(Self.bridgePort($0)) addrgenmode none master br0 up" }
        try runBatch(bridge, in: bridgeNamespace, name: "bridge")

        for node in nodes {
            var commands = [
                "link set lo up",
                "link set \(interface) addrgenmode none",
                "addr add \(node.address)/24 brd + dev \(interface)",
                "link set \(interface) up",
            ]
            // A multicast sender needs a route for the group unless it sets the interface itself.
            if case .mcast = spec.medium { commands.append("route add 224.0.0.0/4 dev \(interface)") }
            try runBatch(commands, in: node.namespace, name: node.name)
        }
    }

    /// Fails early, and clearly, when `iptables` is missing or cannot manage rules in a namespace
    /// (iptables-nft needs the nf_tables module; iptables-legacy the ip_tables one).
    func checkIptables() throws {
        guard let node = nodes.first else { return }
        let output: CommandOutput
        do {
            output = try HostCommand.run(["ip", "netns", "exec", node.namespace, HostCommand.resolve("iptables"), "-w", "5", "-S", "INPUT"])
        } catch HarnessError.spawnFailed {
            throw HarnessError.toolUnavailable("iptables", detail: "`ip netns exec` could not run it")
        }
        guard output.succeeded else {
            throw HarnessError.toolUnavailable("iptables", detail: "`iptables -S INPUT` in \(node.namespace) \(output.status): \(output.stderr)")
        }
    }

    /// `v-NODE`, the bridge-side end of a node's veth (interface names stop at 15 bytes).
    static func bridgePort(_ node: ClusterNode) -> String {
        String("v-\(node.name)".prefix(15))
    }

    private func runBatch(_ commands: [String], in namespace: String?, name: String) throws {
        let path = directory + "/ip-\(name).batch"
        try (commands.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        try HostCommand.check(["ip"] + (namespace.map { ["-n", $0] } ?? []) + ["-batch", path])
    }
}
