import Foundation

extension NetnsCluster {
    /// The address `addPingNode()` gives the ping node by default (outside the nodes' .11 up).
    public static let pingNodeAddress = "192.0.2.200"

    /// Adds a third kind of namespace on the cluster's bridge: a plain host `ha-ping-SUFFIX` with
    /// `address` on its `hb0`, which runs nothing and answers ICMP echo as any Linux host does. It
    /// is what `ping ADDRESS` lines in ha.cf point at. The namespace is recorded before it is
    /// created, so `shutdown` deletes it whatever fails half-way. Returns its name.
    @discardableResult
    public func addPingNode(address: String = NetnsCluster.pingNodeAddress) throws -> String {
        let suffix = bridgeNamespace.dropFirst("ha-bridge-".count)
        let namespace = "ha-ping-\(suffix)"
        let port = "v-ping"
        let interface = Self.interface
        state.withLock { $0.namespaces.append(namespace) }
        try HostCommand.check(["ip", "netns", "add", namespace])
        try HostCommand.check([
            "ip", "link", "add", interface, "netns", namespace, "type", "veth", "peer", "name", port, "netns", bridgeNamespace,
        ])
        try HostCommand.check(["ip", "-n", bridgeNamespace, "link", "set", port, "addrgenmode", "none", "master", "br0", "up"])
        try HostCommand.check(["ip", "-n", namespace, "link", "set", "lo", "up"])
        try HostCommand.check(["ip", "-n", namespace, "link", "set", interface, "addrgenmode", "none"])
        try HostCommand.check(["ip", "-n", namespace, "addr", "add", "\(address)/24", "dev", interface])
        try HostCommand.check(["ip", "-n", namespace, "link", "set", interface, "up"])
        return namespace
    }

    /// Cuts `node`'s path to the ping node at `address`: its echo replies are dropped on arrival
    /// (iptables INPUT in the node's namespace; an OUTPUT rule would make the send fail instead).
    /// Heartbeat packets are untouched.
    public func cutPingPath(_ name: String, address: String = NetnsCluster.pingNodeAddress) throws {
        try pingRule(node(name), "-I", address)
    }

    /// Undoes `cutPingPath`.
    public func restorePingPath(_ name: String, address: String = NetnsCluster.pingNodeAddress) throws {
        try pingRule(node(name), "-D", address)
    }

    private func pingRule(_ node: ClusterNode, _ action: String, _ address: String) throws {
        try HostCommand.check([
            "ip", "netns", "exec", node.namespace, HostCommand.resolve("iptables"), "-w", "5", action, "INPUT", "-s", address, "-p", "icmp",
            "-j", "DROP",
        ])
    }
}
