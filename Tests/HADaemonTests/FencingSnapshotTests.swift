import HAProtocol
import Testing

@testable import HADaemonCore

/// What the snapshot says about fencing for the console: the device this node uses and the
/// reset it owes a dead peer, phase by phase, until the device confirms.
@Suite struct FencingSnapshotTests {
    let policy = FencingPolicyTests()

    @Test("the device is named from the start; nothing is in progress while the peer lives")
    func deviceIdle() {
        let sim = policy.fencedPair()
        let snapshot = sim.nodes["bravo"]!.bareSnapshot
        #expect(snapshot.fenceDevice == "external/hadtest")
        #expect(snapshot.fencesInProgress == nil)
    }

    @Test("a running reset shows with its victim, device and attempt; a failed one as retrying with the next attempt due")
    func inProgressPhases() throws {
        var sim = policy.fencedPair(results: [.failed])
        sim.fenceTime = .seconds(3)
        sim.kill("alpha")
        sim.run(for: .seconds(2))
        let running = try #require(sim.nodes["bravo"]!.bareSnapshot.fencesInProgress?.first)
        #expect(running.victim == "alpha" && running.device == "external/hadtest" && running.phase == .running)
        #expect(running.attempt == 1 && running.nextAttemptIn == nil && running.age >= 1_000)
        sim.run(for: .seconds(3))
        let retrying = try #require(sim.nodes["bravo"]!.bareSnapshot.fencesInProgress?.first)
        #expect(retrying.phase == .retrying && retrying.failures == 1 && retrying.attempt == 2)
        #expect((0...5_000).contains(retrying.nextAttemptIn ?? -1))
        #expect(retrying.lastFailure != nil)
        sim.run(for: .seconds(10))
        #expect(sim.nodes["bravo"]!.bareSnapshot.fencesInProgress == nil, "gone once the device confirmed")
        #expect(sim.nodes["bravo"]!.bareSnapshot.fencing?.map(\.result) == ["bad", "OK"])
    }
}
