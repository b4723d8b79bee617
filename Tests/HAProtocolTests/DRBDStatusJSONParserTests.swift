import HAProtocol
import Testing

@Suite struct DRBDStatusJSONParserTests {
    @Test("the ha_cluster_exporter dump gives one healthy Primary with a named Secondary peer")
    func exporterSample() throws {
        let result = try DRBDStatusJSONParser.parse(try DRBDFixture.text("status-json/9-ha-cluster-exporter-issue25-first-resource.json"))
        #expect(result.problems.isEmpty)
        let resource = try #require(result.status.resources.first)
        #expect(resource.name == "1-single-0")
        #expect(resource.nodeID == 1)
        #expect(resource.role == .primary)
        #expect(resource.ioSuspended == false)
        #expect(resource.devices[0].minor == 2)
        #expect(resource.devices[0].disk == .upToDate)
        #expect(resource.devices[0].writtenKiB == 536_513)
        let peer = try #require(resource.connection(named: "SLE15-sp1-gm-drbd1145296-node2"))
        #expect(peer.peerNodeID == 2)
        #expect(peer.state == .connected)
        #expect(peer.peerRole == .secondary)
        #expect(peer.peerDevices[0].replication == .established)
        #expect(peer.peerDevices[0].sentKiB == 534_390)
        #expect(peer.peerDevices[0].sync == nil)
        #expect(resource.isHealthy)
    }

    @Test("sync details give percent, total from rs-total sectors, remaining, ETA and MiB/s as KiB/s")
    func syncDetails() throws {
        let result = try DRBDStatusJSONParser.parse(try DRBDFixture.text("status-json/COMPOSED-9-recovery-alpha-synctarget-with-sync-details.json"))
        let resource = try #require(result.status.resources.first)
        #expect(resource.suspendReasons.isEmpty)
        #expect(resource.devices[0].isOpen == false)
        let bravo = try #require(resource.connection(named: "bravo")?.peerDevices.first)
        #expect(bravo.replication == .syncTarget)
        let sync = try #require(bravo.sync)
        #expect(sync.percentDone == 67.17)
        #expect(sync.totalKiB == 91376)
        #expect(sync.remainingKiB == 30000)
        #expect(sync.etaSeconds == 6)
        #expect(sync.speedKiBPerSecond == 5120)
        #expect(sync.wantKiBPerSecond == 5120)
        let charlie = try #require(resource.connection(named: "charlie"))
        #expect(charlie.state == .standAlone)
        #expect(charlie.peerRole == .unknown)
        #expect(charlie.peerDevices[0].outOfSyncKiB == 91376)
    }

    @Test("text that is not JSON throws a typed error")
    func notJSON() {
        #expect(throws: DRBDStatusJSONError.self) { try DRBDStatusJSONParser.parse("r0 role:Primary") }
    }

    @Test("JSON of the wrong shape gives problems; the no-progress ETA sentinel means stalled; big counters fit")
    func wrongShapes() throws {
        #expect(try DRBDStatusJSONParser.parse("{}").problems.count == 1)
        #expect(try DRBDStatusJSONParser.parse("[\n]").status.resources.isEmpty)
        let text = """
            [{"name":"r9","role":"Tertiary","devices":[{"volume":"x","disk-state":"Melting","read":18446744073709551615}],
              "connections":[{"name":"z","connection-state":"Hovering","peer_devices":[
                {"volume":1,"replication-state":"SyncSource","estimated-seconds-to-finish":987654321,"out-of-sync":5000000000}]}]},
             {"role":"Primary"}]
            """
        let result = try DRBDStatusJSONParser.parse(text)
        #expect(result.problems.count == 1)
        let resource = try #require(result.status.resources.first)
        #expect(resource.role == .other("Tertiary"))
        #expect(resource.devices[0].volume == 0)
        #expect(resource.devices[0].disk == .other("Melting"))
        #expect(resource.connections[0].state == .other("Hovering"))
        let peer = resource.connections[0].peerDevices[0]
        #expect(peer.outOfSyncKiB == 5_000_000_000)
        #expect(peer.sync?.isStalled == true)
        #expect(peer.sync?.etaSeconds == nil)
    }
}
