import ArgumentParser
import Glibc
import HAHost
import HAProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `haconsole status`: one answer for scripts and monitoring, from the same sources as the screen.
struct ConsoleStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the cluster's state once (text, or JSON with --json) and exit.",
        discussion: """
            Reads the daemon's snapshot, this node's DRBD state and the end of ha-log. With no \
            daemon reachable it still reports DRBD and the log, and says so.

            Exit status: 0 healthy, 1 the daemon cannot be reached, 2 a critical alert (split \
            brain, a failed resource, a dead node) — usable as a monitoring check.
            """
    )

    @OptionGroup var sources: SourceOptions
    @Flag(help: "One JSON object: daemon, snapshot, drbd, log.") var json = false
    @Option(help: "How many ha-log lines to include.") var lines = 10

    func run() throws {
        let report = StatusReport.gather(sources: sources, logLines: lines)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

/// What `haconsole status` reports; Codable as the `--json` document.
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

    var daemon: Daemon
    var snapshot: ClusterSnapshot?
    var drbd: DRBD
    var log: Log

    static func gather(sources: SourceOptions, logLines: Int) -> StatusReport {
        if let first = sources.nodeSources.first, case .heartbeat(let via, let drbdCommand) = first.kind {
            return gatherHeartbeat(via: via, drbdCommand: drbdCommand, log: first.log, logLines: logLines)
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
        let lines = tail.start(lastLines: logLines)
        return StatusReport(
            daemon: daemon, snapshot: snapshot, drbd: DRBD(source: sources.drbdSource.description, error: problem, local: local, nodes: summaries),
            log: Log(path: sources.logPath, error: tail.problem, lines: lines))
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
        let lines = via.isEmpty ? tail.start(lastLines: logLines) : []
        return StatusReport(
            daemon: daemon, snapshot: snapshot,
            drbd: DRBD(source: drbd?.source ?? "with the cl_status probe", error: nil, local: drbd?.status, nodes: [:]),
            log: Log(path: path, error: via.isEmpty ? tail.problem : "not read behind \(via.joined(separator: " "))", lines: lines))
    }

    var exitCode: Int32 {
        guard daemon.reachable else { return 1 }
        return snapshot?.alerts.contains { $0.severity == .critical } == true ? 2 : 0
    }

    var text: String {
        var out: [String] = []
        if let snapshot {
            let who = daemon.socket.hasPrefix("cl_status") ? "Heartbeat (\(daemon.socket))" : "hadaemon"
            out.append("\(who) on \(snapshot.localNode): cluster \(snapshot.cluster), auto_failback \(snapshot.autoFailback.rawValue)")
            for node in snapshot.nodes {
                let links = node.links.map { "\($0.interface) \($0.status.rawValue)" }.joined(separator: ", ")
                out.append(
                    "  node \(node.name): \(node.status.rawValue)\(node.holds.map { ", holds \($0.rawValue)" } ?? "")\(links.isEmpty ? "" : " [\(links)]")"
                )
            }
            for group in snapshot.groups {
                out.append(
                    "  group \(group.key): \(group.state.rawValue) on \(group.holders.isEmpty ? "nobody" : group.holders.joined(separator: " and ")) (home \(group.preferredNode))"
                )
            }
            out += Self.fencingLines(snapshot, fromHeartbeat: daemon.socket.hasPrefix("cl_status"))
            for alert in snapshot.alerts { out.append("  \(alert.severity.rawValue.uppercased()): \(alert.message)") }
        } else {
            let who =
                daemon.socket.hasPrefix("cl_status") ? "Heartbeat: no answer from \(daemon.socket)" : "hadaemon: not reachable at \(daemon.socket)"
            out.append("\(who)\(daemon.error.map { ": \($0)" } ?? "")")
        }
        if let local = drbd.local {
            for resource in local.resources {
                let peers = resource.connections.map { "\($0.name ?? "peer") \($0.state.spelling) \($0.peerRole.spelling)" }.joined(separator: ", ")
                let disks = resource.devices.map { $0.disk.spelling }.joined(separator: "/")
                out.append("  drbd \(resource.name): \(resource.role.spelling), disk \(disks)\(peers.isEmpty ? "" : ", \(peers)")")
            }
        } else {
            out.append("  drbd: \(drbd.error ?? "none (\(drbd.source))")")
        }
        if let error = log.error { out.append("  log: \(error)") }
        out += log.lines.map { "  | \($0)" }
        return out.joined(separator: "\n")
    }
}
