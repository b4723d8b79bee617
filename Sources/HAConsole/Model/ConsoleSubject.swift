import HAProtocol

/// One thing on the cluster an operator can ask about: a node, the heartbeat links to a node, a
/// resource group, a DRBD resource, or the cluster as a whole (alerts that name no one subject,
/// and the console's own source of data).
///
/// The problems view lists subjects, the detail view shows one, and a scope filter keeps one
/// node or group (``ConsoleBrowse/scope``).
enum ConsoleSubject: Sendable, Hashable {
    case node(String)
    /// The heartbeat links to this node.
    case links(String)
    /// A resource group by its `haresources` key.
    case group(String)
    /// A DRBD resource by name, on every node that has it.
    case drbd(String)
    case cluster

    /// `node bravo`, `links to bravo`, `group IPaddr2::…`, `DRBD r0`, `cluster`.
    var label: String {
        switch self {
        case .node(let name): "node \(name)"
        case .links(let node): "links to \(node)"
        case .group(let key): "group \(key)"
        case .drbd(let name): "DRBD \(name)"
        case .cluster: "cluster"
        }
    }

    /// The subject whose detail answers for this one: the links' node; nil for the cluster.
    var detailSubject: ConsoleSubject? {
        switch self {
        case .links(let node): .node(node)
        case .cluster: nil
        default: self
        }
    }

    /// What an alert is about: a `drbd:` group is a DRBD resource, another group a group, a dead
    /// link the links to its node, a node a node, else the cluster.
    init(alert: Alert) {
        if let group = alert.group {
            self = group.hasPrefix("drbd:") ? .drbd(String(group.dropFirst(5))) : .group(group)
        } else if let node = alert.node {
            self = alert.kind == .linkDead ? .links(node) : .node(node)
        } else {
            self = .cluster
        }
    }
}
