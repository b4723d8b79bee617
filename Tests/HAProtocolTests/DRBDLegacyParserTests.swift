import HAProtocol
import Testing

@Suite struct DRBDLegacyParserTests {
    @Test("8.3 XML status: named minors, a resync percentage and an Unconfigured minor")
    func xml() throws {
        let result = DRBDLegacyStatusParser.parseXML(try DRBDFixture.text("legacy/COMPOSED-8.3-drbdadm-status-xml.txt"))
        #expect(result.problems.isEmpty)
        #expect(result.status.module?.release == "8.3.11")
        #expect(result.status.module?.api == 88)
        let names = result.status.resources.map(\.name)
        #expect(names == ["r0", "r1", "r2", "r3"])
        let r1 = try #require(result.status.resource(named: "r1"))
        #expect(r1.connections[0].peerDevices[0].replication == .syncSource)
        #expect(r1.connections[0].peerDevices[0].sync?.percentDone == 42.4)
        let r2 = try #require(result.status.resource(named: "r2"))
        #expect(r2.connections[0].state == .standAlone)
        #expect(r2.connections[0].peerRole == .unknown)
        #expect(r2.isSplitBrainSuspect)
        let r3 = try #require(result.status.resource(named: "r3"))
        #expect(r3.connections[0].state == .unconfigured)
        #expect(r3.devices[0].minor == 3)
    }

    @Test("bare XML attribute words mark suspension and paused resync")
    func xmlBareWords() {
        let text =
            #"<resource minor="4" name="r4" cs="PausedSyncS" ro1="Primary" ro2="Secondary" ds1="UpToDate" ds2="Inconsistent" suspended user_isp />"#
        let resource = DRBDLegacyStatusParser.parseXML(text).status.resources[0]
        #expect(resource.ioSuspended == true)
        #expect(resource.connections[0].peerDevices[0].resyncSuspendedReasons == ["user"])
        #expect(resource.connections[0].peerDevices[0].replication == .pausedSyncS)
    }

    @Test("sh-status: one StandAlone Primary minor with its resource name")
    func shStatus() throws {
        let result = DRBDLegacyStatusParser.parseShStatus(try DRBDFixture.text("legacy/COMPOSED-8.3-drbdadm-sh-status-one-minor.txt"))
        #expect(result.problems.isEmpty)
        #expect(result.status.module?.release == "8.3.11")
        #expect(result.status.module?.api == 88)
        let resource = try #require(result.status.resource(named: "r2"))
        #expect(resource.role == .primary)
        #expect(resource.devices[0].minor == 2)
        #expect(resource.connections[0].state == .standAlone)
        #expect(resource.connections[0].peerDevices[0].peerDisk == .dUnknown)
        #expect(resource.ioSuspended == false)
    }

    @Test("drbd-overview: wrapped rows give three named Connected Primaries")
    func overview() throws {
        let result = DRBDLegacyTableParser.parse(try DRBDFixture.text("legacy/8.4-drbd-overview-ug84.txt"))
        #expect(result.problems.isEmpty)
        #expect(result.status.resources.map(\.name) == ["home", "data", "nfs-root"])
        #expect(result.status.resources.allSatisfy { $0.role == .primary && $0.connections[0].peerRole == .secondary })
        #expect(result.status.resources.allSatisfy { $0.connections[0].peerDevices[0].peerDisk == .upToDate })
        #expect(result.status.resources.map { $0.devices[0].minor } == [0, 1, 2])
    }

    @Test("init-script table: eleven unnamed WFConnection Primaries, peers Inconsistent or DUnknown")
    func initScript() throws {
        let result = DRBDLegacyTableParser.parse(try DRBDFixture.text("legacy/8.3-initscript-status-table-ganeti-issue673.txt"))
        #expect(result.problems.isEmpty)
        #expect(result.status.module?.release == "8.3.11")
        #expect(result.status.module?.build == "srcversion: 71955441799F513ACA6DA60")
        let resources = result.status.resources
        #expect(resources.map { $0.devices[0].minor } == [0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 14])
        #expect(resources[0].name == "drbd0")
        #expect(resources.allSatisfy { $0.connections[0].state == .wfConnection && $0.isPrimaryWithDisconnectedPeer })
        #expect(resources.filter { $0.connections[0].peerDevices[0].peerDisk == .dUnknown }.map(\.name) == ["drbd4", "drbd7"])
    }

    @Test("events v1: the state after a network failure, the split-brain helper, and sync progress")
    func eventsV1() throws {
        let result = DRBDEventsV1Parser.parse(try DRBDFixture.text("legacy/COMPOSED-8.x-drbdsetup-events-v1.txt"))
        #expect(result.problems.isEmpty)
        let r0 = try #require(result.status.resource(named: "r0"))
        #expect(r0.connections[0].state == .networkFailure)
        #expect(r0.connections[0].peerRole == .unknown)
        #expect(r0.connections[0].splitBrainReported)
        #expect(DRBDSplitBrainLevel.assess(local: r0, peer: nil) == .confirmed)
        let r1 = try #require(result.status.resource(named: "r1"))
        #expect(r1.connections[0].peerDevices[0].sync?.percentDone == 42.4)
        #expect(DRBDEventsV1Parser.parse("x ST 0 {").problems.count == 1)
        #expect(DRBDEventsV1Parser.parse("1 ST 0 { ro:Primary/Unknown }").problems.count == 1)
    }
}
