import HAProtocol

/// The live state a run verifies against: the latest snapshot, each node's DRBD status, and the
/// ha-log events read from each node since the run began.
///
/// Log lines are kept only when they report a key event (``HALogEvent``), each with a sequence
/// number so a step can ask for events that arrived after it was shown.
struct SOPObservations: Sendable {
    /// The latest snapshot from the daemon; nil before the first arrives.
    var snapshot: ClusterSnapshot?
    /// DRBD status by node name, as last read from each node.
    var drbd: [String: DRBDStatus] = [:]
    /// Key events by node name, oldest first, at most ``logLimit`` per node.
    private(set) var logEvents: [String: [LoggedEvent]] = [:]
    /// Nodes whose log the run has read at least one line of.
    private(set) var nodesWithLog: Set<String> = []
    /// The sequence number the next stored event gets.
    private(set) var nextSequence = 0

    /// Events kept per node; older ones are dropped first.
    static let logLimit = 2000

    /// One key event from a node's ha-log.
    struct LoggedEvent: Hashable, Sendable {
        var sequence: Int
        var event: HALogEvent
        var line: HALogLine
    }

    /// Records the lines `entries` read from `node`'s ha-log, in order.
    mutating func appendLog(from node: String, _ entries: [HALogEntry]) {
        nodesWithLog.insert(node)
        for entry in entries {
            guard let line = entry.line, let event = line.event else { continue }
            logEvents[node, default: []].append(LoggedEvent(sequence: nextSequence, event: event, line: line))
            nextSequence += 1
        }
        if let count = logEvents[node]?.count, count > Self.logLimit {
            logEvents[node]?.removeFirst(count - Self.logLimit)
        }
    }
}

/// How a run's roles map onto the cluster, fixed when the run starts.
struct SOPRoles: Hashable, Sendable, Codable {
    /// Role name → node name (`primary` → `alpha`), for every role the procedure can use.
    var nodes: [String: String]
    /// The key of the procedure's group; nil when the cluster has none.
    var groupKey: String?

    /// The node a reference stands for in this run.
    func node(_ reference: SOPNodeReference) -> String? {
        switch reference {
        case .role(let role): nodes[role]
        case .named(let name): name
        }
    }

    /// `primary = alpha, secondary = bravo`, sorted by role, for display and the audit trail.
    var summary: String {
        nodes.keys.sorted().map { "\($0) = \(nodes[$0]!)" }.joined(separator: ", ")
    }

    /// `text` with `{role}`, `{group}` and `{node}` (the step's node, if any) replaced.
    func expand(_ text: String, stepNode: String? = nil) -> String {
        var result = text
        for (role, node) in nodes { result = result.replacing("{\(role)}", with: node) }
        if let groupKey { result = result.replacing("{group}", with: groupKey) }
        if let stepNode { result = result.replacing("{node}", with: stepNode) }
        return result
    }
}
