import HAProtocol
import Testing

@Suite struct DRBDSplitBrainTests {
    func proc(_ file: String) throws -> DRBDResource {
        try #require(DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/\(file)")).status.resources.first)
    }

    @Test("the real split pair: both StandAlone with peer Unknown and out-of-sync data on both sides")
    func realPair() throws {
        let nodeA = try proc("8.4-splitbrain-nodeA-standalone-secondary.txt")
        let nodeB = try proc("8.4-splitbrain-nodeB-standalone-primary.txt")
        #expect(nodeA.isSplitBrainSuspect && nodeB.isSplitBrainSuspect)
        #expect(!nodeA.isSplitBrainReported)
        #expect(nodeA.hasOutOfSyncData && nodeB.hasOutOfSyncData)
        #expect(DRBDSplitBrainLevel.assess(local: nodeA, peer: nodeB) == .suspect)
        #expect(DRBDSplitBrainLevel.assess(local: nodeA, peer: nil) == .suspect)
    }

    @Test("both nodes Primary while disconnected is probable split brain")
    func bothPrimary() throws {
        let nodeA = try proc("COMPOSED-8.4-splitbrain-both-primary-nodeA.txt")
        let waiting = try proc("8.4-wfconnection-primary-unknown.txt")
        #expect(nodeA.isPrimaryWithDisconnectedPeer)
        #expect(DRBDSplitBrainLevel.assess(local: nodeA, peer: nodeA) == .probable)
        #expect(DRBDSplitBrainLevel.assess(local: waiting, peer: waiting) == .probable)
        #expect(DRBDSplitBrainLevel.none < .suspect && DRBDSplitBrainLevel.probable < .confirmed)
    }

    @Test("healthy, dual-primary-while-connected and diskless states are not split brain")
    func notSplitBrain() throws {
        let healthy = try proc("8.4-healthy-primary.txt")
        #expect(healthy.isHealthy)
        #expect(DRBDSplitBrainLevel.assess(local: healthy, peer: try proc("8.4-healthy-secondary.txt")) == .none)
        let dual = try proc("8.4-srcversion-dual-primary-node-exporter.txt")
        #expect(dual.isDualPrimary)
        #expect(!dual.isSplitBrainSuspect)
        #expect(DRBDSplitBrainLevel.assess(local: dual, peer: dual) == .none)
        let diskless = try proc("COMPOSED-8.4-diskless-primary-after-io-error.txt")
        #expect(!diskless.isHealthy)
        #expect(!diskless.isSplitBrainSuspect)
        let standAloneInconsistent = try proc("8.4-standalone-primary-peer-inconsistent-nodeB.txt")
        #expect(standAloneInconsistent.isSplitBrainSuspect)
        #expect(try proc("8.4-inconsistent-wfconnection-nodeA.txt").isSplitBrainSuspect == false)
    }

    @Test("a peer's summary is enough for the cross-node verdict")
    func acrossTheWire() throws {
        let local = try proc("COMPOSED-8.4-splitbrain-both-primary-nodeA.txt")
        let remote = try #require(try DRBDStatus(summary: DRBDStatus(resources: [local]).summary).resources.first)
        #expect(DRBDSplitBrainLevel.assess(local: local, peer: remote) == .probable)
    }
}
