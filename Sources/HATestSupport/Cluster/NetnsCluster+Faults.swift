import Foundation
import Glibc

extension NetnsCluster {
    /// Cuts `node` off: every heartbeat datagram arriving on its `hb0` is dropped (iptables INPUT
    /// inside its namespace). Its own sends still leave, as with a cable cut beyond the NIC; an
    /// OUTPUT rule would make `sendto` fail with EPERM instead (observed.md §1).
    public func cut(_ name: String) throws {
        try addDrop(DropRule(source: nil), on: node(name))
    }

    /// Cuts the link between two nodes only, in both directions (a partial partition).
    public func cut(_ first: String, from second: String) throws {
        let (a, b) = (try node(first), try node(second))
        try addDrop(DropRule(source: b.address), on: a)
        try addDrop(DropRule(source: a.address), on: b)
    }

    /// Drops each heartbeat datagram arriving on `node`'s `hb0` with a chance of `perMille`
    /// thousandths (iptables `statistic --mode random`): a packet-loss burst until `heal`.
    public func lose(_ name: String, perMille: Int) throws {
        guard (1...1000).contains(perMille) else { throw HarnessError.invalidSpec("loss of \(perMille)‰: 1 to 1000") }
        try addDrop(DropRule(source: nil, perMille: perMille), on: node(name))
    }

    /// Removes every drop rule the harness added in `node`.
    public func heal(_ name: String) throws {
        let node = try node(name)
        let rules = state.withLock { $0.dropRules.removeValue(forKey: name) ?? [] }
        for rule in rules { try iptables(node, "-D", rule) }
    }

    /// Heals the link between two nodes that `cut(_:from:)` cut.
    public func heal(_ first: String, from second: String) throws {
        let (a, b) = (try node(first), try node(second))
        try removeDrop(DropRule(source: b.address), on: a)
        try removeDrop(DropRule(source: a.address), on: b)
    }

    /// A full partition: no node hears any other (each still hears its own unicast, over `lo`).
    public func cutAll() throws {
        for node in nodes { try cut(node.name) }
    }

    /// Removes every drop rule in every node.
    public func healAll() throws {
        for node in nodes { try heal(node.name) }
    }

    /// Freezes `node`'s daemon and its process group with SIGSTOP: its heartbeats stop and then
    /// burst out on `resume` (the stand-in for a delayed link: there is no `tc netem` here).
    /// A process caught between vfork and exec shows state D, not T, until its child runs again:
    /// frozen all the same.
    public func stall(_ name: String) throws {
        let child = try runningChild(name)
        child.send(SIGSTOP, toGroup: true)
        state.withLock { _ = $0.stalled.insert(name) }
    }

    /// SIGCONT for what `stall` froze.
    public func resume(_ name: String) throws {
        let child = try runningChild(name)
        child.send(SIGCONT, toGroup: true)
        state.withLock { _ = $0.stalled.remove(name) }
    }

    private func addDrop(_ rule: DropRule, on node: ClusterNode) throws {
        let isNew = state.withLock { $0.dropRules[node.name, default: []].insert(rule).inserted }
        guard isNew else { return }
        do {
            try iptables(node, "-I", rule)
        } catch {
            state.withLock { _ = $0.dropRules[node.name]?.remove(rule) }
            throw error
        }
    }

    private func removeDrop(_ rule: DropRule, on node: ClusterNode) throws {
        guard state.withLock({ $0.dropRules[node.name]?.remove(rule) }) != nil else { return }
        try iptables(node, "-D", rule)
    }

    private func iptables(_ node: ClusterNode, _ action: String, _ rule: DropRule) throws {
        var arguments = ["ip", "netns", "exec", node.namespace, HostCommand.resolve("iptables"), "-w", "5", action, "INPUT", "-i", Self.interface]
        if let source = rule.source { arguments += ["-s", source] }
        arguments += ["-p", "udp", "--dport", String(spec.udpPort)]
        if let perMille = rule.perMille, perMille < 1000 {
            arguments += ["-m", "statistic", "--mode", "random", "--probability", String(format: "%.3f", Double(perMille) / 1000)]
        }
        arguments += ["-j", "DROP"]
        try HostCommand.check(arguments)
    }
}
