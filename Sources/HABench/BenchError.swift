/// Why the benchmark stopped or dropped a repetition; each case says what to do or what was seen.
enum BenchError: Error, CustomStringConvertible {
    /// Namespaces and iptables need root.
    case notRoot(euid: UInt32)
    /// The watcher never saw a transition the scenario depends on.
    case missingTransition(String, timeline: String)
    /// A fenced takeover happened but the node's snapshot records no successful fence.
    case missingFenceRecord(node: String, victim: String, records: [String])

    var description: String {
        switch self {
        case .notRoot(let euid):
            return "habench must run as root (effective uid \(euid)): it creates network namespaces and iptables rules. Try: sudo bench/run"
        case .missingTransition(let what, let timeline):
            return "the watcher never saw: \(what)\n\(timeline)"
        case .missingFenceRecord(let node, let victim, let records):
            return "\(node) took over, but its snapshot records no successful fence of \(victim) (records: \(records))"
        }
    }
}
