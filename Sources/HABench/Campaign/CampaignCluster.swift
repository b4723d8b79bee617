import Foundation
import Glibc
import HAProtocol
import HATestSupport

/// The live pair a campaign runs on: alpha (hadaemon, home of 192.0.2.100, `hbdummy` and
/// `flaky`) and bravo (hadaemon, or Heartbeat 3.0.6 with `--mixed`), each node's log on a
/// tmpfs of its own, a `VIPWatcher` sampling both interfaces every 5 ms for the whole run.
///
/// Every operation on a node goes through here, so a fault is written once for both kinds of
/// node. Everything it starts is torn down by `finish()` (and by the benchmark's SIGINT
/// handler, through `ClusterRegistry`): daemons and scripts by pid, mounts, namespaces.
final class CampaignCluster: Sendable {
    /// The group's home node: always a hadaemon node.
    static let home = "alpha"
    static let names = ["alpha", "bravo"]
    /// Each node's log disk: room for a long run's ha-log and ha-debug, filled on purpose.
    static let logDiskMB = 64

    let cluster: NetnsCluster
    let watcher: VIPWatcher
    let timers: CampaignTimers
    /// The Heartbeat node of a mixed pair (bravo), nil for a hadaemon pair.
    let heartbeat: HeartbeatNode?

    /// Builds the pair and starts both daemons; returns once it has settled with alpha holding.
    static func start(_ options: CampaignOptions, daemon: DaemonCommand) async throws -> CampaignCluster {
        if options.mixed { try HeartbeatNode.requireInstalled() }
        let timers = options.timers
        var spec = options.mixed ? ClusterSpec.withHeartbeat(home: home) : ClusterSpec(nodes: names)
        spec.keepalive = .milliseconds(timers.keepaliveMS)
        spec.deadtime = .milliseconds(timers.deadtimeMS)
        spec.warntime = .milliseconds(timers.warntimeMS)
        spec.initdead = .milliseconds(timers.initdeadMS)
        spec.autoFailback = .on
        spec.groups = [.serviceAddress(on: home, plus: ["hbdummy", "flaky"])]
        spec.installsFlakyScript = true
        let timeout = String(format: "%.3f", Double(timers.scriptTimeoutMS) / 1000)
        spec.daemon = DaemonCommand(executable: daemon.executable) { node in daemon.arguments(node) + ["--script-timeout", timeout] }
        let cluster = try ClusterRegistry.shared.makeCluster(spec)
        var heartbeat: HeartbeatNode?
        do {
            for name in names { try cluster.mountLogDisk(name, megabytes: logDiskMB) }
            if options.mixed { heartbeat = try HeartbeatNode(cluster: cluster, name: "bravo", lifetime: .seconds(86_400)) }
            let pair = CampaignCluster(
                cluster: cluster, watcher: try VIPWatcher(cluster: cluster, interval: .milliseconds(5)), timers: timers, heartbeat: heartbeat)
            for name in names { try pair.start(name) }
            try await pair.waitUntilSettled(holder: home)
            return pair
        } catch {
            heartbeat?.shutdown()
            ClusterRegistry.shared.release(cluster)
            throw error
        }
    }

    private init(cluster: NetnsCluster, watcher: VIPWatcher, timers: CampaignTimers, heartbeat: HeartbeatNode?) {
        self.cluster = cluster
        self.watcher = watcher
        self.timers = timers
        self.heartbeat = heartbeat
    }

    /// Stops the watcher and tears everything down.
    func finish() {
        watcher.stop()
        heartbeat?.shutdown()
        ClusterRegistry.shared.release(cluster)
    }

    /// Whether `name` runs hadaemon (the other node of a mixed pair runs Heartbeat).
    func isHADaemon(_ name: String) -> Bool { heartbeat?.node.name != name }

    func peer(of name: String) -> String { Self.names.first { $0 != name } ?? Self.home }

    /// The node that holds the address now (the watcher's last sample), else the home node.
    var currentHolder: String { Self.names.first { watcher.holders.contains($0) } ?? Self.home }

