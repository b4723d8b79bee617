import HAProtocol

/// A verification on live state: clauses joined by `and`, alternatives joined by `or`.
///
/// `and` binds tighter than `or`, as in most languages; there are no parentheses. A condition
/// is a plain value, evaluated against ``SOPObservations`` by ``SOPCondition/evaluate(in:)``.
indirect enum SOPCondition: Hashable, Sendable {
    case clause(SOPClause)
    case all([SOPCondition])
    case any([SOPCondition])

    /// Every clause, in the order written.
    var clauses: [SOPClause] {
        switch self {
        case .clause(let clause): [clause]
        case .all(let parts), .any(let parts): parts.flatMap(\.clauses)
        }
    }
}

/// One fact about live state that a verification can require.
enum SOPClause: Hashable, Sendable {
    /// `node NODE is active|dead|…` (alternatives separated by `|`).
    case nodeStatus(node: SOPNodeReference, statuses: [NodeStatus])
    /// `group [KEY|first] held by HOLDER`; no group means the procedure's group.
    case groupHolder(group: SOPGroupReference?, holder: SOPGroupHolder)
    /// `drbd RES on NODE FIELD VALUE[|VALUE…]`.
    case drbd(resource: String, node: SOPNodeReference, field: SOPDRBDField, values: [String])
    /// `log on NODE shows|showed EVENT [NODE]`.
    case log(node: SOPNodeReference, event: SOPLogEventName, subject: SOPNodeReference?, sinceRunStart: Bool)
    /// `alert KIND` (present) or `no alert KIND` (absent).
    case alert(kind: Alert.Kind, present: Bool)
}

/// Who must hold a group for `group … held by HOLDER`.
enum SOPGroupHolder: Hashable, Sendable, CustomStringConvertible {
    /// Held by no node.
    case nobody
    /// Held by exactly one node, whichever.
    case one
    /// Held by two or more nodes: a split brain.
    case both
    /// Held by this node alone.
    case node(SOPNodeReference)

    var description: String {
        switch self {
        case .nobody: "nobody"
        case .one: "one"
        case .both: "both"
        case .node(let reference): reference.description
        }
    }
}

/// Which DRBD state a `drbd` clause reads; values use DRBD's own spelling.
enum SOPDRBDField: String, Hashable, Sendable, CaseIterable {
    /// The local role (`Primary`).
    case role
    /// The peer's role over the resource's connections.
    case peerRole = "peer-role"
    /// The connection state (`Connected`, `StandAlone`, 8.x `WFConnection`).
    case connection
    /// The local disk of every volume (`UpToDate`).
    case disk
    /// The peer's disk of every volume.
    case peerDisk = "peer-disk"
    /// The replication state of every volume (`Established`, `SyncSource`, `SyncTarget`).
    case replication

    /// The known spellings for this field, to validate a procedure's words.
    var knownValues: [String] {
        switch self {
        case .role, .peerRole: DRBDRole.knownStates.map(\.spelling)
        case .connection: DRBDConnectionState.knownStates.map(\.spelling)
        case .disk, .peerDisk: DRBDDiskState.knownStates.map(\.spelling)
        case .replication: DRBDReplicationState.knownStates.map(\.spelling)
        }
    }
}

/// The ha-log events a verification can wait for: each ``HALogEvent`` case in kebab-case.
enum SOPLogEventName: String, Hashable, Sendable, CaseIterable {
    case nodeDead = "node-dead"
    case linkUp = "link-up"
    case linkDead = "link-dead"
    case heartbeatRestart = "heartbeat-restart"
    case returningAfterPartition = "returning-after-partition"
    case communicationUp = "communication-up"
    case resourcesBeingAcquired = "resources-being-acquired"
    case deadNodeGaveUpResources = "dead-node-gave-up-resources"
    case takingOverResourceGroup = "taking-over-resource-group"
    case initialAcquisitionComplete = "initial-acquisition-complete"
    case takeoverComplete = "takeover-complete"
    case resourceScriptFailed = "resource-script-failed"
    case standbyRequested = "standby-requested"
    case standbyAcquisitionDone = "standby-acquisition-done"
    case localStandbyCompleted = "local-standby-completed"
    case otherNodeCompletedStandbyTakeover = "other-node-completed-standby-takeover"
    case shutdownNotice = "shutdown-notice"
    case allResourcesRelinquished = "all-resources-relinquished"
    case shutdownComplete = "shutdown-complete"
    case restartTriggered = "restart-triggered"

    /// Whether `event` is this kind and, when `subject` is given, names that node.
    ///
    /// Events that name no node match any subject (`mach_down takeover complete.`).
    func matches(_ event: HALogEvent, subject: String?) -> Bool {
        guard let named = nodeIfMatching(event) else { return false }
        guard let subject, let node = named else { return true }
        return node == subject
    }

    /// nil when `event` is another kind; `.some(node)` with the node it names, if any.
    private func nodeIfMatching(_ event: HALogEvent) -> String?? {
        switch (self, event) {
        case (.nodeDead, .nodeDead(let node)): .some(node)
        case (.linkUp, .linkUp(let node, _)): .some(node)
        case (.linkDead, .linkDead(let node, _)): .some(node)
        case (.heartbeatRestart, .heartbeatRestart(let node)): .some(node)
        case (.returningAfterPartition, .returningAfterPartition(let node)): .some(node)
        case (.communicationUp, .communicationUp): .some(nil)
        case (.resourcesBeingAcquired, .resourcesBeingAcquired(let node)): .some(node)
        case (.deadNodeGaveUpResources, .deadNodeGaveUpResources(let node)): .some(node)
        case (.takingOverResourceGroup, .takingOverResourceGroup): .some(nil)
        case (.initialAcquisitionComplete, .initialAcquisitionComplete): .some(nil)
        case (.takeoverComplete, .takeoverComplete(let node)): .some(node)
        case (.resourceScriptFailed, .resourceScriptFailed): .some(nil)
        case (.standbyRequested, .standbyRequested(let node, _)): .some(node)
        case (.standbyAcquisitionDone, .standbyAcquisitionDone): .some(nil)
        case (.localStandbyCompleted, .localStandbyCompleted): .some(nil)
        case (.otherNodeCompletedStandbyTakeover, .otherNodeCompletedStandbyTakeover): .some(nil)
        case (.shutdownNotice, .shutdownNotice(let node)): .some(node)
        case (.allResourcesRelinquished, .allResourcesRelinquished): .some(nil)
        case (.shutdownComplete, .shutdownComplete(let node)): .some(node)
        case (.restartTriggered, .restartTriggered): .some(nil)
        default: nil
        }
    }
}
