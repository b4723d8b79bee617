import HAProtocol

/// Whether a verification holds now, and the concrete values it looked at (the evidence).
struct SOPEvaluation: Hashable, Sendable {
    var satisfied: Bool
    /// One phrase per clause: `bravo holds IPaddr2::192.0.2.100/24/hb0 since 04:51:02`.
    var observations: [String]
}

extension SOPCondition {
    /// Evaluates the condition on `observations`; `logSince` is the first log sequence number a
    /// `log … shows` clause may use (events read after the step was shown).
    func evaluate(in observations: SOPObservations, roles: SOPRoles, logSince: Int) -> SOPEvaluation {
        switch self {
        case .clause(let clause):
            return clause.evaluate(in: observations, roles: roles, logSince: logSince)
        case .all(let parts):
            let results = parts.map { $0.evaluate(in: observations, roles: roles, logSince: logSince) }
            return SOPEvaluation(satisfied: results.allSatisfy(\.satisfied), observations: results.flatMap(\.observations))
        case .any(let parts):
            let results = parts.map { $0.evaluate(in: observations, roles: roles, logSince: logSince) }
            if let passed = results.first(where: \.satisfied) { return passed }
            return SOPEvaluation(satisfied: false, observations: results.flatMap(\.observations))
        }
    }
}

extension SOPClause {
    func evaluate(in observations: SOPObservations, roles: SOPRoles, logSince: Int) -> SOPEvaluation {
        func result(_ satisfied: Bool, _ observation: String) -> SOPEvaluation {
            SOPEvaluation(satisfied: satisfied, observations: [observation])
        }
        switch self {
        case .nodeStatus(let reference, let statuses):
            guard let snapshot = observations.snapshot else { return result(false, "no cluster snapshot yet") }
            let name = roles.node(reference) ?? reference.description
            guard let node = snapshot.node(name) else { return result(false, "\(name) is not in the cluster") }
            return result(statuses.contains(node.status), "\(name) is \(node.status.rawValue)")
        case .groupHolder(let groupReference, let holder):
            guard let snapshot = observations.snapshot else { return result(false, "no cluster snapshot yet") }
            let group: GroupSnapshot? =
                switch groupReference {
                case nil: snapshot.groups.first { $0.key == roles.groupKey }
                case .first?: snapshot.groups.first
                case .key(let key)?: snapshot.groups.first { $0.key == key }
                }
            guard let group else { return result(false, "no group \(groupReference?.description ?? roles.groupKey ?? "") in the cluster") }
            return result(Self.holds(group, holder, roles), Self.describe(group))
        case .drbd(let resourceName, let reference, let field, let values):
            let node = roles.node(reference) ?? reference.description
            guard let status = observations.drbd[node] else { return result(false, "no DRBD status from \(node)") }
            guard let resource = status.resource(named: resourceName) else {
                return result(false, "\(node) has no DRBD resource \(resourceName)")
            }
            let seen = Self.values(of: field, in: resource)
            let unique = seen.reduce(into: [String]()) { if !$1.isEmpty && !$0.contains($1) { $0.append($1) } }
            let shown = unique.isEmpty ? "none" : unique.joined(separator: "/")
            return result(!seen.isEmpty && seen.allSatisfy(values.contains), "\(resourceName) on \(node): \(field.rawValue) \(shown)")
        case .log(let reference, let event, let subjectReference, let sinceRunStart):
            let node = roles.node(reference) ?? reference.description
            let subject = subjectReference.map { roles.node($0) ?? $0.description }
            guard observations.nodesWithLog.contains(node) else { return result(false, "no ha-log lines read from \(node)") }
            let events = observations.logEvents[node] ?? []
            if let hit = events.first(where: {
                (sinceRunStart || $0.sequence >= logSince) && event.matches($0.event, subject: subject)
            }) {
                return result(true, "log on \(node) at \(Self.clock(hit.line.timestamp)): \"\(SOPText.trimmed(hit.line.message))\"")
            }
            let about = subject.map { " for \($0)" } ?? ""
            return result(false, "log on \(node): no \(event.rawValue)\(about) line yet")
        case .alert(let kind, let present):
            guard let snapshot = observations.snapshot else { return result(false, "no cluster snapshot yet") }
            let alerts = snapshot.alerts.filter { $0.kind == kind }
            guard let first = alerts.first else { return result(!present, "no \(kind.rawValue) alert") }
            return result(present, "\(kind.rawValue) alert: \(first.message)")
        }
    }

    /// A node holder must hold the group alone with it running; `one` likewise for any node.
    private static func holds(_ group: GroupSnapshot, _ holder: SOPGroupHolder, _ roles: SOPRoles) -> Bool {
        switch holder {
        case .nobody: group.holders.isEmpty
        case .one: group.holders.count == 1 && group.state == .running
        case .both: group.holders.count >= 2
        case .node(let reference): group.holders == [roles.node(reference)] && group.state == .running
        }
    }

    /// `bravo holds KEY since 04:51:02`, `nobody holds KEY`, `alpha and bravo both hold KEY`.
    private static func describe(_ group: GroupSnapshot) -> String {
        let state = group.state == .running || group.state == .stopped ? "" : " (\(group.state.rawValue))"
        let since = group.since.map { " since \(clock(epochMilliseconds: $0))" } ?? ""
        switch group.holders.count {
        case 0: return "nobody holds \(group.key)\(state)"
        case 1: return "\(group.holders[0]) holds \(group.key)\(state)\(since)"
        default:
            let names = group.holders.dropLast().joined(separator: ", ") + " and " + group.holders.last!
            return "\(names) both hold \(group.key)\(state)"
        }
    }

    private static func values(of field: SOPDRBDField, in resource: DRBDResource) -> [String] {
        let peers = resource.connections.flatMap(\.peerDevices)
        return switch field {
        case .role: [resource.role.spelling]
        case .peerRole: resource.connections.map(\.peerRole.spelling)
        case .connection: resource.connections.map(\.state.spelling)
        case .disk: resource.devices.map(\.disk.spelling)
        case .peerDisk: peers.map(\.peerDisk.spelling)
        case .replication: peers.map(\.replication.spelling)
        }
    }

    /// `04:51:02`: the time of day of a log line.
    static func clock(_ timestamp: HALogTimestamp) -> String {
        [timestamp.hour, timestamp.minute, timestamp.second].map(SOPText.twoDigits).joined(separator: ":")
    }

    /// `04:51:02`: the UTC time of day of a wall-clock instant in milliseconds since the epoch.
    static func clock(epochMilliseconds: Int64) -> String {
        let seconds = Int((epochMilliseconds / 1000) % 86_400 + 86_400) % 86_400
        return [seconds / 3600, seconds / 60 % 60, seconds % 60].map(SOPText.twoDigits).joined(separator: ":")
    }
}
