/// One thing that happened in the cluster, as one node's ha-log or the SOP audit trail says it.
///
/// `time` is wall-clock milliseconds since the Unix epoch; `resolution` says how precise it is
/// (Heartbeat's ha-log layout, which hadaemon also writes, prints whole seconds, so 1000 for
/// every log line). `source` is the node whose log had the line (or `audit`); `node` is the node
/// the event is about, when it names one. `text` is the line's message, verbatim.
struct TimelineEvent: Sendable, Hashable, Encodable {
    /// What happened; the raw values are the JSON spelling.
    enum Kind: String, Sendable, Hashable, CaseIterable, Encodable {
        case nodeDead = "node_dead"
        case nodeActive = "node_active"
        case nodeRestarted = "node_restarted"
        case shutdownNotice = "shutdown_notice"
        case linkUp = "link_up"
        case linkDead = "link_dead"
        case lateHeartbeat = "late_heartbeat"
        case takeoverStarted = "takeover_started"
        case takeoverComplete = "takeover_complete"
        case acquisitionComplete = "acquisition_complete"
        case releaseStarted = "release_started"
        case releaseComplete = "release_complete"
        case resourceFailure = "resource_failure"
        case fenceDelayed = "fence_delayed"
        case fenceStarted = "fence_started"
        case fenceDone = "fence_done"
        case fenceFailed = "fence_failed"
        case fenceCancelled = "fence_cancelled"
        case noFenceDevice = "no_fence_device"
        case splitBrainDetected = "split_brain_detected"
        case splitBrainHealed = "split_brain_healed"
        case sopStep = "sop_step"
        /// A DRBD resource's role changed (Secondary to Primary), as the console saw it.
        case drbdRole = "drbd_role"
        /// A DRBD connection's state changed (Connected to StandAlone).
        case drbdConnection = "drbd_connection"
        /// A DRBD volume's local disk state changed (UpToDate to Outdated).
        case drbdDisk = "drbd_disk"
        /// DRBD itself declared a split brain (its kernel's `Split-Brain detected`).
        case drbdSplitBrain = "drbd_split_brain"
    }

    var time: Int64
    var resolution: Int64
    var source: String
    var kind: Kind
    var node: String?
    var text: String
    /// Who acted, for SOP records (the `user` of the run).
    var operatorName: String?
    /// Milliseconds the line itself reports (a late heartbeat's interval).
    var milliseconds: Int?
}
