import Foundation
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The README's rolling migration, for real: two Heartbeat 3.0.6 nodes hold the service address;
/// bravo (the standby) is replaced by hadaemon, then alpha (the primary) hands the address over
/// with a clean stop and is replaced too; with `auto_failback on` the address comes home.
///
/// At each step a `VIPWatcher` measures the longest span with no holder of the address; the
/// figures are printed (they show in the CI log) and each must stay within one clean failover.
@Suite(.serialized)
struct RollingMigrationTests {
    /// One clean failover, the bound for every step. Heartbeat's own clean stop leaves the
    /// address nowhere for 338–599 ms (observed §3, every timer profile, a loaded 2-core VM);
    /// a failover that had to wait for deadtime (1 s here) plus the takeover scripts would take
    /// 1.4–1.8 s. So 1 s: longer than any clean handover measured, shorter than a detected death,
    /// which proves each step was a clean handover and not an outage the peer had to notice.
    static let oneCleanFailover: Duration = .seconds(1)

    /// A step of the procedure and what the watcher saw during it.
    struct Step {
        var name: String
        var from: MonotonicTime
        var to: MonotonicTime
        var noHolder: Duration
        var doubleHolder: Duration
    }

    @Test("two Heartbeat nodes replaced one at a time by hadaemon: the address is never gone longer than one clean failover")
    func rollingMigration() async throws {
        try HeartbeatNode.requireInstalled()
        let spec = ClusterSpec.withHeartbeat()
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        let alpha = try HeartbeatNode(cluster: cluster, name: "alpha")
        defer { alpha.shutdown() }
        let bravo = try HeartbeatNode(cluster: cluster, name: "bravo")
        defer { bravo.shutdown() }

        // 0. Today: two Heartbeat nodes, alpha holds the address, both settled.
        try await Self.startHeartbeatPair(cluster, alpha, bravo)

        let watcher = try VIPWatcher(cluster: cluster)
        var marks: [(String, MonotonicTime)] = [("start", SystemClock.now())]

        // 1. Replace the standby: stop Heartbeat on bravo, start hadaemon there on the same files.
        try await Self.switchBravoToHadaemon(cluster, alpha, bravo)
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        // To Heartbeat alpha, bravo restarted: hadaemon kept bravo's Heartbeat uuid.
        #expect(!cluster.log("alpha").contains("changed its uuid"), "\(cluster.logTail("alpha", lines: 30))")
        #expect(cluster.log("bravo").contains("info: Keeping this node's Heartbeat uuid from "))
        marks.append(("1. bravo: Heartbeat → hadaemon", SystemClock.now()))

        // 2. Hand the address to bravo: a clean stop of Heartbeat on alpha.
        try await alpha.stop(timeout: .seconds(20))
        try await cluster.waitUntil("hadaemon bravo alone holds the address", timeout: .seconds(10), poll: .milliseconds(50)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        #expect(cluster.log("bravo").contains("info: Received shutdown notice from 'alpha'."))
        marks.append(("2. alpha: clean stop of Heartbeat, bravo takes over", SystemClock.now()))

        // 3. Replace alpha: start hadaemon there; with auto_failback on the address comes home.
        try cluster.start("alpha")
        try await cluster.waitUntil("the address is home on alpha, both hadaemon nodes settled", timeout: .seconds(30), poll: .milliseconds(100)) {
            try cluster.serviceAddressHolders() == ["alpha"] && cluster.isSettled()
        }
        marks.append(("3. alpha: hadaemon starts, the address comes home", SystemClock.now()))
        let timeline = watcher.stop()

        var steps: [Step] = []
        for (start, end) in zip(marks, marks.dropFirst()) {
            let within = timeline.segments.filter { $0.to > start.1 && $0.from < end.1 }
            let clipped = within.map { (holders: $0.holders, duration: min($0.to, end.1) - max($0.from, start.1)) }
            steps.append(
                Step(
                    name: end.0, from: start.1, to: end.1,
                    noHolder: clipped.filter { $0.holders.isEmpty }.map(\.duration).max() ?? .zero,
                    doubleHolder: clipped.filter { $0.holders.count > 1 }.map(\.duration).max() ?? .zero))
        }
        print("rolling migration (keepalive 200ms, deadtime 1s), longest with no holder of \(NetnsCluster.serviceAddress) per step:")
        for step in steps {
            print(
                "  \(step.name): \(Self.milliseconds(step.noHolder)) ms without, \(Self.milliseconds(step.doubleHolder)) ms doubled (step took \(Self.milliseconds(step.to - step.from)) ms)"
            )
        }
        for step in steps {
            #expect(step.noHolder <= Self.oneCleanFailover, "\(step.name): no holder for \(step.noHolder)\n\(timeline.summary)")
            #expect(step.doubleHolder == .zero, "\(step.name): two holders for \(step.doubleHolder)\n\(timeline.summary)")
        }
        // The standby's replacement never touches the address.
        #expect(steps.first?.noHolder == .zero, "\(timeline.summary)")
        // Heartbeat alpha took hadaemon bravo's packets, and the other way round.
        let complaints = alpha.complaints() + bravo.complaints()
        #expect(complaints.isEmpty, "Heartbeat complains: \(complaints.joined(separator: "\n"))")
        #expect(!cluster.log("bravo").contains("dropped packet") && !cluster.log("alpha").contains("dropped packet"))
        #expect(cluster.snapshot("alpha")?.alerts.isEmpty == true, "\(cluster.snapshot("alpha")?.alerts ?? [])")
    }

    /// Starts Heartbeat on both nodes and waits until they settle: each active to the other,
    /// `rscstatus` local on both, alpha holding the address.
    static func startHeartbeatPair(_ cluster: NetnsCluster, _ alpha: HeartbeatNode, _ bravo: HeartbeatNode) async throws {
        try alpha.start()
        try bravo.start()
        try await cluster.waitUntil("two Heartbeat nodes settled, alpha holds the address", timeout: .seconds(40), poll: .milliseconds(200)) {
            guard try cluster.serviceAddressHolders() == ["alpha"] else { return false }
            return try alpha.clStatus("nodestatus", "bravo").stdout == "active" && bravo.clStatus("nodestatus", "alpha").stdout == "active"
                && alpha.clStatus("rscstatus").stdout == "local" && bravo.clStatus("rscstatus").stdout == "local"
        }
    }

    /// Stops Heartbeat on bravo, starts hadaemon there on the same files, and waits until it has
    /// joined Heartbeat alpha and both settled (alpha's `rscstatus` back to local).
    static func switchBravoToHadaemon(_ cluster: NetnsCluster, _ alpha: HeartbeatNode, _ bravo: HeartbeatNode) async throws {
        try await bravo.stop(timeout: .seconds(20))
        try cluster.start("bravo")
        try await cluster.waitUntil("hadaemon bravo joined Heartbeat alpha", timeout: .seconds(30), poll: .milliseconds(100)) {
            guard let seen = cluster.snapshot("bravo"), seen.node("alpha")?.status == .active, seen.node("bravo")?.stable == true else {
                return false
            }
            return try alpha.clStatus("nodestatus", "bravo").stdout == "active" && alpha.clStatus("rscstatus").stdout == "local"
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration / .milliseconds(1))
    }
}
