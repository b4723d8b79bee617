import Foundation
import HATestSupport
import Testing

/// `scripts/install` puts hadaemon's `cl_status`, `hb_standby` and `hb_takeover` ahead of
/// Heartbeat's on the PATH. On a node that still runs Heartbeat (no hadaemon socket), they must
/// hand over to Heartbeat's own, so scripts, cron jobs and monitoring keep working on every
/// node through a rolling migration.
@Suite(.serialized)
struct MixedClusterToolsTests {
    @Test("on the Heartbeat node, our cl_status answers in Heartbeat's own words and our hb_takeover moves the address")
    func toolsHandOverToHeartbeat() async throws {
        let mixed = MixedClusterTests()
        let (cluster, bravo) = try await mixed.mixedPair()
        defer { mixed.teardown(cluster, bravo) }
        try await mixed.waitSettled(cluster, bravo, holder: "alpha")
        let ours = try NetnsCluster.builtProduct("cl_status")
        for arguments in [["nodestatus", "alpha"], ["rscstatus"], ["hbstatus"], ["listnodes"]] {
            let theirs = try bravo.exec([HeartbeatNode.clStatusPath] + arguments)
            let answer = try bravo.exec([ours] + arguments)
            #expect(answer.stdout == theirs.stdout && answer.status == theirs.status, "cl_status \(arguments): \(answer) vs \(theirs)")
        }
        #expect(try bravo.exec([ours, "rscstatus"]).stdout == "local\n")
        // hb_takeover on bravo, through ours: Heartbeat's script writes to its FIFO and bravo takes the group.
        let takeover = try bravo.exec([try NetnsCluster.builtProduct("hb_takeover")])
        #expect(takeover.succeeded, "\(takeover)")
        try await cluster.waitUntil("bravo holds the address after hb_takeover", timeout: .seconds(15), poll: .milliseconds(100)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
    }
}