    func isRunning(_ name: String) -> Bool {
        isHADaemon(name) ? cluster.isRunning(name) : heartbeat?.isRunning == true
    }

    func start(_ name: String) throws {
        if isHADaemon(name) {
            try cluster.start(name)
        } else if let heartbeat {
            // What a reboot does to /run: a crashed Heartbeat's pid file does not survive it.
            unlink(heartbeat.root + "/run/heartbeat.pid")
            try heartbeat.start()
        }
    }

    /// A clean stop, bounded; a daemon that does not exit in time is killed (and said so).
    func stop(_ name: String) async throws {
        if isHADaemon(name) {
            try await cluster.stop(name, timeout: .seconds(10))
        } else {
            try await heartbeat?.stop(timeout: .seconds(20))
        }
    }

    func kill(_ name: String) throws {
        if isHADaemon(name) { try cluster.kill(name) } else { heartbeat?.kill() }
    }

    /// The whole node goes down: its daemon is killed and, as a power cut would, its address and
    /// its resources' state are gone (the namespace stays, so it can be started again).
    func crashNode(_ name: String) throws {
        try kill(name)
        try forgetResources(name)
    }

    /// Removes the address and the resource scripts' state from `name`, as a reboot would.
    func forgetResources(_ name: String) throws {
        let node = try cluster.node(name)
        _ = try? cluster.run(in: name, ["ip", "addr", "del", "\(NetnsCluster.serviceAddress)/24", "dev", NetnsCluster.interface])
        for file in ["hbdummy-default.state", "flaky.state"] { unlink(node.resourceStateDirectory + "/" + file) }
    }

    /// SIGSTOP (`stops`) or SIGCONT to the node's daemon processes.
    func freeze(_ name: String, _ stops: Bool) throws {
        if isHADaemon(name) {
            try stops ? cluster.stall(name) : cluster.resume(name)
        } else if let heartbeat {
            for pid in heartbeat.heartbeatPIDs() { Glibc.kill(pid, stops ? SIGSTOP : SIGCONT) }
        }
    }

    /// `standby` or `takeover` of all resources, asked of `name` as its operator would.
    func ask(_ operation: String, of name: String, reason: String) throws {
        if isHADaemon(name) {
            let request = #"{"v":1,"id":1,"op":"\#(operation)","node":"\#(name)","resources":"all","reason":"\#(reason)"}"#
            _ = try cluster.control(name, request, timeout: .seconds(2))
        } else if let heartbeat {
            _ = try operation == "standby" ? heartbeat.standby() : heartbeat.takeover()
        }
    }

    /// The daemon processes of `name` whose memory is tracked: hadaemon's one, Heartbeat's
    /// master control process.
    func trackedPID(_ name: String) -> pid_t? {
        isHADaemon(name) ? cluster.pid(name) : heartbeat?.masterControlPID
    }

    /// Writes `text` as `name`'s ha.cf (atomically).
    func writeHACF(_ name: String, _ text: [UInt8]) throws {
        let path = try cluster.node(name).configDirectory + "/ha.cf"
        try Data(text).write(to: URL(fileURLWithPath: path + ".new"))
        guard rename(path + ".new", path) == 0 else { throw HarnessError.system(call: "rename \(path).new", errno: errno) }
    }

    /// `name`'s ha.cf as the spec renders it.
    func renderedHACF(_ name: String, _ spec: ClusterSpec? = nil) throws -> String {
        try (spec ?? cluster.spec).haCF(for: cluster.node(name), addresses: cluster.nodes.map(\.address))
    }

    /// Restores `name`'s files as the spec renders them.
    func restoreConfig(_ name: String) throws {
        try cluster.writeFiles(for: cluster.node(name), cluster.spec)
    }

    /// Who held the address from `from` to `to`, as spans relative to `from`.
    func spans(from: MonotonicTime, to: MonotonicTime) -> [HolderSpan] {
        watcher.timeline.segments.compactMap { segment in
            let start = max(segment.from, from)
            let end = min(segment.to, to)
            guard end > start else { return nil }
            return HolderSpan(holders: segment.holders, from: start - from, to: end - from)
        }
    }
}
