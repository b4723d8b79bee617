import HAProtocol
import Testing

@testable import HADaemonCore

/// A stop that fails (the group "may still be running") is fenced the way Heartbeat meant it
/// (issue 12, spec §3.3): with a device the peer can reset this node with, the node falls silent
/// so that the peer declares it dead, resets it and only then takes the group over; without one
/// the group stays `failed` here with the operator in charge (ResourceFailureTests).
@Suite struct FailedStopFencingTests {
    static let device = StonithDevice(host: "*", type: "external/hadtest", parameters: .positional(["/tmp/x"]), line: 9)

    func pair(devices: [StonithDevice]) -> ClusterSimulation {
        var sim = ClusterSimulation.settledPair { sim in
            sim.cf.stonithDevices = devices
            sim.configure = { $0.fencingDelay = .milliseconds(200) }
        }
        sim.failingStops = [sim.vip]
        return sim
    }

    func sends(_ sim: ClusterSimulation, _ name: String, after instant: MonotonicTime) -> Int {
        sim.sent.filter { $0.node == name && $0.at > instant }.count
    }

    @Test("a standby whose stop fails: the node falls silent, the peer resets it, then takes the group over")
    func failedStandbyStopIsFenced() throws {
        var sim = pair(devices: [Self.device])
        #expect(sim.holders() == ["alpha"])
        sim.command("alpha", .standby(.all))
        sim.run(for: .milliseconds(100))
        let failedAt = sim.now
        #expect(sim.log("alpha").contains("CRIT: Resource STOP failure. Reboot required!"), "\(sim.log("alpha").suffix(8))")
        #expect(sim.log("alpha").contains { $0.hasPrefix("CRIT: Heartbeats stopped: bravo is to reset this node before it takes") })
        #expect(sim.nodes["alpha"]!.bareSnapshot.alerts.contains { $0.severity == .critical && $0.message.contains("waits to be reset by bravo") })
        sim.run(for: .seconds(3))
        #expect(sends(sim, "alpha", after: failedAt) == 0, "not one datagram once silent")
        #expect(sim.fences.map { "\($0.node)>\($0.victim)" } == ["bravo>alpha"])
        let started = try #require(sim.transitions.first { $0.node == "bravo" && $0.running }, "\(sim.log("bravo").suffix(10))")
        #expect(started.at >= sim.fences[0].at + sim.fenceTime, "bravo starts the group only after the reset")
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .running)
    }

    @Test("a clean stop whose group fails to stop: silent, reset by the peer, taken over")
    func failedShutdownStopIsFenced() {
        var sim = pair(devices: [Self.device])
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(3))
        #expect(sim.fences.map { "\($0.node)>\($0.victim)" } == ["bravo>alpha"], "\(sim.log("bravo").suffix(10))")
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .running)
        #expect(!sim.log("bravo").contains("info: Dead node alpha gave up resources."))
    }

    @Test("a device only this node may use cannot reset it: the group stays failed here and nothing is taken over")
    func deviceOnlyForThisNode() {
        var own = Self.device
        own.host = "alpha"
        var sim = pair(devices: [own])
        sim.command("alpha", .standby(.all))
        sim.run(for: .seconds(3))
        #expect(!sim.log("alpha").contains("CRIT: Resource STOP failure. Reboot required!"))
        #expect(sim.nodes["bravo"]!.peers["alpha"]!.status != .dead)
        #expect(sim.nodes["bravo"]!.groupStates[sim.vip] == .stopped)
        #expect(sim.nodes["alpha"]!.groupStates[sim.vip] == .failed("Return code 1 from hbdummy"))
    }

    @Test("without a live peer to reset it the node keeps talking: the group stays failed with the operator in charge")
    func noLivePeer() {
        var sim = pair(devices: [Self.device])
        sim.kill("bravo")
        sim.run(for: .seconds(2))
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(1))
        let before = sim.now
        sim.run(for: .seconds(1))
        #expect(sends(sim, "alpha", after: before) > 0)
        #expect(!sim.log("alpha").contains("CRIT: Resource STOP failure. Reboot required!"))
    }
}
