import HAProtocol

/// Everything the console shows, as one value: the terminal layer feeds it snapshots, DRBD
/// readings, log lines, the clock and keys; views render it; nothing in it does I/O.
struct ConsoleState: Sendable {
    /// Where cluster state comes from.
    enum Source: Sendable, Hashable {
        /// A `hadaemon` control socket: at this path here, or behind the `via` command (its
        /// program name, e.g. `ssh`) through `hadaemon bridge`.
        case daemon(socket: String, via: String? = nil)
        /// Nodes that run Heartbeat themselves, read through `cl_status` (``HeartbeatFeed``);
        /// `origin` says how (`cl_status on this host`, `cl_status via ssh bravo`).
        case heartbeat(origin: String)
        /// Nodes of a Pacemaker + Corosync cluster, read through `crm_mon` (``PacemakerFeed``);
        /// `origin` says how (`crm_mon on this host`, `crm_mon via ssh bravo`).
        case pacemaker(origin: String)
        /// No cluster source: only the log and DRBD are shown.
        case none
    }

    /// How the link to the source is doing.
    enum Connection: Sendable, Hashable {
        case connecting
        case connected
        /// Lost or refused; `reason` is shown in the header ("connection refused").
        case disconnected(reason: String)
    }

    /// The panels Tab moves between, in screen order.
    enum Panel: String, Sendable, Hashable, CaseIterable {
        case alerts, nodes, groups, fencing, drbd, log
    }

    /// What typed characters go to.
    enum InputMode: Sendable, Hashable {
        case normal
        /// Typing a `/` filter; the text so far is ``ConsoleState/draft``.
        case filter
        /// Typing an `s` search term; the text so far is ``ConsoleState/draft``.
        case search
        /// Typing an `o` node or group name (``ConsoleBrowse/scope``); Tab cycles the names.
        case scope
    }

    /// A transient message for the status line.
    struct Message: Sendable, Hashable {
        var text: String
        var severity: Alert.Severity
        /// Wall clock (ms) after which ``ConsoleState/expireMessage(now:)`` removes it; nil keeps it.
        var expiresAt: Int64?
    }

    // MARK: Cluster

    /// The latest snapshot; nil before the first one arrives or without a source.
    var snapshot: ClusterSnapshot?
    var source: Source = .none
    var connection: Connection = .connecting
    /// Wall clock (ms) when `snapshot` arrived; its age is measured from here.
    var snapshotReceivedAt: Int64?
    /// This host's node name, used when there is no snapshot to say it (`uname -n`).
    var hostNode: String?

    // MARK: DRBD

    /// Each node's DRBD resources: this node's from `/proc/drbd` or `drbdsetup`, the others
    /// decoded from the summary they carry in their heartbeats (``NodeSnapshot/drbd``).
    var drbd: [String: DRBDStatus] = [:]
    /// Where each node's entry in `drbd` came from: `/proc/drbd`, `drbdsetup`, `heartbeat`.
    var drbdSources: [String: String] = [:]
    /// Why a node's DRBD state is missing or partial ("drbdsetup timed out"), by node.
    var drbdProblems: [String: String] = [:]
    /// Where this node's DRBD state is read, for the header: `drbdsetup status`, `/proc/drbd`,
    /// `none: no /proc/drbd, no drbdsetup`; nil when it is not read here.
    var drbdChoice: String?

    // MARK: Log

    var log = LogRing()
    /// True while new lines scroll into view; scrolling up pauses it.
    var follow = true
    /// Lines between the newest (filtered) line and the bottom of the log panel; 0 when following.
    var logScroll = 0
    /// Only lines containing this (case-insensitive) are shown; empty shows all.
    var filter = ""
    /// Occurrences are highlighted; `n`/`N` move between lines holding it.
    var search = ""
    /// The sequence number of the line `n`/`N` last moved to.
    var searchMatch: Int?
    /// Where the log is read from, for the panel title (`/var/log/ha-log`).
    var logPath: String?
    /// Why the log cannot be read (`cannot read /var/log/ha-log: No such file or directory`).
    var logProblem: String?

    // MARK: Timeline

    /// Other nodes' log events, DRBD changes, SOP steps and heartbeat ages for the timeline panel.
    var history = TimelineHistory()
    /// `t`: the timeline panel fills the body.
    var showTimeline = false
    /// Timeline events scrolled back from the newest (0 shows the newest at the bottom).
    var timelineScroll = 0

    // MARK: Interaction

    var focus: Panel = .log
    /// Rows scrolled past in the panels other than the log.
    var panelScroll: [Panel: Int] = [:]
    var showHelp = false
    var inputMode: InputMode = .normal
    /// The filter or search text being typed.
    var draft = ""
    var message: Message?
    /// Problems only, a detail view, a node or group filter, the selected rows.
    var browse = ConsoleBrowse()
    /// Keys the SOP layer offers (hidden in read-only mode), shown after the navigation keys.
    var actionHints: [KeyHint] = [KeyHint(key: "p", label: "procedures")]

    // MARK: Time

    /// The instant this frame shows; set by the terminal layer before each render.
    var clock = DisplayClock(now: 0)

    init(source: Source = .none, hostNode: String? = nil, logCapacity: Int = 2000) {
        self.source = source
        self.hostNode = hostNode
        self.log = LogRing(capacity: logCapacity)
        if source == .none { connection = .disconnected(reason: "no daemon configured") }
    }

    /// The node this console runs on: the snapshot's local node, else the host name.
    var localNode: String? { snapshot?.localNode ?? hostNode }

    /// Milliseconds since the snapshot arrived, at ``clock``; nil without one.
    var dataAge: Int? {
        snapshotReceivedAt.map { Int(clamping: max(0, clock.now - $0)) }
    }

    /// True when the snapshot is older than the cluster's dead time (at least 2 s), or the
    /// source is not connected: its node states must not be shown as healthy.
    var isStale: Bool {
        guard let age = dataAge, snapshot != nil else { return true }
        if connection != .connected { return true }
        return age > max(2000, snapshot?.timers.deadtime ?? 0)
    }

    /// Node names in display order: the snapshot's, then any others DRBD knows about, sorted.
    var nodeNames: [String] {
        var names = snapshot?.nodes.filter { $0.type == .normal }.map(\.name) ?? []
        if names.isEmpty, let host = hostNode { names.append(host) }
        let known = Set(names)
        names += drbd.keys.filter { !known.contains($0) }.sorted()
        return names
    }
}

extension ConsoleState.Source {
    /// False for the tools that tell no ages of nodes or links (`cl_status`, `crm_mon`).
    var knowsAges: Bool {
        switch self {
        case .heartbeat, .pacemaker: false
        case .daemon, .none: true
        }
    }

    /// How a snapshot read by a tool was reached (`cl_status via ssh bravo`); nil for a daemon.
    var toolOrigin: String? {
        switch self {
        case .heartbeat(let origin), .pacemaker(let origin): origin
        case .daemon, .none: nil
        }
    }
}
