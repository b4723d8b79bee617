import HAProtocol
import Testing

@Suite struct DRBDEvents2Tests {
    func fold(_ file: String) throws -> DRBDParseResult {
        let result = DRBDEvents2Parser.parse(try DRBDFixture.text("events2/\(file)"))
        #expect(result.problems.isEmpty, "\(result.problems)")
        return result
    }

    @Test("a line splits into timestamp, action, object and key:value fields on the first colon")
    func lineGrammar() throws {
        let line = try DRBDEvents2Line(parsing: "2019-08-18T02:29:24.637733+08:00 change path name:r0 local:ipv4:1.2.3.4:7789 established:no->yes")
        #expect(line.timestamp == "2019-08-18T02:29:24.637733+08:00")
        #expect(line.action == .change)
        #expect(line.object == "path")
        #expect(line["local"] == "ipv4:1.2.3.4:7789")
        #expect(line["established"] == "yes")
        #expect(line.fields.last?.oldValue == "no")
        #expect(try DRBDEvents2Line(parsing: "exists -").isEndOfInitialState)
        #expect(throws: DRBDParseProblem.self) { try DRBDEvents2Line(parsing: "explode resource name:r0") }
        #expect(throws: DRBDParseProblem.self) { try DRBDEvents2Line(parsing: "change resource oops") }
    }

    @Test("the 8.4 guide's --now dump gives two volumes on minors 7 and 8, both Established")
    func ug84Now() throws {
        let resource = try #require(try fold("8.4-ug84-now.txt").status.resource(named: "r0"))
        #expect(resource.role == .secondary)
        #expect(resource.devices.map(\.minor) == [7, 8])
        let peer = try #require(resource.connection(named: "remote-host"))
        #expect(peer.peerNodeID == 1)
        #expect(peer.peerRole == .secondary)
        #expect(peer.peerDevices.map(\.replication) == [.established, .established])
        #expect(resource.isHealthy)
    }

    @Test("--statistics adds sizes, counters and write ordering")
    func ug84Statistics() throws {
        let resource = try #require(try fold("8.4-ug84-statistics-now.txt").status.resource(named: "r0"))
        #expect(resource.writeOrdering == "drain")
        #expect(resource.devices.map(\.sizeKiB) == [6_291_228, 104_854_364])
        #expect(resource.connections[0].isCongested == false)
        #expect(resource.connections[0].peerDevices.map(\.sentKiB) == [131_844, 6_634_548])
    }

    @Test("the follow-mode fragment leaves the last connection state, Connecting")
    func followFragment() throws {
        let resource = try #require(try fold("8.4-ug84-follow-changes-fragment.txt").status.resource(named: "r0"))
        #expect(resource.connections.map(\.state) == [.connecting])
    }

    @Test(
        "create and change, plain and --diff, end with the same promoted, connected resource",
        arguments: [
            "9-drbd-utils-test-create-change-promote.txt", "9-drbd-utils-test-create-change-diff.txt",
        ])
    func createChange(_ file: String) throws {
        let resource = try #require(try fold(file).status.resource(named: "some-resource"))
        #expect(resource.role == .primary)
        #expect(resource.mayPromote == false)
        #expect(resource.promotionScore == 10102)
        #expect(resource.devices[0].minor == 1000)
        #expect(resource.devices[0].disk == .upToDate)
        #expect(resource.devices[0].hasQuorum == true)
        let peer = try #require(resource.connection(named: "some-peer"))
        #expect(peer.state == .connected)
        #expect(peer.peerRole == .secondary)
        #expect(peer.peerDevices[0].replication == .established)
        #expect(peer.peerDevices[0].peerDisk == .upToDate)
    }

    @Test("destroy lines remove every object again")
    func createDestroy() throws {
        #expect(try fold("9-drbd-utils-test-create-destroy.txt").status.resources.isEmpty)
    }

    @Test("a helper call that is not split-brain changes no state")
    func helperCall() throws {
        let resource = try #require(try fold("9-drbd-utils-test-helper-call-response.txt").status.resource(named: "some-resource"))
        #expect(!resource.isSplitBrainReported)
        #expect(resource.connections[0].state == .standAlone)
    }

