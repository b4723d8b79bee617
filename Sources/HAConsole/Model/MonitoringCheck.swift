import HAProtocol

/// The cluster reduced to a monitoring plugin's answer (the Monitoring Plugins Development
/// Guidelines, which Nagios, Icinga, Naemon and Zabbix's agent follow): a state that is the exit
/// status, and one line of text with performance data after a `|`.
///
/// The state is the most severe of the screen's alerts (``ConsoleAlerts``): a critical alert is
/// CRITICAL, a warning WARNING, notices and no alert OK. No data (the daemon cannot be reached,
/// or answers without a snapshot) is UNKNOWN: the check cannot tell, which is not the same as
/// the cluster being down. Pure: ``assess(_:alerts:)`` reads only its arguments.
struct MonitoringCheck: Sendable, Hashable {
    /// The plugin states, as exit statuses.
    enum State: Int32, Sendable, Hashable, CaseIterable {
        case ok = 0, warning = 1, critical = 2, unknown = 3

        /// The word the guidelines put after the service name: `OK`, `WARNING`, …
        var word: String {
            switch self {
            case .ok: "OK"
            case .warning: "WARNING"
            case .critical: "CRITICAL"
            case .unknown: "UNKNOWN"
            }
        }
    }

    /// The name the line starts with.
    static let service = "HACLUSTER"

    var state: State
    /// What is wrong first (the worst alert), then who holds the groups and how many links are up.
    var summary: String
    var performance: [PerformanceDatum]

    /// `HACLUSTER OK - alpha holds 2/2 groups, 2 links up | link_age_ms=80ms;250;500;0 …`: one line
    /// whatever the text holds (`|` and control characters in messages are replaced).
    var line: String {
        let text = "\(Self.service) \(state.word) - \(Self.oneLine(summary))"
        return performance.isEmpty ? text : text + " | " + performance.map(\.text).joined(separator: " ")
    }

    /// No snapshot to judge by: UNKNOWN, with the reason.
    static func unknown(_ reason: String) -> MonitoringCheck {
        MonitoringCheck(state: .unknown, summary: reason, performance: [])
    }

    /// The verdict on `state` (its snapshot and every node's DRBD) given the screen's `alerts`
    /// for it; UNKNOWN when `state` has no snapshot.
    static func assess(_ state: ConsoleState, alerts: [Alert]) -> MonitoringCheck {
        guard let snapshot = state.snapshot else {
            let reason = if case .disconnected(let why) = state.connection { why } else { "no snapshot" }
            return unknown("no cluster state: \(reason)")
        }
        let worst = alerts.map(\.severity).max()
        let verdict: State =
            switch worst {
            case .critical: .critical
            case .warning: .warning
            case .info, nil: .ok
            }
        var parts: [String] = []
        if let first = alerts.first {
            let more = alerts.count - 1
            parts.append(first.message + (more > 0 ? " (+\(more) more)" : ""))
        }
        parts.append([holding(snapshot), links(snapshot).words].joined(separator: ", "))
        return MonitoringCheck(state: verdict, summary: parts.joined(separator: "; "), performance: performance(snapshot, drbd: state.drbd))
    }

    /// `alpha holds 2/2 groups`; with the groups spread, `alpha holds 1/2 groups, bravo 1/2`.
    static func holding(_ snapshot: ClusterSnapshot) -> String {
        let total = snapshot.groups.count
        guard total > 0 else { return "no resource groups" }
        let counts = snapshot.nodes.filter { $0.type == .normal }.compactMap { node -> (String, Int)? in
            let held = snapshot.groups.filter { $0.holders.contains(node.name) }.count
            return held > 0 ? (node.name, held) : nil
        }
        guard let (first, held) = counts.first else { return "nobody holds the \(total) group\(total == 1 ? "" : "s")" }
        let others = counts.dropFirst().map { ", \($0.0) \($0.1)/\(total)" }.joined()
        return "\(first) holds \(held)/\(total) groups\(others)"
    }

    /// The answering node's links to its peers (ping nodes apart): `2 links up`, or `1/2 links
    /// up` when some are dead.
    static func links(_ snapshot: ClusterSnapshot) -> (up: Int, total: Int, words: String) {
        let links = snapshot.nodes.filter { $0.type == .normal && $0.name != snapshot.localNode }.flatMap(\.links)
        let up = links.filter { $0.status == .up }.count
        let words = up == links.count ? "\(up) \(up == 1 ? "link" : "links") up" : "\(up)/\(links.count) links up"
        return (up, links.count, words)
    }

    /// Replaces what would end the line or start the performance data early.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "|" ? "/" : ($0.properties.generalCategory == .control ? " " : Character($0)) })
    }
}
