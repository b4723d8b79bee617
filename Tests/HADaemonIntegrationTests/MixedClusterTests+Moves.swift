import Foundation
import HAProtocol
import HATestSupport
import Testing

/// Operator moves in the mixed pair: hadaemon's clean stop, and `hb_standby` / `hb_takeover`
/// run on either side, each moving the address both ways.
extension MixedClusterTests {
    @Test("clean stop of hadaemon alpha, the home node: Heartbeat bravo takes the address, alpha exits at once")
    func heartbeatTakesOverAfterStop() async throws {
        let (cluster, bravo) = try await mixedPair()
        defer { teardown(cluster, bravo) }
        try await waitSettled(cluster, bravo, holder: "alpha")
        let watcher = try VIPWatcher(cluster: cluster)
        let stopped = try await cluster.stop("alpha")
        // hadaemon exits once the address is released and `shutdone` sent (differences.md).
        #expect(stopped < .seconds(2), "the stop took \(stopped)")
        try await cluster.waitUntil("bravo alone holds the address", timeout: .seconds(10), poll: .milliseconds(50)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        let timeline = watcher.stop()
        #expect(bravo.isRunning)
        #expect(cluster.log("bravo").contains("info: Received shutdown notice from 'alpha'."))
        #expect(timeline.multipleHolderIntervals.isEmpty, "\(timeline.summary)")
        // A handover on `shutdone`, not a takeover after deadtime.
        let gap = timeline.noHolderIntervals.map(\.duration).max() ?? .zero
        #expect(gap < .seconds(1), "no holder for \(gap): \(timeline.summary)")
        expectNoRejectedPackets(cluster, bravo)
    }

    @Test("hb_takeover then hb_standby on Heartbeat bravo: the address moves to bravo and back to hadaemon alpha")
    func movesFromHeartbeatSide() async throws {
        let (cluster, bravo) = try await mixedPair(home: "alpha")
        defer { teardown(cluster, bravo) }
        try await waitSettled(cluster, bravo, holder: "alpha")
        try await waitBothStable(cluster, bravo)

        let takeover = try await move(cluster, bravo, to: "bravo") { try bravo.takeover() }
        #expect(takeover.succeeded, "\(takeover)")
        #expect(cluster.log("alpha").contains("bravo asks to take over [all]"))
        #expect(try bravo.clStatus("rscstatus").stdout == "all")

        let standby = try await move(cluster, bravo, to: "alpha") { try bravo.standby() }
        // Heartbeat's script logs through ha_log, which writes to stderr when it has no log file.
        #expect(standby.succeeded && standby.stderr.contains("Going standby [all]."), "\(standby)")
        #expect(cluster.log("alpha").contains("info: bravo wants to go standby [all]"))
        #expect(try bravo.clStatus("rscstatus").stdout == "none")
        expectNoRejectedPackets(cluster, bravo)
    }

    @Test("hb_takeover then hb_standby through hadaemon alpha: the address moves to alpha and back to Heartbeat bravo")
    func movesFromHadaemonSide() async throws {
        let (cluster, bravo) = try await mixedPair(home: "bravo")
        defer { teardown(cluster, bravo) }
        try await waitSettled(cluster, bravo, holder: "bravo")
        try await waitBothStable(cluster, bravo)

        let takeover = try await move(cluster, bravo, to: "alpha") { try cluster.runProduct("hb_takeover", on: "alpha") }
        #expect(takeover.status == .exited(0), "\(takeover)")
        // Heartbeat runs its rc.d/hb_takeover, which runs hb_standby with the mirrored class.
        #expect(cluster.log("bravo").contains("Running /etc/ha.d//rc.d/hb_takeover hb_takeover"))
        #expect(cluster.snapshot("alpha")?.node("alpha")?.holds == .all)

        let standby = try await move(cluster, bravo, to: "bravo") { try cluster.runProduct("hb_standby", on: "alpha") }
        #expect(standby.status == .exited(0) && standby.stderr.hasSuffix(" Going standby [all].\n"), "\(standby)")
        #expect(cluster.log("bravo").contains("info: alpha wants to go standby [all]"))
        #expect(cluster.snapshot("alpha")?.node("alpha")?.holds == ResourceClass.none)
        expectNoRejectedPackets(cluster, bravo)
    }

    func waitBothStable(_ cluster: NetnsCluster, _ bravo: HeartbeatNode) async throws {
        try await cluster.waitUntil("both sides stable", timeout: .seconds(15), poll: .milliseconds(100)) {
            try bothStable(cluster, bravo)
        }
    }

    /// Runs `command`, then waits until `holder` alone holds the address and both sides are
    /// stable again; the address is never on both nodes on the way. Returns what `command` printed.
    func move(
        _ cluster: NetnsCluster, _ bravo: HeartbeatNode, to holder: String, by command: () throws -> CommandOutput
    ) async throws -> CommandOutput {
        let watcher = try VIPWatcher(cluster: cluster)
        let output = try command()
        try await cluster.waitUntil("\(holder) alone holds the address, both stable", timeout: .seconds(15), poll: .milliseconds(100)) {
            try cluster.serviceAddressHolders() == [holder] && bothStable(cluster, bravo)
        }
        let timeline = watcher.stop()
        #expect(timeline.multipleHolderIntervals.isEmpty, "\(timeline.summary)")
        return output
    }
}
