import Foundation
import Glibc
import HAHost
import HAProtocol

extension HeartbeatNode {
    /// The master control process's pid, from the node's `/run/heartbeat.pid`; nil when the file
    /// is missing or names no live process.
    public var masterControlPID: pid_t? {
        guard let text = try? String(contentsOfFile: root + "/run/heartbeat.pid", encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), Self.isAlive(pid)
        else { return nil }
        return pid
    }

    /// A clean stop as `heartbeat -k` begins one: SIGTERM to the master control process, which
    /// releases the resources, tells the peers and exits with its children. Returns the pid
    /// signalled, for `isAlive`; throws `notRunning` when there is none.
    @discardableResult
    public func terminate() throws -> pid_t {
        guard let pid = masterControlPID else { throw HarnessError.notRunning(node: node.name) }
        Glibc.kill(pid, SIGTERM)
        return pid
    }

    /// A crash of the given processes (from `heartbeatPIDs()`, listed before the instant being
    /// timed, since listing spawns `ip`): SIGKILL to each, then waits (bounded, without
    /// spawning) until they are gone.
    public func kill(_ pids: [pid_t]) {
        for pid in pids { Glibc.kill(pid, SIGKILL) }
        let deadline = SystemClock.now() + .seconds(5)
        while pids.contains(where: Self.isAlive) && SystemClock.now() < deadline { usleep(1000) }
    }

    /// What a reboot after a crash would leave: every process of the node but the anchor
    /// killed (by pid), the stale service address deleted, and the pid file and `hbdummy`'s
    /// state removed (as `hbns.sh reset` did for the reference figures).
    public func resetAfterCrash() throws {
        let pids = try HostCommand.check(["ip", "netns", "pids", node.namespace]).split(separator: "\n").compactMap { pid_t($0) }
        for pid in pids where pid != anchor.pid { Glibc.kill(pid, SIGKILL) }
        _ = try HostCommand.run([
            "ip", "-n", node.namespace, "addr", "del", "\(NetnsCluster.serviceAddress)/24", "dev", NetnsCluster.interface,
        ])
        unlink(root + "/run/heartbeat.pid")
        unlink(node.resourceStateDirectory + "/hbdummy-default.state")
    }

    /// Whether `pid` names a process that has not exited (a zombie has).
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].drop { $0 == " " }.first
        return state != nil && state != "Z" && state != "X"
    }
}
