import HAProtocol
import Testing

@Suite struct DRBDProcParserTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String
        var minor: Int
        var connection: DRBDConnectionState
        var replication: DRBDReplicationState
        var role: DRBDRole
        var peerRole: DRBDRole
        var disk: DRBDDiskState
        var peerDisk: DRBDDiskState
        var outOfSyncKiB: UInt64?
        var testDescription: String { file }
    }

    static let samples: [Expected] = [
        .init(
            file: "8.0-connected-primary-st-field-svn.txt", minor: 0, connection: .connected, replication: .established, role: .primary,
            peerRole: .secondary, disk: .upToDate, peerDisk: .upToDate, outOfSyncKiB: nil),
        .init(
            file: "8.3-connected-primary.txt", minor: 0, connection: .connected, replication: .established, role: .primary, peerRole: .secondary,
            disk: .upToDate, peerDisk: .upToDate, outOfSyncKiB: 0),
        .init(
            file: "8.3-syncsource-M-units-delay-probe.txt", minor: 0, connection: .connected, replication: .syncSource, role: .primary,
            peerRole: .secondary, disk: .upToDate, peerDisk: .inconsistent, outOfSyncKiB: 301_729_988),
        .init(
            file: "8.3-syncsource-stalled.txt", minor: 0, connection: .connected, replication: .syncSource, role: .primary, peerRole: .secondary,
            disk: .upToDate, peerDisk: .inconsistent, outOfSyncKiB: 523_171_100),
        .init(
            file: "8.4-healthy-primary.txt", minor: 0, connection: .connected, replication: .established, role: .primary, peerRole: .secondary,
            disk: .upToDate, peerDisk: .upToDate, outOfSyncKiB: 0),
        .init(
            file: "8.4-healthy-secondary.txt", minor: 0, connection: .connected, replication: .established, role: .secondary, peerRole: .primary,
            disk: .upToDate, peerDisk: .upToDate, outOfSyncKiB: 0),
        .init(
            file: "8.4-inconsistent-wfconnection-nodeA.txt", minor: 1, connection: .wfConnection, replication: .off, role: .secondary,
            peerRole: .unknown, disk: .inconsistent, peerDisk: .dUnknown, outOfSyncKiB: 40_448_704),
        .init(
            file: "8.4-splitbrain-nodeA-standalone-secondary.txt", minor: 0, connection: .standAlone, replication: .off, role: .secondary,
            peerRole: .unknown, disk: .upToDate, peerDisk: .dUnknown, outOfSyncKiB: 76),
        .init(
            file: "8.4-splitbrain-nodeB-standalone-primary.txt", minor: 0, connection: .standAlone, replication: .off, role: .primary,
            peerRole: .unknown, disk: .upToDate, peerDisk: .dUnknown, outOfSyncKiB: 100),
        .init(
            file: "8.4-srcversion-dual-primary-node-exporter.txt", minor: 1, connection: .connected, replication: .established, role: .primary,
            peerRole: .primary, disk: .upToDate, peerDisk: .upToDate, outOfSyncKiB: 12349),
        .init(
            file: "8.4-standalone-primary-peer-inconsistent-nodeB.txt", minor: 1, connection: .standAlone, replication: .off, role: .primary,
            peerRole: .unknown, disk: .upToDate, peerDisk: .inconsistent, outOfSyncKiB: 40_448_716),
        .init(
            file: "8.4-syncsource-progress.txt", minor: 0, connection: .connected, replication: .syncSource, role: .primary, peerRole: .secondary,
            disk: .upToDate, peerDisk: .inconsistent, outOfSyncKiB: 1_121_600),
        .init(
            file: "8.4-synctarget-progress.txt", minor: 0, connection: .connected, replication: .syncTarget, role: .secondary, peerRole: .primary,
            disk: .inconsistent, peerDisk: .upToDate, outOfSyncKiB: 1_670_512),
        .init(
            file: "8.4-wfconnection-primary-unknown.txt", minor: 0, connection: .wfConnection, replication: .off, role: .primary, peerRole: .unknown,
            disk: .upToDate, peerDisk: .dUnknown, outOfSyncKiB: 361_540),
        .init(
            file: "8.4-wfconnection-secondary-unknown.txt", minor: 0, connection: .wfConnection, replication: .off, role: .secondary,
            peerRole: .unknown, disk: .upToDate, peerDisk: .dUnknown, outOfSyncKiB: 0),
        .init(
            file: "9.1-debugfs-peer-device-proc_drbd.txt", minor: 0, connection: .connected, replication: .established, role: .secondary,
            peerRole: .primary, disk: .upToDate, peerDisk: .upToDate, outOfSyncKiB: 0),
        .init(
            file: "COMPOSED-8.4-diskless-primary-after-io-error.txt", minor: 0, connection: .connected, replication: .established, role: .primary,
            peerRole: .secondary, disk: .diskless, peerDisk: .upToDate, outOfSyncKiB: 0),
        .init(
            file: "COMPOSED-8.4-splitbrain-both-primary-nodeA.txt", minor: 0, connection: .standAlone, replication: .off, role: .primary,
            peerRole: .unknown, disk: .upToDate, peerDisk: .dUnknown, outOfSyncKiB: 138_452),
    ]

    @Test("each single-minor /proc/drbd sample gives its roles, states and out-of-sync amount", arguments: samples)
    func singleMinorSample(_ expected: Expected) throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/\(expected.file)"))
        #expect(result.problems.isEmpty)
        let resource = try #require(result.status.resources.first)
        #expect(result.status.resources.count == 1)
        #expect(resource.name == "drbd\(expected.minor)")
        #expect(resource.role == expected.role)
        #expect(resource.devices.first?.minor == expected.minor)
        #expect(resource.devices.first?.disk == expected.disk)
        let connection = try #require(resource.connections.first)
        #expect(connection.name == nil)
        #expect(connection.state == expected.connection)
        #expect(connection.peerRole == expected.peerRole)
        let peer = try #require(connection.peerDevices.first)
        #expect(peer.replication == expected.replication)
        #expect(peer.peerDisk == expected.peerDisk)
        #expect(peer.outOfSyncKiB == expected.outOfSyncKiB)
    }

    @Test("8.4 SyncSource progress gives percent, remaining and total KiB, ETA and both speeds")
    func syncSourceProgress() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.4-syncsource-progress.txt"))
        let sync = try #require(result.status.resources[0].connections[0].peerDevices[0].sync)
        #expect(
            sync
                == DRBDSyncProgress(
                    percentDone: 57.3, remainingKiB: 1_121_600, totalKiB: 2_613_068, etaSeconds: 32, speedKiBPerSecond: 34328,
                    averageKiBPerSecond: 21304))
        #expect(result.status.module?.release == "8.4.0")
        #expect(result.status.module?.build?.hasPrefix("GIT-hash: 28753f559ab51b549d16bcf487fe625d5919c49c") == true)
    }

    @Test("8.4 SyncTarget progress reads the want: rate")
    func syncTargetWant() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.4-synctarget-progress.txt"))
        let sync = try #require(result.status.resources[0].connections[0].peerDevices[0].sync)
        #expect(sync.percentDone == 36.3)
        #expect(sync.etaSeconds == 47)
        #expect(sync.speedKiBPerSecond == 35152)
        #expect(sync.averageKiBPerSecond == 18124)
        #expect(sync.wantKiBPerSecond == 44520)
        #expect(result.status.resources[0].connections[0].replicationProtocol == "C")
    }

    @Test("8.3 progress in M units is converted to KiB and the trailing delay_probe is ignored")
    func megabyteUnits() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.3-syncsource-M-units-delay-probe.txt"))
        let sync = try #require(result.status.resources[0].connections[0].peerDevices[0].sync)
        #expect(sync.percentDone == 42.4)
        #expect(sync.remainingKiB == 294_656 * 1024)
        #expect(sync.totalKiB == 510_908 * 1024)
        #expect(sync.etaSeconds == 1 * 3600 + 23 * 60 + 28)
        #expect(sync.speedKiBPerSecond == 60172)
        #expect(result.status.resources[0].devices[0].flags == "r----")
        #expect(result.status.module?.protocolMin == 86)
        #expect(result.status.module?.protocolMax == 94)
        #expect(result.status.module?.api == 88)
    }

    @Test("an 8.3 stalled line marks the resync stalled with no ETA")
    func stalled() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.3-syncsource-stalled.txt"))
        let sync = try #require(result.status.resources[0].connections[0].peerDevices[0].sync)
        #expect(sync.isStalled)
        #expect(sync.percentDone == 0.1)
        #expect(sync.etaSeconds == nil)
        #expect(sync.remainingKiB == sync.totalKiB)
    }

    @Test("8.0 reads st: as the role field, the single protocol number and the SVN build line")
    func drbd80() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.0-connected-primary-st-field-svn.txt"))
        let module = try #require(result.status.module)
        #expect(module.release == "8.0.4")
        #expect(module.api == 86)
        #expect(module.protocolMin == 86 && module.protocolMax == 86)
        #expect(module.build == "SVN Revision: 2947 build by root@drbd-one, 2007-07-30 16:43:05")
        #expect(result.status.resources[0].devices[0].flags == "r---")
        #expect(result.status.resources[0].devices[0].readKiB == 2_076_641)
        #expect(result.status.resources[0].connections[0].peerDevices[0].sentKiB == 2_175_704)
    }

    @Test("the user guide's three minors come out as three resources despite inconsistent flag widths")
    func multipleMinors() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.4-multiple-minors-ug.txt"))
        #expect(result.problems.isEmpty)
        #expect(result.status.resources.map(\.name) == ["drbd0", "drbd1", "drbd2"])
        #expect(result.status.resources.map(\.role) == [.secondary, .primary, .secondary])
        #expect(result.status.resources.map { $0.devices[0].flags } == ["r-----", "r---", "r---"])
    }

    @Test("a StandAlone minor has no protocol letter and the caller may name minors")
    func standAloneBlankProtocolAndNames() throws {
        let text = try DRBDFixture.text("proc-drbd/8.4-splitbrain-nodeB-standalone-primary.txt")
        let result = DRBDProcParser.parse(text, resourceNames: [0: "r0"])
        #expect(result.status.resources[0].name == "r0")
        #expect(result.status.resources[0].connections[0].replicationProtocol == nil)
        #expect(result.status.resources[0].ioSuspended == false)
    }

    @Test("the in-kernel srcversion line is kept as the build, trimmed")
    func srcversion() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/8.4-srcversion-dual-primary-node-exporter.txt"))
        #expect(result.status.module?.build == "srcversion: 1A9F77B1CA5FF92235C2213")
        #expect(result.status.resources[0].writeOrdering == "d")
    }

    @Test("DRBD 9 /proc/drbd gives the module and transports but no resources")
    func drbd9VersionOnly() throws {
        let result = DRBDProcParser.parse(try DRBDFixture.text("proc-drbd/9.1-version-only.txt"))
        let module = try #require(result.status.module)
        #expect(module.major == 9 && module.minor == 1 && module.patch == 22)
        #expect(module.api == 2)
        #expect(module.protocolMax == 121)
        #expect(module.transports == "tcp (9.1.22)")
        #expect(!module.listsResourcesInProc)
        #expect(result.status.resources.isEmpty)
        #expect(result.problems.isEmpty)
    }

    @Test("a 9.x compat-8.4 /proc/drbd is read like 8.4, with Unconfigured minors and unknown words kept")
    func compat84AndUnconfigured() throws {
        let text = """
            version: 9.3.0 (api:2/proto:118-124) (compat 8.4)
            GIT-hash: 0123456789abcdef0123456789abcdef01234567 reproducible build, 2025-09-01 10:00:00
             0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----
                ns:0 nr:0 dw:8 dr:100 al:1 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:8
             1: cs:Unconfigured
            147: cs:Hovering ro:Primary/Puzzled ds:Shiny/UpToDate B s--u--
            \t[>....................] verified:  0.1% (1000/1000)K
            \tfinish: ∞ speed: -5 (1 -- 2) K/sec (stalled)
            """
        let result = DRBDProcParser.parse(text)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.status.module?.isCompat84 == true)
        #expect(result.status.module?.listsResourcesInProc == true)
        #expect(result.status.module?.build?.contains("reproducible build") == true)
        let unconfigured = result.status.resources[1]
        #expect(unconfigured.connections[0].state == .unconfigured)
        #expect(unconfigured.devices[0].disk == .diskless)
        let odd = result.status.resources[2]
        #expect(odd.name == "drbd147")
        #expect(odd.connections[0].state == .other("Hovering"))
        #expect(odd.connections[0].peerRole == .other("Puzzled"))
        #expect(odd.devices[0].disk == .other("Shiny"))
        #expect(odd.ioSuspended == true)
        #expect(odd.connections[0].peerDevices[0].resyncSuspendedReasons == ["user"])
        let sync = try #require(odd.connections[0].peerDevices[0].sync)
        #expect(sync.isVerify && sync.isStalled)
        #expect(sync.etaSeconds == nil)
        #expect(sync.speedKiBPerSecond == -5)
        #expect(sync.averageKiBPerSecond == 2)
    }

    @Test("garbage lines are reported with their line numbers and the rest still parses")
    func problemsAreCollected() {
        let text =
            "version: 8.4.0 (api:1/proto:86-100)\nhello world\n 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r----- zap\n    ns:x oos:5\n\tbogus stuff here"
        let result = DRBDProcParser.parse(text)
        #expect(result.problems.map(\.line) == [2, 3, 4, 5])
        #expect(result.problems[0].description == "line 2: unrecognised line: \"hello world\"")
        #expect(result.status.resources[0].connections[0].peerDevices[0].outOfSyncKiB == 5)
    }
}
