/// A ``ClusterSnapshot`` seen through Heartbeat's client API (`hb_api`), the only thing
/// `cl_status` can ask: node walk, node status and type, link walk and status, parameters.
struct ClStatusView {
    let snapshot: ClusterSnapshot

    /// Heartbeat answers the API only once communication is up (spec §4.3: the API socket is
    /// opened in `comm_now_up()`), so a daemon still advertising `up` for itself is in
    /// initdead and `cl_status` cannot sign on (observed §4, state 01).
    init?(_ snapshot: ClusterSnapshot?) {
        guard let snapshot, let me = snapshot.node(snapshot.localNode), me.status != .up, me.status != .`init` else { return nil }
        self.snapshot = snapshot
    }

    /// The node walk: the reverse of the configured order. Heartbeat's client library prepends
    /// each node it receives, so `node alpha` / `node bravo` lists `bravo` then `alpha` on both
    /// nodes (observed §4). Ping nodes come after the normal nodes in the snapshot, so they are
    /// listed first; Heartbeat interleaves them in `ha.cf` order, which the snapshot lacks.
    var nodes: [NodeSnapshot] { snapshot.nodes.reversed() }

    func node(_ name: String) -> NodeSnapshot? { snapshot.node(name) }

    /// `active`, `up`, `dead`, `init` or `ping`. A peer that announced a clean shutdown stays
    /// `active` until its dead time runs out, as in Heartbeat (observed §4, state 10).
    func statusWord(_ node: NodeSnapshot) -> String {
        node.status == .stopping ? NodeStatus.active.rawValue : node.status.rawValue
    }

    /// The link walk for `node`: Heartbeat lists this machine's media for every normal node
    /// (so a peer never heard from still has `hb0`, `dead`), reversed like the node walk; a
    /// ping node's one link is named after the node.
    func interfaces(of node: NodeSnapshot) -> [String] {
        if node.type == .ping { return [node.name] }
        return (snapshot.node(snapshot.localNode)?.links.map(\.interface) ?? []).reversed()
    }

    /// `up` or `dead`, or nil when `node` has no such link.
    func linkStatus(_ node: NodeSnapshot, _ interface: String) -> String? {
        guard interfaces(of: node).contains(interface) else { return nil }
        if node.type == .ping { return node.status == .ping ? "up" : "dead" }
        return node.links.first { $0.interface == interface }?.status.rawValue ?? LinkSnapshot.Status.dead.rawValue
    }

    /// `rscstatus`: what this node holds, or `transition` while it is not stable (spec §4.7).
    var resources: String {
        guard let me = snapshot.node(snapshot.localNode), me.stable == true else { return "transition" }
        return (me.holds ?? .none).rawValue
    }

    /// `hbparameter -p NAME`: the `ha.cf` values the snapshot carries. Times print in whole
    /// seconds when they are whole (`deadtime 10` reads back `10`), else as `NNNms`; Heartbeat
    /// returns the text as written in `ha.cf`, which the snapshot does not keep.
    func parameter(_ name: String, version: String) -> String? {
        func time(_ milliseconds: Int) -> String {
            milliseconds % 1000 == 0 ? String(milliseconds / 1000) : "\(milliseconds)ms"
        }
        switch name {
        case "keepalive": return time(snapshot.timers.keepalive)
        case "deadtime": return time(snapshot.timers.deadtime)
        case "warntime": return time(snapshot.timers.warntime)
        case "initdead": return time(snapshot.timers.initdead)
        case "auto_failback": return snapshot.autoFailback.rawValue
        case "hbversion": return version
        default: return nil
        }
    }
}
