/// Everything the campaign observed of one step, as plain values with times relative to the
/// injection: the input of `CampaignAudit`, which is pure and unit-tested on hand-made ones.
struct StepObservation: Sendable {
    /// Who held the service address, from the injection to the end of the audit window, as
    /// consecutive spans (times from the injection).
    var spans: [HolderSpan]
    /// When the fault was recovered, from the injection.
    var recovered: Duration
    /// When the pair was first seen settled after the recovery; nil if it never was within
    /// `settleLimit`.
    var settled: Duration?
    /// How long after the recovery the campaign waited for the pair to settle.
    var settleLimit: Duration
    /// The end of the audit window (from `settled`, or from the settle limit when unsettled).
    var windowEnd: Duration
    /// Each node as seen at the end of the window.
    var nodes: [NodeView]
    /// UDP datagrams per second delivered in each node's namespace during the window.
    var datagramRates: [String: Double]
    /// What each node's ha-log gained this step, already checked (`LogCheck`).
    var logs: [String: LogCheck]
    /// Each daemon's resident memory now and when first sampled, in kB.
    var memory: [String: MemorySample]
    /// During a control-socket flood: how long a fresh client waited for a status answer
    /// (nil: none within the probe's timeout). Absent for other faults.
    var controlProbe: ControlProbe?
    /// Nodes whose host the step crashed (their address removed by the harness, unlogged).
    var crashed: Set<String> = []
}

/// Who held the address over one span (times from the injection).
struct HolderSpan: Sendable, Equatable {
    var holders: Set<String>
    var from: Duration
    var to: Duration
    var duration: Duration { to - from }
}

/// One node as its daemon and its interface show it.
struct NodeView: Sendable, Equatable {
    var name: String
    /// Its daemon runs (for Heartbeat: any heartbeat process of the node).
    var running: Bool
    /// It answered a status request.
    var answered: Bool
    /// It calls its own resource state stable: nothing starting, stopping or being negotiated.
    var stable: Bool
    /// The other nodes it sees active.
    var activePeers: Set<String>
    /// Whether its daemon says it holds the service group; nil when it did not answer.
    var claimsGroup: Bool?
    /// Whether its daemon reports the group `failed` (a stop that did not complete: the
    /// operator decides).
    var groupFailed: Bool
    /// Whether the service address is on its interface.
    var holdsAddress: Bool
    /// The group's resource scripts whose state says they run on this node (`hbdummy`, `flaky`).
    var runningScripts: [String] = []
}

/// What a node's ha-log gained in a step, checked as it was read (`LogFollower`).
struct LogCheck: Sendable, Equatable {
    /// Complete lines added this step.
    var lines: Int
    /// Lines that name the service address (resource starts and stops of the group).
    var addressLines: Int
    /// Lines that are not in any layout Heartbeat writes (a torn or glued line), up to three.
    var tornLines: [String]
    /// The file ended in the middle of a line, and still did a moment later.
    var unterminated: Bool
    /// The file got shorter than what had been read.
    var shrank: Bool
    /// Bytes added this step.
    var bytes: Int
    /// The node's log disk was full during this step (lines may be lost, none may be torn).
    var diskWasFull: Bool
    /// Whether lines are checked against Heartbeat's layouts (hadaemon's own log).
    var checksLayout: Bool
}

/// One daemon's resident set size now and at the first sample of that process.
struct MemorySample: Sendable, Equatable, Codable {
    var pid: Int32
    var firstKB: Int
    var nowKB: Int
    var growthKB: Int { nowKB - firstKB }
}

/// A fresh client's status request during a control-socket flood.
struct ControlProbe: Sendable, Equatable {
    /// Time to a complete answer; nil when none came within `timeout`.
    var answeredAfter: Duration?
    var timeout: Duration
}
