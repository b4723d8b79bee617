import HAProtocol

/// What the live console remembers for its timeline panel beyond its own log ring: events from
/// the other nodes' logs, the DRBD state changes it saw between readings, the SOP audit records
/// of the runs in this console, and each link's heartbeat ages (``TimelineHistory+Heartbeats``).
///
/// Every collection is bounded (``capacity`` events each, ``HeartbeatAges`` for the ages), so a
/// console left open for weeks holds the latest and no more. Pure: times are handed in.
struct TimelineHistory: Sendable {
    /// The most events each kind of history keeps (the newest).
    static let capacity = 1000
    /// The most DRBD resources, connections and volumes whose last state is remembered.
    static let maximumDRBDFacts = 4096

    /// Events from the logs of nodes other than the followed one (whose lines the log ring
    /// keeps), classified on arrival with ``TimelineParser``.
    private(set) var peerLogEvents: [TimelineEvent] = []
    /// DRBD role, connection and disk changes, derived when a reading differs from the last.
    private(set) var drbdEvents: [TimelineEvent] = []
    /// SOP steps of the runs in this console, with the operator.
    private(set) var sopEvents: [TimelineEvent] = []
    /// Each link's heartbeat ages, one per snapshot.
    var heartbeatAges = HeartbeatAges()
    /// The node whose log the log ring holds (the followed feed's, once it said which node it
    /// is): its lines are that node's events, whatever host name syslog printed.
    var logNode: String?

    /// The last DRBD word seen per node, resource and part (`role`, `connection bravo`, `disk 0`).
    private var drbdFacts: [DRBDFactKey: String] = [:]
    /// The operator of each run, from its start record.
    private var operators: [String: String] = [:]

    private struct DRBDFactKey: Hashable, Sendable {
        var node: String
        var resource: String
        var part: String
    }

    /// Classifies `entries` of `node`'s log (not the followed node's: the ring has those), read
    /// with `clock` (its year for lines that print none).
    mutating func recordLog(_ entries: [HALogEntry], node: String, clock: TimelineClock) {
        for entry in entries {
            guard let line = entry.line else { continue }
            let time = line.timestamp.year == nil ? clock.millisecondsGuessingYear(line.timestamp) : clock.milliseconds(line.timestamp)
            TimelineParser.append(line.message, at: time, resolution: 1000, node: node, silence: false, to: &peerLogEvents)
        }
        Self.trim(&peerLogEvents)
    }

    /// Compares `status`, read from `node` at `time` (epoch ms), with the last reading of the
    /// same resources: each role, connection state and local disk state that differs becomes an
    /// event. A resource seen for the first time only sets the baseline.
    mutating func observeDRBD(_ status: DRBDStatus, of node: String, at time: Int64) {
        for resource in status.resources.prefix(256) {
            let name = resource.name
            note(node, name, "role", resource.role.spelling, kind: .drbdRole, text: "\(name) role", at: time)
            for connection in resource.connections.prefix(32) {
                let peer = connection.name ?? connection.peerNodeID.map { "peer \($0)" } ?? "peer"
                note(node, name, "connection \(peer)", connection.state.spelling, kind: .drbdConnection, text: "\(name) \(peer)", at: time)
            }
            for device in resource.devices.prefix(32) {
                let label = resource.devices.count > 1 ? "\(name)/\(device.volume)" : name
                note(node, name, "disk \(device.volume)", device.disk.spelling, kind: .drbdDisk, text: "\(label) disk", at: time)
            }
        }
        Self.trim(&drbdEvents)
    }

    /// Takes one SOP audit record of this console's run (the wall time it carries).
    mutating func recordAudit(_ record: SOPAuditRecord) {
        if let user = record.user {
            if operators.count >= 1000 { operators.removeAll() }
            operators[record.run] = user
        }
        guard let time = TimelineClock.iso8601(record.time),
            let event = TimelineParser.event(record, operatorName: operators[record.run], time: time)
        else { return }
        sopEvents.append(event)
        Self.trim(&sopEvents)
    }

    private mutating func note(
        _ node: String, _ resource: String, _ part: String, _ word: String, kind: TimelineEvent.Kind, text: String, at time: Int64
    ) {
        let key = DRBDFactKey(node: node, resource: resource, part: part)
        let before = drbdFacts[key]
        guard before != word else { return }
        if before == nil, drbdFacts.count >= Self.maximumDRBDFacts { drbdFacts.removeAll() }
        drbdFacts[key] = word
        guard let before else { return }
        drbdEvents.append(TimelineEvent(time: time, resolution: 1000, source: node, kind: kind, node: node, text: "\(text) \(before) -> \(word)"))
    }

    private static func trim(_ events: inout [TimelineEvent]) {
        if events.count > capacity { events.removeFirst(events.count - capacity) }
    }
}
