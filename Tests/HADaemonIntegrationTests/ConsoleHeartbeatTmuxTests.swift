import Foundation
import Glibc
import HATestSupport
import Testing

/// The real haconsole in a real terminal (tmux) on a pair that runs the real Heartbeat 3.0.6 (no
/// hadaemon anywhere): it reads both nodes through `cl_status`, their ha-logs and a DRBD status
/// command, each behind `--heartbeat-via 'nsenter …'` as it would be behind `ssh root@NODE`, and
/// walks the failover SOP, whose `shutdown` action becomes Heartbeat's `service heartbeat stop`.
@Suite(.serialized)
struct ConsoleHeartbeatTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    /// A stand-in for `drbdsetup status`: r0 is Primary where the service address is.
    static func drbdStandIn(in directory: String) throws -> String {
        let path = directory + "/drbd-status"
        let script = """
            #!/bin/sh
            # r0 follows the service address, as a drbddisk resource would make it.
            me=$(uname -n); if [ "$me" = alpha ]; then peer=bravo; else peer=alpha; fi
            if ip -o -4 addr show dev \(NetnsCluster.interface) | grep -q ' \(NetnsCluster.serviceAddress)/'; then
              role=Primary; other=Secondary
            else
              role=Secondary; other=Primary
            fi
            printf 'r0 role:%s\\n  disk:UpToDate\\n  %s role:%s\\n    peer-disk:UpToDate\\n' "$role" "$peer" "$other"

            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test("the failover SOP on a real Heartbeat pair: read through cl_status, stopped with service heartbeat stop, rejoined")
    func failoverOnHeartbeatPair() async throws {
        try HeartbeatNode.requireInstalled()
        let spec = ClusterSpec.withHeartbeat()
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        let alpha = try HeartbeatNode(cluster: cluster, name: "alpha")
        defer { alpha.shutdown() }
        let bravo = try HeartbeatNode(cluster: cluster, name: "bravo")
        defer { bravo.shutdown() }
        let audit = cluster.directory + "/audit.jsonl"
        let drbd = try Self.drbdStandIn(in: cluster.directory)
        func via(_ node: HeartbeatNode) -> String { "--heartbeat-via '\(node.enterPrefix.joined(separator: " "))'" }
        let console = try ConsoleSOPTmuxTests.console()

        // Before Heartbeat runs, cl_status says "stopped": the console must say so, not show a cluster.
        let tmux = try Tmux(
            command: "TERM=xterm-256color \(console) \(via(alpha)) \(via(bravo)) --drbd-command \(drbd) --audit \(audit)", width: 110, height: 36)
        defer { tmux.close() }
        try await tmux.waitFor("Heartbeat via cl_status DOWN (alpha: stopped or in initdead)")
        try alpha.start()
        try bravo.start()
        try await tmux.waitFor("pref alpha  on alpha  running", timeout: .seconds(40))
        try await tmux.waitFor("Connected  Primary/Secondary  UpToDate/UpToDate")
        #expect(tmux.screen().contains("Heartbeat via cl_status connected"))
        #expect(tmux.screen().contains("age n/a"), "cl_status tells no ages; the screen must not invent them")
        try #require(try cluster.serviceAddressHolders() == ["alpha"])
        // The one-shot answer for monitoring reads the same way.
        let status = try HostCommand.run([console, "status", "--heartbeat-via", bravo.enterPrefix.joined(separator: " ")])
        #expect(status.status == .exited(0), "\(status)")
        #expect(status.stdout.contains("Heartbeat (cl_status via ") && status.stdout.contains(" on bravo: cluster linux-ha"), "\(status.stdout)")
        #expect(status.stdout.contains("group IPaddr2::192.0.2.100/24/hb0: running on alpha (home alpha)"), "\(status.stdout)")

        try await tmux.openFailoverAtStop()
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(40))
        #expect(!alpha.isRunning, "service heartbeat stop ran on alpha and returned")
        #expect(try cluster.serviceAddressHolders() == ["bravo"])
        try await tmux.waitFor("on bravo  running")  // the followed node's panel catches up
        // Heartbeat's mach_down sends its cluster message (heartbeat logs "mach_down takeover
        // complete.") before it logs "… complete for node alpha." itself: the two lines race in
        // bravo's log, and the step quotes whichever it reads first.
        #expect(tmux.screen().contains("mach_down takeover complete"))
        for step in 3...5 {
            try tmux.keys("Enter")
            try await tmux.waitFor("failover step \(step)/6")
            try tmux.keys("Enter")
            try await tmux.waitFor("PASSED", timeout: .seconds(20))
        }
        // The rejoin is the operator's own command (`service heartbeat start` on alpha).
        try tmux.keys("Enter")
        try await tmux.waitFor("failover step 6/6")
        try alpha.start()
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(60))
        #expect(tmux.screen().contains("alpha is active"))
        try tmux.keys("Enter")
        try await tmux.waitFor("Procedure completed")

        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(records.contains { $0.contains("confirmation_given") && $0.contains("alpha") })
        #expect(records.contains { $0.contains("action_result") && $0.contains("service heartbeat stop done") }, "\(records)")
        #expect(records.filter { $0.contains("verification_passed") }.count == 6, "\(records)")
        #expect(records.contains { $0.contains("verification_passed") && $0.contains("drbd-primary") && $0.contains("Primary") })
        #expect(records.last?.contains("run_finished") == true)
    }
}
