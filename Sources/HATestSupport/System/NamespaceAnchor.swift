import Foundation
import Glibc
import HAHost
import HAProtocol

/// The anchor of a node that runs a foreign cluster stack (Heartbeat, Pacemaker) in a
/// `NetnsCluster` namespace: a `sleep` that holds a UTS namespace (hostname = the node's name)
/// and a private mount namespace in which the stack's per-node trees are bind-mounted over the
/// paths it insists on. Every command for the node enters it (`nsenter -t ANCHOR -n -m -u`).
enum NamespaceAnchor {
    /// Runs `mounts` (shell commands, in order, after `hostname`) in fresh UTS and mount
    /// namespaces inside `namespace`, then sleeps for `lifetime`; returns once the mounts are in
    /// place (the process has become `sleep`), or throws with the anchor's stderr.
    static func spawn(namespace: String, node: String, mounts: [String], lifetime: Duration, stderrFile: String) throws -> ChildProcess {
        let script = (["hostname \(node)"] + mounts + ["exec sleep \(lifetime.components.seconds)"]).joined(separator: " && ")
        // ip netns exec → unshare (no --fork) → sh → sleep: one pid all the way, the anchor's.
        let anchor = try ChildProcess.spawn(
            [
                "ip", "netns", "exec", namespace, HostCommand.resolve("unshare"), "--uts", "--mount", "--propagation", "private", "--",
                "/bin/sh", "-c", script,
            ], stderr: .file(stderrFile), newSession: true)
        let deadline = SystemClock.now() + .seconds(5)
        while true {
            if let status = anchor.reapIfExited() {
                let stderr = (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? ""
                throw HarnessError.toolUnavailable("unshare/mount", detail: "the anchor of \(node) \(status): \(stderr)")
            }
            if (try? String(contentsOfFile: "/proc/\(anchor.pid)/comm", encoding: .utf8))?.hasPrefix("sleep") == true { return anchor }
            if SystemClock.now() >= deadline {
                anchor.send(SIGKILL, toGroup: true)
                _ = anchor.waitBlocking(timeout: .seconds(2))
                throw HarnessError.commandTimedOut(arguments: ["anchor for \(node)"], after: .seconds(5))
            }
            usleep(5000)
        }
    }
}