    @Test("a SyncSource change gives done: percent and, with statistics, out-of-sync, ETA and speed")
    func sync() throws {
        let plain = try #require(try fold("9-drbd-utils-test-sync.txt").status.resources.first)
        #expect(plain.connections[0].peerDevices[0].replication == .syncSource)
        #expect(plain.connections[0].peerDevices[0].sync?.percentDone == 37.5)
        let statistics = try #require(try fold("9-drbd-utils-test-sync-statistics.txt").status.resources.first)
        let peer = statistics.connections[0].peerDevices[0]
        #expect(peer.outOfSyncKiB == 2500)
        #expect(peer.sync?.etaSeconds == 10)
        #expect(peer.sync?.speedKiBPerSecond == 246)
        #expect(statistics.connections[0].isCongested == false)
        #expect(statistics.devices[0].readKiB == 10)
    }

    @Test("timestamped partial output gives two resources")
    func timestamps() throws {
        let status = try fold("9-drbdtop-issue18-timestamps-statistics-now-PARTIAL.txt").status
        #expect(status.resources.map(\.name) == ["test_rd", "vm-100-disk-0"])
        #expect(status.resources[0].devices[0].minor == 1001)
        #expect(status.resources[0].writeOrdering == "flush")
    }

    @Test("the split-brain helper marks the 8.4 connection, which then drops to StandAlone")
    func splitBrain84() throws {
        let resource = try #require(try fold("COMPOSED-8.4-events2-splitbrain-detected.txt").status.resource(named: "r0"))
        let peer = try #require(resource.connection(named: "peer"))
        #expect(peer.splitBrainReported)
        #expect(peer.state == .standAlone)
        #expect(resource.isSplitBrainReported)
        #expect(DRBDSplitBrainLevel.assess(local: resource, peer: nil) == .confirmed)
    }

    @Test("the victim's recovery ends Established, UpToDate, with the sync progress cleared")
    func recovery() throws {
        var status = DRBDStatus()
        var percents: [Double?] = []
        for line in try DRBDFixture.text("events2/COMPOSED-9-splitbrain-recovery-alpha-victim.txt").split(separator: "\n") {
            _ = try status.apply(events2Line: line).get()
            percents.append(status.resources.first?.connections.first?.peerDevices.first?.sync?.percentDone)
        }
        #expect(percents.compactMap { $0 }.contains(67.17))
        let resource = try #require(status.resource(named: "r0"))
        #expect(resource.role == .secondary)
        #expect(resource.devices[0].disk == .upToDate)
        #expect(resource.connections[0].peerDevices[0].replication == .established)
        #expect(resource.connections[0].peerDevices[0].sync == nil)
        #expect(resource.isHealthy)
    }

    @Test("a reported split brain clears once the connection is healthy again")
    func splitBrainClears() throws {
        var status = DRBDStatus()
        for line in [
            "exists resource name:r0 role:Primary", "exists device name:r0 volume:0 minor:0 disk:UpToDate",
            "exists connection name:r0 peer-node-id:1 conn-name:bravo connection:Connecting role:Unknown",
            "call helper name:r0 peer-node-id:1 conn-name:bravo volume:0 minor:0 helper:split-brain",
            "change connection name:r0 peer-node-id:1 conn-name:bravo connection:StandAlone",
        ] {
            _ = try status.apply(events2Line: line).get()
        }
        #expect(status.resources[0].isSplitBrainReported)
        _ = try status.apply(events2Line: "change connection name:r0 peer-node-id:1 conn-name:bravo connection:Connected role:Secondary").get()
        #expect(status.resources[0].isSplitBrainReported)
        _ = try status.apply(
            events2Line: "change peer-device name:r0 peer-node-id:1 conn-name:bravo volume:0 replication:Established peer-disk:UpToDate"
        ).get()
        #expect(!status.resources[0].isSplitBrainReported)
        _ = try status.apply(events2Line: "rename resource name:r0 new_name:r1").get()
        #expect(status.resources[0].name == "r1")
    }

    @Test("malformed lines are reported with their numbers and change nothing")
    func malformed() {
        let result = DRBDEvents2Parser.parse("change device name:r0 minor:1\nchange gizmo name:r0\nchange connection name:r0\ngarbage\n")
        #expect(result.problems.map(\.line) == [1, 2, 3, 4])
        #expect(result.status.resources.isEmpty)
    }
}
