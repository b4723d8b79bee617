import HAProtocol
import Testing

@testable import HADaemonCore

/// Manual fencing (cluster-glue's `meatware`, issue 12), decided by the core: the reset asks for
/// a human in the plugin's words, shows as waiting for one, and `confirm-fence` is accepted only
/// for a meatware reset of that node that runs now.
@Suite struct ManualFenceTests {
    static let meatware = StonithDevice(host: "*", type: "meatware", parameters: .positional(["alpha bravo"]), line: 9)

    /// A settled pair fencing with `device`, whose resets never end by themselves (a person is slow).
    func pair(device: StonithDevice = Self.meatware) -> ClusterSimulation {
        var sim = ClusterSimulation.settledPair { sim in
            sim.cf.stonithDevices = [device]
            sim.configure = { $0.fencingDelay = $0.deadtime * 2 }
        }
        sim.fenceTime = .seconds(3600)
        return sim
    }

    func confirm(_ sim: inout ClusterSimulation, _ victim: String, mayChange: Bool = true) -> ControlResponse? {
        sim.control(
            "bravo", ControlRequest(id: 7, op: .confirmFence, node: victim, reason: "checked"),
            from: ControlRequester(name: "uid 0 pid 9", mayChange: mayChange))
    }

    @Test("a meatware reset logs the plugin's CRIT request, shows as awaiting the operator, and raises a critical alert")
    func asksForAHuman() throws {
        var sim = pair()
        sim.kill("alpha")
        sim.run(for: .seconds(5))
        #expect(sim.log("bravo").contains("CRIT: OPERATOR INTERVENTION REQUIRED to reset alpha."), "\(sim.log("bravo"))")
        #expect(sim.log("bravo").contains("CRIT: Run \"meatclient -c alpha\" AFTER power-cycling the machine."))
        let snapshot = sim.nodes["bravo"]!.bareSnapshot
        #expect(snapshot.fencesInProgress?.map(\.phase) == [.awaitingOperator])
        let alert = try #require(snapshot.alerts.first { $0.node == "alpha" && $0.kind == .nodeDead })
        #expect(alert.severity == .critical && alert.message.contains("waits for a human"))
        #expect(alert.evidence.contains { $0.contains("hadaemon fence confirm alpha") })
        #expect(!sim.holders().contains("bravo"), "nothing is taken over while the person is away")
    }

    @Test("confirm-fence is refused with the reason unless a meatware reset of that node waits here")
    func refusals() {
        var sim = pair()
        #expect(confirm(&sim, "alpha")?.error?.message == "bravo is not fencing alpha: nothing to confirm")
        sim.kill("alpha")
        sim.run(for: .milliseconds(600))
        // Past deadtime, within the partition delay: the reset has not asked for anyone yet.
        #expect(confirm(&sim, "alpha")?.error?.code == .notReady)
        sim.run(for: .seconds(3))
        #expect(confirm(&sim, "alpha", mayChange: false)?.error?.code == .forbidden)
        #expect(confirm(&sim, "bravo")?.error?.code == .wrongNode)
        #expect(confirm(&sim, "charlie")?.error?.message == "bravo is not fencing charlie (it owes a reset to alpha): nothing to confirm")
        #expect(sim.confirmations.isEmpty)
        let accepted = confirm(&sim, "alpha")
        #expect(accepted?.error == nil && accepted?.message?.contains("meatclient -c alpha") == true, "\(String(describing: accepted))")
        #expect(sim.confirmations.map { "\($0.node)>\($0.victim)" } == ["bravo>alpha"])
        #expect(sim.log("bravo").contains { $0.contains("confirm-fence [alpha] requested by uid 0 pid 9, reason: checked") })
    }

    @Test("a device that is not a person is not confirmed by one")
    func otherDevicesRefuse() {
        var sim = pair(device: FencingPolicyTests.device)
        sim.kill("alpha")
        sim.run(for: .seconds(5))
        let refused = confirm(&sim, "alpha")
        #expect(refused?.error?.code == .badRequest && refused?.error?.message.contains("not meatware") == true)
        #expect(sim.nodes["bravo"]!.bareSnapshot.fencesInProgress?.map(\.phase) == [.running])
    }

    @Test("a node heard again while its meatware reset waits is not reset later: the wait is cancelled and nothing taken over")
    func heardAgainCancelsTheWait() {
        var sim = pair()
        sim.kill("alpha")
        sim.run(for: .seconds(5))
        #expect(sim.nodes["bravo"]!.bareSnapshot.fencesInProgress?.map(\.phase) == [.awaitingOperator])
        sim.start("alpha")
        sim.run(for: .seconds(3))
        #expect(sim.log("bravo").contains("info: STONITH of alpha cancelled: it is heard again."), "\(sim.log("bravo"))")
        #expect(sim.cancelled.map { "\($0.node)>\($0.victim)" } == ["bravo>alpha"])
        #expect(sim.nodes["bravo"]!.bareSnapshot.fencesInProgress == nil)
        #expect(confirm(&sim, "alpha")?.error?.code == .notReady, "nothing left to confirm")
        #expect(sim.holders() == ["alpha"], "one holder: the node that came back, not both")
    }
}
