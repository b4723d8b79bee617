import Foundation
import Glibc
import HAFixtures
import HAHost
import HATestSupport
import Testing

/// `sop/pacemaker-failover.sop` walked end to end in a real terminal (tmux) on a real Pacemaker
/// 2.1.5 + Corosync 3.1 pair whose configuration is `hadaemon config export pacemaker` of the
/// pair's own haresources: standby, takeover, unstandby, a move that clears its constraint, and
/// afterwards no move constraint and no standby left in the CIB (`cibadmin -Q`).
@Suite(.serialized)
struct ConsolePacemakerSOPTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    @Test(
        "the Pacemaker failover SOP: standby alpha, bravo takes over, alpha comes back, a move takes the group home, and no move constraint is left"
    )
    func pacemakerFailoverEndToEnd() async throws {
        try PacemakerNode.requireInstalled()
        var spec = ClusterSpec()
        spec.groups = [GroupSpec(node: "alpha", resources: ["IPaddr2::\(NetnsCluster.serviceAddress)/24/\(NetnsCluster.interface)"])]
        spec.deadtime = .seconds(1)
        // auto_failback off: the export's stickiness keeps the group on bravo after alpha's
        // standby ends, so the move step really moves it (and must clear its constraint).
        spec.autoFailback = .off
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        let out = cluster.directory + "/pacemaker-export"
        let export = try HostCommand.run(
            [
                try NetnsCluster.builtProduct("hadaemon"), "config", "export", "pacemaker", "--config-dir", try cluster.node("alpha").configDirectory,
                "--output-dir", out,
            ])
        try #require(export.succeeded, "\(export.stderr)")
        let alpha = try PacemakerNode(cluster: cluster, name: "alpha")
        defer { alpha.shutdown() }
        let bravo = try PacemakerNode(cluster: cluster, name: "bravo")
        defer { bravo.shutdown() }
        try await PacemakerNode.startCluster([alpha, bravo], configuration: out + "/configuration.xml")
        try await cluster.waitUntil("the address on alpha", timeout: .seconds(60)) { try cluster.serviceAddressHolders() == ["alpha"] }

        let audit = cluster.directory + "/audit.jsonl"
        let via = [alpha, bravo].map { "--pacemaker-via '\($0.enterPrefix.joined(separator: " "))'" }.joined(separator: " ")
        let tmux = try Tmux(
            command: "TERM=xterm-256color \(try ConsoleSOPTmuxTests.console()) sop run pacemaker-failover \(via) "
                + "--sop-dir \(try Fixtures.shippedSOPDirectory().path) --audit \(audit)", width: 110, height: 36)
        defer { tmux.close() }
        try await tmux.waitFor("Pacemaker via crm_mon connected", timeout: .seconds(20))
        try await tmux.waitFor("pacemaker-failover step 1/6", timeout: .seconds(20))
        // The log panel follows alpha's Pacemaker log behind the prefix (tail -F there).
        try await tmux.waitFor("pacemaker-controld", timeout: .seconds(20))
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(20))

        // Standby of alpha: past the go/no-go (NO-GO: stonith-enabled=false, as the pair ran).
        try tmux.keys("Enter")
        try await tmux.waitFor("pacemaker-failover step 2/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("NO-GO before")
        #expect(tmux.screen().contains("fencing"), "the red item is fencing: \(tmux.screen())")
        try tmux.type("override")
        try tmux.keys("Enter")
        try await confirm(tmux, "Put alpha in standby?")
        try await cluster.waitUntil("the address on bravo", timeout: .seconds(60)) { try cluster.serviceAddressHolders() == ["bravo"] }
        try await tmux.waitFor("PASSED", timeout: .seconds(60))

        try tmux.keys("Enter")
        try await tmux.waitFor("pacemaker-failover step 3/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(20))

        // Out of standby: the group stays on bravo (stickiness above alpha's preference).
        try tmux.keys("Enter")
        try await tmux.waitFor("pacemaker-failover step 4/6")
        try tmux.keys("Enter")
        try await confirm(tmux, "Take alpha out of standby?")
        try await tmux.waitFor("PASSED", timeout: .seconds(60))
        #expect(try cluster.serviceAddressHolders() == ["bravo"])

        // The move: crm_resource --move to alpha, then --clear once it runs there.
        try tmux.keys("Enter")
        try await tmux.waitFor("pacemaker-failover step 5/6")
        try tmux.keys("Enter")
        try await confirm(tmux, "Move ")
        try await tmux.waitFor("PASSED", timeout: .seconds(90))
        #expect(try cluster.serviceAddressHolders() == ["alpha"])

        try tmux.keys("Enter")
        try await tmux.waitFor("pacemaker-failover step 6/6")
        try tmux.keys("Enter")
        try await tmux.waitFor("PASSED", timeout: .seconds(30))
        try tmux.keys("Enter")
        try await tmux.waitFor("Procedure completed")

        let constraints = try alpha.exec(["cibadmin", "--query", "--scope", "constraints"])
        #expect(constraints.succeeded && !constraints.stdout.contains("cli-"), "a move or ban is left: \(constraints.stdout)")
        let standby = try alpha.exec(["crm_standby", "--node", "alpha", "--query"])
        #expect(standby.stdout.contains("value=off"), "alpha is left in standby: \(standby.stdout)")
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        let records = try String(contentsOfFile: audit, encoding: .utf8).split(separator: "\n")
        #expect(records.filter { $0.contains("verification_passed") }.count == 6, "\(records)")
        #expect(records.contains { $0.contains("go_no_go_override") })
        #expect(records.contains { $0.contains("runs on alpha; the move constraint was cleared") }, "the move's own answer: \(records)")
        #expect(records.last?.contains("\"completed\"") == true, "\(records.last ?? "")")
    }

    /// Waits for the action's prompt, then confirms it for alpha (`c`, the node's name, Enter).
    func confirm(_ tmux: Tmux, _ prompt: String) async throws {
        try await tmux.waitFor(prompt)
        try tmux.keys("c")
        try tmux.type("alpha")
        try tmux.keys("Enter")
    }
}
