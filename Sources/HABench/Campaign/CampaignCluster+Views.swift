import Foundation
import HAHost
import HAProtocol
import HATestSupport

extension CampaignCluster {
    /// `name` as its daemon and its interface show it now.
    func view(_ name: String) -> NodeView {
        let holdsAddress = watcher.holders.contains(name)
        var view = NodeView(
            name: name, running: isRunning(name), answered: false, stable: false, activePeers: [], claimsGroup: nil, groupFailed: false,
            holdsAddress: holdsAddress)
        if let node = try? cluster.node(name) {
            view.runningScripts = [("hbdummy", "hbdummy-default.state"), ("flaky", "flaky.state")].filter { script in
                FileManager.default.fileExists(atPath: node.resourceStateDirectory + "/" + script.1)
            }.map(\.0)
        }
        guard view.running else { return view }
        if isHADaemon(name) {
            guard let snapshot = cluster.snapshot(name, timeout: .seconds(1)) else { return view }
            view.answered = true
            let settledStates: [GroupSnapshot.State] = [.running, .stopped, .failed]
            view.stable = snapshot.node(name)?.stable == true && snapshot.groups.allSatisfy { settledStates.contains($0.state) }
            view.activePeers = Set(snapshot.nodes.filter { $0.name != name && $0.status == .active }.map(\.name))
            view.claimsGroup = snapshot.groups.first.map { $0.holders.contains(name) }
            // A failed group, or one released after a failed start (its lastError stays): an operator decides.
            view.groupFailed = snapshot.groups.contains { $0.state == .failed || ($0.state == .stopped && $0.lastError != nil) }
        } else if let heartbeat {
            guard let answer = try? heartbeat.clStatus("rscstatus"), answer.succeeded else { return view }
            view.answered = true
            view.stable = answer.stdout != "transition"
            // Heartbeat's classes: `local` is the node's own groups, `foreign` the peer's.
            view.claimsGroup = (name == Self.home ? ["local", "all"] : ["foreign", "all"]).contains(answer.stdout)
            let peer = peer(of: name)
            if (try? heartbeat.clStatus("nodestatus", peer).stdout) == "active" { view.activePeers = [peer] }
        }
        return view
    }

    func views() -> [NodeView] { Self.names.map(view) }

    /// Polls the daemons every 100 ms until they are settled (`CampaignAudit.isSettled`) on two
    /// polls in a row; returns when the second of them began (a daemon that calls itself stable
    /// an instant before its last script has run is not yet settled), or nil after `limit`.
    func settle(limit: Duration) async throws -> MonotonicTime? {
        let deadline = SystemClock.now() + limit
        var confirming = false
        while SystemClock.now() < deadline {
            let began = SystemClock.now()
            if CampaignAudit.isSettled(views()) {
                if confirming { return began }
                confirming = true
            } else {
                confirming = false
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Waits (bounded) for a settled pair with `holder` alone holding the address.
    func waitUntilSettled(holder: String) async throws {
        let limit = Duration.milliseconds(timers.initdeadMS) + .seconds(30)
        let deadline = SystemClock.now() + limit
        while SystemClock.now() < deadline {
            if watcher.holders == [holder], try await settle(limit: .seconds(2)) != nil, watcher.holders == [holder] { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError.timedOut(waitingFor: "a settled pair with \(holder) holding the address", after: limit, cluster: cluster.describe())
    }

    /// Brings the pair back to its first state after a failed step, so the next step starts
    /// clean: every daemon stopped (killed if it will not stop), links healed, flags and full
    /// disks cleared, the address and resource state removed as a reboot would, both started.
    func reset() async throws -> String {
        var done: [String] = []
        for name in Self.names where isRunning(name) {
            try? freeze(name, false)
            do { try await stop(name) } catch { done.append("\(name) killed: \(error)") }
            if isRunning(name) { try? kill(name) }
        }
        try cluster.healAll()
        for name in Self.names {
            try? cluster.hangFlaky(name, "start", false)
            try? cluster.hangFlaky(name, "stop", false)
            try? cluster.freeLogDisk(name)
            try restoreConfig(name)
            try forgetResources(name)
        }
        for name in Self.names { try start(name) }
        try await waitUntilSettled(holder: Self.home)
        done.append("pair reset")
        return done.joined(separator: "; ")
    }
}
