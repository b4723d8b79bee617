/// What runs on the lone node in one `habench footprint` run: a row of the table.
enum FootprintVariant: String, Sendable, Codable, CaseIterable {
    /// `hadaemon run …`, as the package's unit starts it.
    case hadaemon
    /// `hadaemon run … --keep-startup-pages`: the startup-only pages kept (the daemon's hidden
    /// flag), to show what releasing them saves.
    case hadaemonKeepingStartupPages = "hadaemon-keep-startup-pages"
    /// keepalived 2.2.7, one VRRPv3 instance: its parent and VRRP child.
    case keepalived

    var title: String {
        switch self {
        case .hadaemon: "hadaemon"
        case .hadaemonKeepingStartupPages: "hadaemon --keep-startup-pages"
        case .keepalived: "keepalived 2.2.7"
        }
    }

    /// The processes a settled node has: the daemon alone, or keepalived's two.
    var expectedProcesses: Int { self == .keepalived ? 2 : 1 }

    var isHADaemon: Bool { self != .keepalived }
}

/// One run: a fresh node, ready, idle for the window, then read.
struct FootprintSample: Sendable, Codable {
    var variant: FootprintVariant
    var repetition: Int
    /// The processes measured (hadaemon's one; keepalived's parent, then its VRRP child).
    var pids: [Int32]
    /// Processes in the node's network namespace at the read (`ip netns pids`).
    var namespaceProcesses: Int
    /// From the start to ready (the address held, nothing else running).
    var readySeconds: Double
    /// From ready to the read.
    var idleSeconds: Double
    /// From clearing the referenced bits to the read.
    var touchedWindowSeconds: Double
    /// smaps_rollup of every process, summed.
    var memory: MemoryFigures
    /// smaps of every process by group, summed.
    var breakdown: MemoryBreakdown
}
