import Foundation
import HAHost
import HATestSupport
import Testing

/// A mixed pair where the Heartbeat node still runs dopd: Debian's `heartbeat` 3.0.6 package
/// ships `/usr/libexec/heartbeat/dopd` and `drbd-peer-outdater` (drbd-utils does not), so
/// hadaemon's outdate messages are checked against the real dopd in both directions.
extension OutdatePeerTests {
    static let dopdLines = ["respawn hacluster /usr/libexec/heartbeat/dopd", "apiauth dopd gid=haclient uid=hacluster"]

    @Test("hadaemon alpha's handler is answered by Heartbeat bravo's dopd, and bravo's drbd-peer-outdater by hadaemon alpha")
    func heartbeatDopd() async throws {
        try HeartbeatNode.requireInstalled()
        let drbdadm = try DrbdadmStandIn()
        defer { drbdadm.remove() }
        var spec = ClusterSpec.withHeartbeat(home: "alpha")
        spec.extraDirectives = Self.dopdLines
        // The same lines on both nodes: hadaemon starts no dopd (its own outdate service answers).
        spec.daemon = try builtDaemon(adding: ["--drbdadm", drbdadm.program])
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        let bravo = try HeartbeatNode(cluster: cluster, name: "bravo")
        defer { bravo.shutdown() }
        // dopd runs `drbdadm outdate RES` through the shell's PATH: in bravo's own mount
        // namespace the stand-in's directory covers /usr/local/sbin.
        let mounted = try bravo.exec(["mount", "--bind", drbdadm.directory, "/usr/local/sbin"])
        #expect(mounted.succeeded, "\(mounted.stderr)")
        try bravo.start()
        try cluster.start("alpha")
        try await cluster.waitUntil("both active and dopd signed on", timeout: .seconds(40), poll: .milliseconds(200)) {
            guard cluster.snapshot("alpha")?.node("bravo")?.status == .active else { return false }
            return try bravo.exec(["test", "-S", "/run/heartbeat/dopd/outdater"]).succeeded
        }

        for (answer, expected) in [("0", Int32(4)), ("17", 6)] {
            try drbdadm.answer(answer)
            let run = try fencePeer(cluster, on: "alpha", peer: "bravo")
            #expect(run.status == .exited(expected), "\(run.stderr)\n\(cluster.logTail("alpha"))\n\(cluster.logTail("bravo"))")
            #expect(drbdadm.calls() == ["outdate r0"])
        }

        try drbdadm.answer("5")
        let outdater = try bravo.exec(
            ["/usr/bin/env", "DRBD_RESOURCE=r1", "DRBD_PEER=alpha", "/usr/libexec/heartbeat/drbd-peer-outdater", "-t", "5"], timeout: .seconds(15))
        #expect(outdater.status == .exited(3), "\(outdater.stderr)\n\(cluster.logTail("alpha"))\n\(cluster.logTail("bravo"))")
        #expect(drbdadm.calls() == ["outdate r1"])
        #expect(cluster.log("alpha").contains("sending return code: 3, alpha -> bravo"))
        // A reply without dop_res crashed dopd (SIGSEGV) before it answered: the outdater then
        // exited 5. Debian's dopd also crashes whenever a drbd-peer-outdater disconnects (a bad
        // free in its connection's destroy callback, with an unknown peer and no network too);
        // Heartbeat respawns it, so that crash is not looked at here.
    }
}
