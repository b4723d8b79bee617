import Foundation
import HAProtocol
import Testing

@Suite struct DRBDStateNameTests {
    @Test("known words map to cases and unknown words are kept verbatim")
    func spellings() {
        #expect(DRBDRole(spelling: "Primary") == .primary)
        #expect(DRBDDiskState(spelling: "DUnknown") == .dUnknown)
        #expect(DRBDConnectionState(spelling: "WFReportParams") == .wfReportParams)
        #expect(DRBDReplicationState(spelling: "PausedSyncT") == .pausedSyncT)
        #expect(DRBDRole(spelling: "primary") == .other("primary"))
        #expect(!DRBDRole.other("Tertiary").isKnown)
        for state in DRBDReplicationState.knownStates {
            #expect(DRBDReplicationState(spelling: state.spelling) == state)
        }
        for state in DRBDConnectionState.knownStates { #expect(DRBDConnectionState(spelling: state.description) == state) }
        for state in DRBDDiskState.knownStates { #expect(DRBDDiskState(spelling: state.spelling) == state) }
    }

    @Test("states are Codable as their DRBD spelling, and so is a whole status")
    func codable() throws {
        let data = try JSONEncoder().encode([DRBDDiskState.upToDate, .other("Melting")])
        #expect(String(decoding: data, as: UTF8.self) == #"["UpToDate","Melting"]"#)
        #expect(try JSONDecoder().decode([DRBDDiskState].self, from: data) == [.upToDate, .other("Melting")])
        let status = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.4-syncsource-progress.txt")).status
        #expect(try JSONDecoder().decode(DRBDStatus.self, from: JSONEncoder().encode(status)) == status)
    }

    @Test("the 8.x cs: word splits into connection and replication states")
    func legacySplit() {
        let result = DRBDProcParser.parse(
            " 0: cs:VerifyT ro:Secondary/Primary ds:UpToDate/UpToDate C r-----\n 1: cs:Off ro:Secondary/Primary ds:UpToDate/UpToDate C r-----")
        #expect(result.status.resources[0].connections[0].state == .connected)
        #expect(result.status.resources[0].connections[0].peerDevices[0].replication == .verifyT)
        #expect(result.status.resources[0].connections[0].peerDevices[0].replication.isResyncing)
        #expect(result.status.resources[1].connections[0].state == .other("Off"))
        #expect(result.status.resources[1].connections[0].peerDevices[0].replication == .off)
    }
}
