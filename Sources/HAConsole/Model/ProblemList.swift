import HAProtocol

/// What is wrong, subject by subject: DRBDmon's problem mode for the whole cluster.
///
/// A subject is a problem when an alert concerns it (``ConsoleSubject/init(alert:)``) or when
/// its state, read directly, is not healthy though no alert says so: a DRBD resource that is
/// not Connected and UpToDate on every node (a resync, a Disconnected peer), a group running
/// nowhere or in transition, a node whose DRBD could not be read or whose resources are in
/// transition. Data the console cannot vouch for (no source, a lost connection, a stale
/// snapshot) is itself a problem of the cluster, so an empty list always means "all healthy".
struct ProblemList: Sendable {
    /// A condition read off the state, with no alert behind it.
    struct Observation: Sendable, Hashable {
        var text: String
        var severity: Alert.Severity
    }

    struct Problem: Sendable {
        var subject: ConsoleSubject
        var severity: Alert.Severity
        /// The alerts about this subject, most severe first.
        var alerts: [Alert] = []
        var observations: [Observation] = []

        /// The line that says why it is listed: its first alert, else its first observation.
        var headline: String { alerts.first?.message ?? observations.first?.text ?? "" }
    }

    /// Most severe first, then in the order found (the console's source, then the alerts'
    /// order, then observations).
    private(set) var problems: [Problem] = []
    /// What was looked at, for the "No problems" line: normal nodes, groups, DRBD resources.
    private(set) var nodeCount = 0
    private(set) var groupCount = 0
    private(set) var drbdCount = 0

    /// The problems in `state` (already scoped) given its `alerts` (derived from the whole state).
    init(state: ConsoleState, alerts: [Alert]) {
        for observation in Self.sourceObservations(state) { add(observation, to: .cluster) }
        for alert in alerts { add(alert) }
        let snapshot = state.snapshot
        nodeCount = snapshot?.nodes.filter { $0.type == .normal }.count ?? 0
        groupCount = snapshot?.groups.count ?? 0
        for node in snapshot?.nodes ?? [] {
            if let problem = state.drbdProblems[node.name] {
                add(Observation(text: "DRBD not read: \(problem)", severity: .warning), to: .node(node.name))
            }
            if node.stable == false, node.status != .dead {
                add(Observation(text: "\(node.name) holds \(node.holds?.rawValue ?? "?") (transition)", severity: .warning), to: .node(node.name))
            }
        }
        let anyActive = snapshot?.nodes.contains { $0.type == .normal && $0.status == .active } ?? false
        for group in snapshot?.groups ?? [] {
            let since = group.since.map { " since \(state.clock.time($0))" } ?? ""
            switch group.state {
            case .starting, .stopping:
                add(Observation(text: "\(group.key) is \(group.state.rawValue)\(since)", severity: .warning), to: .group(group.key))
            case .stopped where group.holders.isEmpty && anyActive:
                add(Observation(text: "\(group.key) runs on no node (stopped\(since))", severity: .warning), to: .group(group.key))
            default: break
            }
        }
        let resources = DRBDView.resources(state, nodes: state.nodeNames)
        drbdCount = resources.count
        for (name, byNode) in resources {
            for node in state.nodeNames {
                guard let resource = byNode[node], !resource.isHealthy else { continue }
                add(Observation(text: ConsoleAlerts.stateLine(node: node, resource: resource), severity: .warning), to: .drbd(name))
            }
        }
        problems = problems.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    var isEmpty: Bool { problems.isEmpty }

    /// `No problems: 2 nodes, 1 group, 1 DRBD resource all healthy`.
    var allHealthyLine: String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "No problems: \(count(nodeCount, "node")), \(count(groupCount, "group")), \(count(drbdCount, "DRBD resource")) all healthy"
    }

    /// The problem about `subject`, if it has one.
    func problem(about subject: ConsoleSubject) -> Problem? {
        problems.first { $0.subject == subject }
    }

    private mutating func add(_ alert: Alert) {
        let subject = ConsoleSubject(alert: alert)
        if let index = problems.firstIndex(where: { $0.subject == subject }) {
            problems[index].alerts.append(alert)
            problems[index].severity = max(problems[index].severity, alert.severity)
        } else {
            problems.append(Problem(subject: subject, severity: alert.severity, alerts: [alert]))
        }
    }

    private mutating func add(_ observation: Observation, to subject: ConsoleSubject) {
        if let index = problems.firstIndex(where: { $0.subject == subject }) {
            problems[index].observations.append(observation)
            problems[index].severity = max(problems[index].severity, observation.severity)
        } else {
            problems.append(Problem(subject: subject, severity: observation.severity, observations: [observation]))
        }
    }

    /// Why the console cannot vouch for the cluster's state right now, if it cannot.
    static func sourceObservations(_ state: ConsoleState) -> [Observation] {
        switch (state.source, state.connection) {
        case (.none, _):
            return [Observation(text: "no daemon: nodes and groups are not known, only the log and DRBD", severity: .warning)]
        case (_, .disconnected(let reason)):
            return [Observation(text: "source DOWN (\(reason)): nothing below is current", severity: .critical)]
        case (_, .connecting) where state.snapshot == nil:
            return [Observation(text: "no cluster data yet", severity: .warning)]
        default:
            guard state.isStale else { return [] }
            let age = state.dataAge.map { DisplayFormat.duration(milliseconds: $0) } ?? "?"
            return [Observation(text: "data \(age) old (STALE): nothing below is current", severity: .warning)]
        }
    }
}
