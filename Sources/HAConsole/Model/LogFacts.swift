import HAProtocol

/// What the ha-log tail proves, gathered in one pass over the kept lines (oldest first), with
/// later lines clearing earlier ones where Heartbeat says so (a link up after it died, a node
/// heard again after it was declared dead, resources settled after a script failed).
///
/// Keyed by node (and interface), each list in the order its key was first seen, so the pass
/// stays linear however many nodes the log names.
struct LogFacts: Sendable {
    struct Late: Sendable {
        var count = 0
        var worstMilliseconds = 0
        var beyondDeadtime = false
        var lastLine = ""
    }

    /// `returning after partition` lines (the latest per node).
    private(set) var partitions = OrderedFacts<String>()
    private(set) var late = OrderedFacts<Late>()
    /// Nodes declared dead and not heard from since, with the line that said so.
    private(set) var deadNodes = OrderedFacts<String>()
    /// Nodes that announced a clean stop (`Received shutdown notice from 'NODE'.`) and were not
    /// heard from since, with the line.
    private(set) var cleanStops = OrderedFacts<String>()
    /// Links (`node:interface`) that died and did not come back, with the line.
    private(set) var deadLinks = OrderedFacts<(node: String, interface: String, line: String)>()
    /// Script failures not followed by a completed acquisition; `stop` for STOP failures.
    private(set) var failures: [(line: String, stop: Bool)] = []
    private(set) var badPackets: (count: Int, lastLine: String) = (0, "")

    var partitionLines: [String] { partitions.items.map(\.value) }

    init(_ log: LogRing) {
        for index in 0..<log.count {
            let record = log[index]
            guard let event = record.event else { continue }
            take(event, line: record.text)
        }
    }

    private mutating func take(_ event: HALogEvent, line: String) {
        switch event {
        case .returningAfterPartition(let node):
            partitions[node] = line
            deadNodes[node] = nil
            cleanStops[node] = nil
        case .shutdownNotice(let node):
            cleanStops[node] = line
        case .lateHeartbeat(let node, let interval, let beyond):
            var facts = late[node] ?? Late()
            facts.count += 1
            facts.worstMilliseconds = max(facts.worstMilliseconds, interval)
            facts.beyondDeadtime = facts.beyondDeadtime || beyond
            facts.lastLine = line
            late[node] = facts
        case .nodeDead(let node):
            deadNodes[node] = line
        case .statusUpdate(let node, let status) where status != "dead":
            deadNodes[node] = nil
            cleanStops[node] = nil
        case .heartbeatRestart(let node):
            deadNodes[node] = nil
            cleanStops[node] = nil
        case .linkDead(let node, let interface):
            deadLinks["\(node):\(interface)"] = (node, interface, line)
        case .linkUp(let node, let interface):
            deadLinks["\(node):\(interface)"] = nil
            deadNodes[node] = nil
            cleanStops[node] = nil
        case .resourceScriptFailed, .givingUpResourcesAfterFailure:
            failures.append((line, false))
        case .resourceStopFailure:
            failures.append((line, true))
        case .initialAcquisitionComplete, .takeoverComplete, .standbyTransitionCompleted:
            failures.removeAll { !$0.stop }
        case .authenticationFailure, .replayAttack:
            badPackets = (badPackets.count + 1, line)
        default:
            break
        }
    }
}
