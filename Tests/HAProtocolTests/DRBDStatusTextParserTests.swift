import HAProtocol
import Testing

@Suite struct DRBDStatusTextParserTests {
    func parse(_ file: String) throws -> DRBDResource {
        let result = DRBDStatusTextParser.parse(try DRBDFixture.text("status-text/\(file)"))
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.status.resources.count == 1)
        return try #require(result.status.resources.first)
    }

    @Test("the 8.4 guide's status names the connection 'peer' and prints replication Established")
    func ug84Plain() throws {
        let resource = try parse("8.4-ug84-drbdadm-status.txt")
        #expect(resource.name == "home")
        #expect(resource.role == .secondary)
        #expect(resource.devices.map(\.disk) == [.upToDate])
        let peer = try #require(resource.connection(named: "peer"))
        #expect(peer.state == .connected)
        #expect(peer.peerRole == .secondary)
        #expect(peer.peerDevices.map(\.replication) == [.established])
        #expect(peer.peerDevices.map(\.peerDisk) == [.upToDate])
    }

    @Test("verbose statistics on 8.4 fill the wrapped device statistics and resource continuation")
    func ug84Verbose() throws {
        let resource = try parse("8.4-ug84-drbdsetup-status-verbose-statistics.txt")
        #expect(resource.ioSuspended == false)
        #expect(resource.writeOrdering == "flush")
        #expect(resource.devices[0].minor == 0)
        #expect(resource.devices[0].sizeKiB == 5_033_792)
        #expect(resource.connections[0].isCongested == false)
        #expect(resource.connections[0].peerDevices[0].outOfSyncKiB == 0)
        #expect(resource.connections[0].peerDevices[0].resyncSuspendedReasons == [])
    }

    @Test("three nodes, one SyncTarget peer and one diskless Primary peer")
    func linstorPlain() throws {
        let resource = try parse("9-linstor-issue218-drbdadm-status-3node.txt")
        #expect(resource.devices[0].disk == .inconsistent)
        let source = try #require(resource.connection(named: "m14c19"))
        #expect(source.peerRole == .secondary)
        #expect(source.peerDevices[0].replication == .syncTarget)
        let client = try #require(resource.connection(named: "m14c36"))
        #expect(client.peerRole == .primary)
        #expect(client.peerDevices[0].replication == .established)
        #expect(client.peerDevices[0].peerDisk == .diskless)
        #expect(resource.isResyncing)
    }

    @Test("verbose 3-node output reads node ids, minor, quorum and the peer client flag")
    func linstorVerbose() throws {
        let resource = try parse("9-linstor-issue218-verbose-statistics-3node-synctarget.txt")
        #expect(resource.nodeID == 1)
        #expect(resource.devices[0].minor == 2796)
        #expect(resource.devices[0].hasQuorum == true)
        #expect(resource.devices[0].sizeKiB == 41_946_328)
        #expect(resource.connections.map(\.peerNodeID) == [0, 3])
        #expect(resource.connections[1].peerDevices[0].peerIsClient == true)
        #expect(resource.connections[0].peerDevices[0].receivedKiB == 10752)
    }

    @Test("Pacemaker's guide: a Connecting peer has no role and no peer volumes")
    func pacemakerConnecting() throws {
        let resource = try parse("9-pacemaker-cfs-drbdadm-status-connecting.txt")
        let peer = try #require(resource.connection(named: "pcmk-2"))
        #expect(peer.state == .connecting)
        #expect(peer.peerRole == .unknown)
        #expect(peer.peerDevices.isEmpty)
    }

    @Test("Pacemaker's guide: healthy Secondary and SyncSource outputs")
    func pacemakerOthers() throws {
        let healthy = try parse("9-pacemaker-cfs-drbdadm-status-healthy-secondary.txt")
        #expect(healthy.isHealthy)
        #expect(healthy.connections[0].peerRole == .primary)
        let syncing = try parse("9-pacemaker-cfs-drbdadm-status-syncsource.txt")
        #expect(syncing.role == .primary)
        #expect(syncing.connections[0].peerDevices[0].replication == .syncSource)
        #expect(syncing.connections[0].peerDevices[0].peerDisk == .inconsistent)
        #expect(!syncing.isHealthy)
    }

    @Test("two volumes, two peers: per-volume done: percent and resync-suspended reasons")
    func multiVolume() throws {
        let resource = try parse("9-salt-shaptools-multivolume-2peers-syncing.txt")
        #expect(resource.devices.map(\.volume) == [0, 1])
        let node1 = try #require(resource.connection(named: "drbd-node1"))
        #expect(node1.peerDevices.map { $0.sync?.percentDone } == [10.17, 74.08])
        #expect(node1.peerDevices.map(\.replication) == [.syncTarget, .syncTarget])
        let node2 = try #require(resource.connection(named: "drbd-node2"))
        #expect(node2.peerDevices.map(\.resyncSuspendedReasons) == [["peer"], ["peer"]])
        #expect(node2.peerDevices.map(\.peerDisk) == [.inconsistent, .inconsistent])
    }

    @Test("the 9 guide's old 'disk:' key on peers is read as the peer disk")
    func ug9OldKeys() throws {
        let resource = try parse("9-ug9-drbdadm-status-3peers-one-connecting.txt")
        #expect(resource.connections.map { $0.name ?? "" } == ["nina", "nino", "nono"])
        #expect(resource.connections.map(\.state) == [.connected, .connected, .connecting])
        #expect(resource.connections[0].peerDevices[0].peerDisk == .upToDate)
    }

    @Test("hand-wrapped guide lines with local:/peer: addresses still attach to the right objects")
    func ug9Rewrapped() throws {
        let resource = try parse("9-ug9-drbdsetup-status-verbose-statistics-doc-rewrapped.txt")
        #expect(resource.devices[0].writtenKiB == 1_048_412)
        #expect(resource.connections.map(\.peerNodeID) == [0, 2, 3])
        #expect(resource.connections.map(\.state) == [.connected, .connected, .connecting])
        #expect(resource.connections[0].isCongested == false)
        #expect(resource.connections[0].peerDevices[0].receivedKiB == 1_048_412)
        #expect(resource.connections[2].peerDevices.isEmpty)
    }

    @Test("split-brain alpha, plain: both peers collapse to connection:StandAlone lines")
    func splitBrainPlain() throws {
        let resource = try parse("COMPOSED-9-splitbrain-alpha-status-nontty.txt")
        #expect(resource.role == .primary)
        #expect(resource.devices[0].isOpen == true)
        #expect(resource.connections.map(\.state) == [.standAlone, .standAlone])
        #expect(resource.connections.map(\.peerRole) == [.unknown, .unknown])
        #expect(resource.isSplitBrainSuspect)
        #expect(resource.isPrimaryWithDisconnectedPeer)
    }

    @Test("split-brain alpha, verbose: out-of-sync on both StandAlone peers")
    func splitBrainVerbose() throws {
        let resource = try parse("COMPOSED-9-splitbrain-alpha-status-verbose-statistics.txt")
        #expect(resource.connections.map { $0.peerDevices[0].outOfSyncKiB } == [91376, 91376])
        #expect(resource.connections.map { $0.peerDevices[0].replication } == [.off, .off])
        #expect(resource.devices[0].hasQuorum == true)
        #expect(resource.ioSuspended == false)
    }

    @Test("split-brain bravo: StandAlone to alpha, Connected to charlie")
    func splitBrainSurvivor() throws {
        let resource = try parse("COMPOSED-9-splitbrain-bravo-status-verbose-statistics.txt")
        #expect(resource.connection(named: "alpha")?.state == .standAlone)
        #expect(resource.connection(named: "alpha")?.peerDevices[0].outOfSyncKiB == 52100)
        #expect(resource.connection(named: "charlie")?.state == .connected)
        #expect(resource.connection(named: "charlie")?.peerDevices[0].replication == .established)
        #expect(resource.isSplitBrainSuspect)
    }

    @Test("recovery: SyncTarget from bravo at 67.17 % with ETA and speed in the verbose form")
    func recovery() throws {
        let plain = try parse("COMPOSED-9-recovery-alpha-synctarget-status-nontty.txt")
        #expect(plain.connection(named: "bravo")?.peerDevices[0].sync?.percentDone == 67.17)
        #expect(plain.connection(named: "charlie")?.state == .standAlone)
        let verbose = try parse("COMPOSED-9-recovery-alpha-synctarget-verbose-statistics.txt")
        let sync = try #require(verbose.connection(named: "bravo")?.peerDevices[0].sync)
        #expect(sync.percentDone == 67.17)
        #expect(sync.etaSeconds == 6)
        #expect(sync.speedKiBPerSecond == 5120)
        #expect(verbose.outOfSyncKiB(volume: 0) == 91376)
    }

    @Test("no resources, a stray indented line and a bare word are reported, not fatal")
    func oddInput() {
        #expect(DRBDStatusTextParser.parse("# No currently configured DRBD found.\n").status.resources.isEmpty)
        let result = DRBDStatusTextParser.parse("  disk:UpToDate\nr0 role:Secondary bogus\n  disk:Glowing\n")
        #expect(result.problems.map(\.line) == [1, 2])
        #expect(result.status.resources[0].devices[0].disk == .other("Glowing"))
    }
}
