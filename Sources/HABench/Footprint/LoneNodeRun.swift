import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport

/// One `habench footprint` run: a fresh alpha/bravo cluster in which only alpha is started, so
/// alpha is a node alone (its peer never answers), holding the service address and sending its
/// heartbeats or adverts every keepalive. Once it is ready, `idle` of idling, then the read.
///
/// Ready: alpha holds 192.0.2.100 and its namespace holds only the measured processes (no
/// resource script still running); hadaemon gets there after initdead, keepalived after its
/// Master_Down_Interval (about 3.4 adverts). `touched` before the read the referenced bits of
/// every measured process are cleared (`1` to /proc/PID/clear_refs), so the read's `Referenced:`
/// is what was touched in that window.
struct LoneNodeRun: Sendable {
    var daemon: DaemonCommand
    var profile: TimerProfile
    var idle: Duration
    var touched: Duration

    /// The pair's spec with initdead = deadtime (10 s for the 1 s profile; the profile's 20 s
    /// only delays the start, idling is the same).
    var spec: ClusterSpec {
        var spec = ClusterSpec.pair(profile)
        spec.initdead = profile.deadtime
        spec.daemon = daemon
        return spec
    }

    func measure(_ variant: FootprintVariant, repetition: Int) async throws -> FootprintSample {
        let cluster = try ClusterRegistry.shared.makeCluster(spec)
        defer { ClusterRegistry.shared.release(cluster) }
        let namespace = try cluster.node("alpha").namespace
        let started = SystemClock.now()
        let pids: () -> [pid_t]
        let isReady: () throws -> Bool
        switch variant {
        case .keepalived:
            let node = try KeepalivedNode(cluster: cluster, name: "alpha", priority: 150, preferred: true, advertInterval: profile.keepalive)
            let parent = try node.start()
            pids = { [parent] + (node.vrrpPID.map { [$0] } ?? []) }
            isReady = {
                guard node.state == "MASTER", node.vrrpPID != nil else { return false }
                return try cluster.holdsServiceAddress("alpha")
            }
        case .hadaemon, .hadaemonKeepingStartupPages:
            let command = variant == .hadaemon ? daemon : daemon.adding(["--keep-startup-pages"])
            let pid = try cluster.start("alpha", command: command)
            pids = { [pid] }
            isReady = { try cluster.holdsServiceAddress("alpha") }
        }
        try await cluster.waitUntil(
            "\(variant.title) alone holds \(NetnsCluster.serviceAddress) with nothing else running", timeout: profile.initdead + .seconds(30),
            poll: .milliseconds(200)
        ) {
            try Self.requireRunning(cluster, variant)
            return try isReady() && Self.namespaceProcesses(namespace) == variant.expectedProcesses
        }
        let ready = SystemClock.now()
        try await Task.sleep(for: idle - touched)
        let measured = pids()
        for pid in measured { Self.clearReferencedBits(pid) }
        let cleared = SystemClock.now()
        try await Task.sleep(for: touched)
        try Self.requireRunning(cluster, variant)
        let read = SystemClock.now()
        var figures: [MemoryFigures] = []
        var breakdowns: [MemoryBreakdown] = []
        for pid in measured {
            let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
            guard let rollup = ProcFile.text("/proc/\(pid)/smaps_rollup"), rollup.contains("Pss:") else {
                throw FootprintError.unreadable(variant: variant, pid: pid, file: "/proc/\(pid)/smaps_rollup")
            }
            guard let smaps = ProcFile.text("/proc/\(pid)/smaps"), !smaps.isEmpty else {
                throw FootprintError.unreadable(variant: variant, pid: pid, file: "/proc/\(pid)/smaps")
            }
            figures.append(.parse(rollup: rollup))
            breakdowns.append(.parse(smaps, binary: binary))
        }
        return FootprintSample(
            variant: variant, repetition: repetition, pids: measured, namespaceProcesses: try Self.namespaceProcesses(namespace),
            readySeconds: Self.seconds(ready - started), idleSeconds: Self.seconds(read - ready), touchedWindowSeconds: Self.seconds(read - cleared),
            memory: .sum(figures), breakdown: .sum(breakdowns))
    }

    /// Throws `daemonExited` with the end of the node's stderr once alpha's daemon has ended.
    static func requireRunning(_ cluster: NetnsCluster, _ variant: FootprintVariant) throws {
        guard !cluster.isRunning("alpha") else { return }
        let node = try cluster.node("alpha")
        let stderr = (try? String(contentsOfFile: node.stderrFile, encoding: .utf8)) ?? ""
        throw FootprintError.daemonExited(
            variant: variant, status: cluster.exitStatus("alpha").map { "\($0)" } ?? "ended",
            stderr: stderr.split(separator: "\n").suffix(10).joined(separator: "\n"))
    }

    /// How many processes `namespace` holds (`ip netns pids`).
    static func namespaceProcesses(_ namespace: String) throws -> Int {
        try HostCommand.check(["ip", "netns", "pids", namespace]).split(separator: "\n").count
    }

    /// Clears the referenced bits of all `pid`'s pages; a failure only leaves `Referenced:`
    /// counting from the start, which the report's window would then overstate.
    static func clearReferencedBits(_ pid: pid_t) {
        let fd = open("/proc/\(pid)/clear_refs", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = write(fd, "1", 1)
    }

    static func seconds(_ duration: Duration) -> Double {
        (duration.fractionalMilliseconds / 10).rounded() / 100
    }
}
