import HAProtocol
import Testing

@testable import HADaemonCore

/// A peer's clean stop stays visible in the snapshot after its dead time, so that a reader (the
/// console, `haconsole check`) does not take it for a crash.
@Suite struct SnapshotCleanStopTests {
    static func alpha(in sim: ClusterSimulation) -> NodeSnapshot? {
        sim.nodes["bravo"]!.snapshot(at: sim.now, wallNow: 0, cluster: "c", configDigest: nil, localLinks: []).node("alpha")
    }

    @Test("a peer that announced its stop is stoppedCleanly while stopping and once dead")
    func cleanStop() {
        var sim = ClusterSimulation.settledPair()
        sim.command("alpha", .shutdown)
        sim.run(for: .milliseconds(100))
        #expect(Self.alpha(in: sim)?.stoppedCleanly == true)
        sim.run(for: .seconds(1))
        #expect(Self.alpha(in: sim)?.status == .dead)
        #expect(Self.alpha(in: sim)?.stoppedCleanly == true)
    }

    @Test("a peer killed without a word is not")
    func crash() {
        var sim = ClusterSimulation.settledPair()
        sim.kill("alpha")
        sim.run(for: .seconds(1))
        #expect(Self.alpha(in: sim)?.status == .dead)
        #expect(Self.alpha(in: sim)?.stoppedCleanly == nil)
    }
}
