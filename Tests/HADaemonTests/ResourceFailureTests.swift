import HAProtocol
import Testing

@testable import HADaemonCore

/// Resource scripts that hang or fail (issue 10): a hang is visible while it lasts, a failure is
/// still named after the group is released, and a group that failed to stop is never handed to
/// the peer while it may still run. Each test failed on the core as it landed before that issue.
@Suite struct ResourceFailureTests {
    @Test("a start that hangs raises an alert while it hangs, and its failure stays named once the group is released")
    func hungStart() {
        var cf = HACF()
        cf.nodes = ["alpha", "bravo"]
        cf.keepalive = 100
        cf.deadtime = 500
        cf.initdead = 1000
        let groups = HAResourcesParser.parse("alpha 192.0.2.100 hang\n").value.groups
        let config = NodeCoreConfig(me: "alpha", cf: cf, groups: groups, generation: 1)
        var node = NodeStateMachine(config: config, at: .milliseconds(0))
        let started = node.handle(.tick, at: .milliseconds(1100))
        #expect(started.contains(.runGroup(key: groups[0].key, action: .start)), "alone after initdead, alpha starts its group")
        _ = node.handle(.tick, at: .milliseconds(10_000))
        #expect(!node.bareSnapshot.alerts.contains { $0.message.contains("may be hung") })
        _ = node.handle(.tick, at: .milliseconds(11_200))
        let hanging = node.bareSnapshot
        #expect(
            hanging.alerts.contains { $0.message.contains("group \(groups[0].key) start on alpha has run 10 s and may be hung") }, "\(hanging.alerts)"
        )
        let timedOut = "hang start timed out after 60 s: process group killed"
        _ = node.handle(.groupActionFinished(key: groups[0].key, action: .start, succeeded: false, detail: timedOut), at: .milliseconds(60_000))
        _ = node.handle(.groupActionFinished(key: groups[0].key, action: .stop, succeeded: true, detail: nil), at: .milliseconds(60_100))
        let released = node.bareSnapshot
        #expect(released.groups.first?.state == .stopped)
        #expect(released.groups.first?.lastError == timedOut)
        #expect(!released.alerts.contains { $0.message.contains("may be hung") })
        #expect(released.alerts.contains { $0.kind == .resourceFailed && $0.severity == .critical })
    }

    @Test("a standby whose stop fails does not hand the group to the peer")
    func failedStopDuringStandby() {
        var sim = ClusterSimulation.settledPair()
        #expect(sim.holders() == ["alpha"])
        sim.failingStops = [sim.vip]
        sim.command("alpha", .standby(.all))
        sim.run(for: .seconds(3))
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .stopped, "bravo never starts it: \(sim.log("bravo").suffix(6))")
        #expect(sim.nodes["alpha"]!.groupStates[sim.vip] == .failed("Return code 1 from hbdummy"))
        #expect(sim.nodes["bravo"]!.standby == .idle, "bravo is not left waiting")
        #expect(sim.log("alpha").contains { $0.contains("Standby [all] abandoned") })
        #expect(sim.nodes["bravo"]!.bareSnapshot.groups.first?.holders == ["alpha"], "bravo sees alpha may still hold it")
    }

    @Test("a clean stop whose group fails to stop stays up holding it, and a second stop finishes once the stop succeeds")
    func failedStopDuringShutdown() {
        var sim = ClusterSimulation.settledPair()
        sim.failingStops = [sim.vip]
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(3))
        #expect(sim.running.contains("alpha"), "alpha does not leave")
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .stopped, "\(sim.log("bravo").suffix(6))")
        #expect(sim.nodes["bravo"]!.peers["alpha"]!.status != .dead)
        #expect(sim.log("alpha").contains { $0.contains("Shutdown halted") })
        // The operator stops it by hand; the next stop request goes through.
        sim.failingStops = []
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(1))
        #expect(!sim.running.contains("alpha"))
        #expect(sim.holders() == ["bravo"])
    }

    @Test("legacy mode: a holder whose stop fails does not answer the home node's ip-request, so the group is not started twice")
    func failedStopWithholdsIPRequestAnswer() {
        var sim = ClusterSimulation(autoFailback: .legacy)
        sim.start("alpha")
        sim.start("bravo")
        sim.run(for: .seconds(2))
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(1))
        #expect(sim.holders() == ["bravo"])
        sim.failingStops = [sim.vip]
        sim.start("alpha")
        sim.run(for: .seconds(3))
        #expect(sim.nodes["alpha"]!.groupStates[sim.vip] == .stopped, "\(sim.log("alpha").suffix(6))")
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .failed("Return code 1 from hbdummy"))
        #expect(sim.log("bravo").contains { $0.contains("Not handing \(sim.vip) to alpha") })
    }
}
