import Glibc
import HAHost
import HAProtocol

/// What `haconsole status` and `haconsole check` read, once: the daemon's snapshot (or why
/// there is none), this node's DRBD state and the ha-log's tail. Codable as the `--json`
/// document; ``alerts`` derives what the screen would show from it.
struct StatusReport: Codable {
    struct Daemon: Codable {
        var socket: String
        var reachable: Bool
        var error: String?
    }

    struct DRBD: Codable {
        var source: String
        var error: String?
        /// This node's state, parsed.
        var local: DRBDStatus?
        /// Every node's compact summary as its daemon advertises it.
        var nodes: [String: String]
    }

    struct Log: Codable {
        var path: String
        var error: String?
        var lines: [String]
    }

    /// As many log lines as the screen reads at start: what the alerts are derived from, so
    /// that `status` prints the alerts the screen shows whatever `--lines` says.
    static let alertLogLines = 500

    var daemon: Daemon
    var snapshot: ClusterSnapshot?
    var drbd: DRBD
    var log: Log
    /// This host's name, for the local DRBD state when no snapshot names the node.
    var hostNode: String? = nil
    /// The last ``alertLogLines`` lines of the log (`log.lines` is the shorter tail printed);
    /// nil when only `log.lines` was read.
    var logTail: [String]? = nil

    private enum CodingKeys: String, CodingKey {
        case daemon, snapshot, drbd, log
    }

    static func gather(sources: SourceOptions, logLines: Int) -> StatusReport {
        if let first = sources.nodeSources.first, case .heartbeat(let via, let drbdCommand) = first.kind {
            return gatherHeartbeat(via: via, drbdCommand: drbdCommand, log: first.log, logLines: logLines)
        }
        if let first = sources.nodeSources.first, case .pacemaker(let via, let drbdCommand) = first.kind {
            return gatherPacemaker(via: via, drbdCommand: drbdCommand, log: first.log, logLines: logLines)
        }
        if let first = sources.nodeSources.first, case .daemon(let socket, let via) = first.kind, !via.isEmpty {
            return gatherBridged(DaemonFeed(path: socket, via: via))
        }
        var daemon = Daemon(socket: sources.socket, reachable: false)
        var snapshot: ClusterSnapshot?
        do {
            let response = try ControlClient(path: sources.socket).send(ControlRequest(id: 1, op: .status))
            snapshot = response.snapshot
            daemon.reachable = snapshot != nil
            daemon.error = response.error?.message
        } catch {
            daemon.error = "\(error)"
        }
        let (local, problem) = sources.drbdSource.read()
        var summaries: [String: String] = [:]
        for node in snapshot?.nodes ?? [] { if let summary = node.drbd { summaries[node.name] = summary } }
        let tail = LogTail(path: sources.logPath)
        let lines = tail.start(lastLines: max(logLines, alertLogLines))
        return StatusReport(
            daemon: daemon, snapshot: snapshot, drbd: DRBD(source: sources.drbdSource.description, error: problem, local: local, nodes: summaries),
            log: Log(path: sources.logPath, error: tail.problem, lines: Array(lines.suffix(logLines))), hostNode: SOPOperatorIdentity.currentHost(),
            logTail: lines)
    }

    /// A hadaemon node on the far side of a prefix: the first snapshot its bridge relays (at most
    /// 15 s), and the DRBD summaries the daemons advertise; its log is not read.
    static func gatherBridged(_ feed: DaemonFeed) -> StatusReport {
        var snapshot: ClusterSnapshot?
        let deadline = SystemClock.milliseconds() + 15_000
        while snapshot == nil, SystemClock.milliseconds() < deadline {
            guard feed.ensureConnected(now: SystemClock.now()) else { break }
            var pending = pollfd(fd: feed.fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&pending, 1, 100)
            snapshot = feed.read()
        }
        var daemon = Daemon(socket: feed.origin, reachable: snapshot != nil)
        if snapshot == nil {
            if case .unreachable(let why) = feed.connection { daemon.error = why } else { daemon.error = "no answer within 15 s" }
        }
        feed.disconnect("done")
        var summaries: [String: String] = [:]
        for node in snapshot?.nodes ?? [] { if let summary = node.drbd { summaries[node.name] = summary } }
        return StatusReport(
            daemon: daemon, snapshot: snapshot, drbd: DRBD(source: "the daemons' snapshots", error: nil, local: nil, nodes: summaries),
            log: Log(path: "", error: "not read behind \(feed.via.joined(separator: " "))", lines: []))
    }

    /// A node that runs Heartbeat itself: one `cl_status` probe (``ClStatusProbe``), its
    /// ha-log (ha.cf's `logfile` unless `log` says otherwise) and the DRBD state the probe read.
    /// `daemon.socket` then says `cl_status` and how it was reached.
    static func gatherHeartbeat(via: [String], drbdCommand: String?, log: String?, logLines: Int) -> StatusReport {
        let feed = HeartbeatFeed(via: via, drbdCommand: drbdCommand, claims: HeartbeatClaims(), log: log, initialLogLines: logLines)
        let (snapshot, problem) = feed.probeOnce()
        var daemon = Daemon(socket: feed.origin, reachable: snapshot != nil)
        daemon.error = problem
        let drbd = feed.drbd
        let path = log ?? feed.reading?.haCF?.logfile ?? DefaultPaths.haLog
        let tail = LogTail(path: path)
        let lines = via.isEmpty ? tail.start(lastLines: max(logLines, alertLogLines)) : []
        return StatusReport(
            daemon: daemon, snapshot: snapshot,
            drbd: DRBD(source: drbd?.source ?? "with the cl_status probe", error: nil, local: drbd?.status, nodes: [:]),
            log: Log(
                path: path, error: via.isEmpty ? tail.problem : "not read behind \(via.joined(separator: " "))", lines: Array(lines.suffix(logLines))),
            hostNode: via.isEmpty ? SOPOperatorIdentity.currentHost() : nil, logTail: lines)
    }

    /// A node of a Pacemaker cluster: one `crm_mon` probe (``PacemakerProbe``), Pacemaker's log
    /// here (not behind a prefix) and the DRBD state the probe read. `daemon.socket` then says
    /// `crm_mon` and how it was reached.
    static func gatherPacemaker(via: [String], drbdCommand: String?, log: String?, logLines: Int) -> StatusReport {
        let feed = PacemakerFeed(via: via, drbdCommand: drbdCommand, log: log, initialLogLines: logLines)
        let (snapshot, problem) = feed.probeOnce()
        var daemon = Daemon(socket: feed.origin, reachable: snapshot != nil)
        daemon.error = problem
        let drbd = feed.drbd
        let tail = LogTail(path: feed.logPath)
        let lines = via.isEmpty ? tail.start(lastLines: max(logLines, alertLogLines)) : []
        return StatusReport(
            daemon: daemon, snapshot: snapshot,
            drbd: DRBD(source: drbd?.source ?? "with the crm_mon probe", error: nil, local: drbd?.status, nodes: [:]),
            log: Log(
                path: feed.logPath, error: via.isEmpty ? tail.problem : "not read behind \(via.joined(separator: " "))",
                lines: Array(lines.suffix(logLines))),
            hostNode: via.isEmpty ? SOPOperatorIdentity.currentHost() : nil, logTail: lines)
    }
}
