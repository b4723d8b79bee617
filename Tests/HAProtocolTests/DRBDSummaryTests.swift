import HAFixtures
import HAProtocol
import Testing

@Suite struct DRBDSummaryTests {
    static let bravo = DRBDStatus(resources: [
        DRBDResource(
            name: "r0", role: .primary, ioSuspended: false,
            devices: [DRBDDevice(volume: 0, minor: 0, disk: .upToDate, hasQuorum: true)],
            connections: [
                DRBDConnection(
                    name: "alpha", peerNodeID: 0, state: .standAlone, peerRole: .unknown, splitBrainReported: true,
                    peerDevices: [DRBDPeerDevice(volume: 0, replication: .off, peerDisk: .dUnknown, outOfSyncKiB: 52100)]),
                DRBDConnection(
                    name: "charlie", peerNodeID: 2, state: .connected, peerRole: .secondary,
                    peerDevices: [
                        DRBDPeerDevice(
                            volume: 0, replication: .syncSource, peerDisk: .inconsistent, outOfSyncKiB: 30000,
                            sync: DRBDSyncProgress(percentDone: 67.17, remainingKiB: 30000, totalKiB: 91376, etaSeconds: 6, speedKiBPerSecond: 5120))
                    ]),
            ])
    ])

    @Test("the summary reads as designed and decodes to the same status")
    func designedForm() throws {
        let summary = Self.bravo.summary
        #expect(
            summary
                == "r0:Primary:s0|v0:UpToDate:m0:q1|@alpha:StandAlone:Unknown:n0:!/0:Off:DUnknown:o52100|@charlie:Connected:Secondary:n2/0:SyncSource:Inconsistent:o30000:y:p67.17:r30000:t91376:e6:s5120"
        )
        #expect(try DRBDStatus(summary: summary) == Self.bravo)
    }

    @Test("names and unknown states with separators, spaces and non-ASCII are escaped and come back")
    func escaping() throws {
        let status = DRBDStatus(resources: [
            DRBDResource(
                name: "a;b|c:d/e@f,g=h i\nj\0k%~ü", role: .other("Prim ary"), connections: [DRBDConnection(name: nil), DRBDConnection(name: "")]),
            DRBDResource(name: ""),
        ])
        let summary = status.summary
        for forbidden in [",", "=", " ", "\n", "\0"] { #expect(!summary.contains(forbidden)) }
        #expect(try DRBDStatus(summary: summary) == status)
        #expect(try DRBDStatus(summary: "") == DRBDStatus())
    }

    @Test("every sample's summary decodes and re-encodes to the same text")
    func samplesRoundTrip() throws {
        for path in try DRBDFixture.all() where !path.hasPrefix("kernel-log") {
            let summary = try DRBDFixture.parse(path).status.summary
            #expect(try DRBDStatus(summary: summary).summary == summary, "\(path)")
        }
    }

    @Test(
        "malformed summaries throw a problem naming the part",
        arguments: [
            "r0", "r0:Primary:zz", "r0:Primary|x", "r0:Primary|vX:UpToDate", "r0:Primary|v0:UpToDate:k1",
            "r0:Primary|@p:Connected", "r0:Primary|@p:Connected:Secondary:?", "r0:Primary|@p:C:S/0:Off",
            "r0:Primary|@p:C:S/0:Off:UpToDate:pnan", "r0:Primary|@p:C:S/0:Off:UpToDate:q", "r%G0:Primary", "r 0:Primary",
            "r%C3:Primary",
        ])
    func malformed(_ text: String) {
        #expect(throws: DRBDParseProblem.self) { try DRBDStatus(summary: text) }
    }

    @Test("thousands of random statuses survive encode then decode unchanged")
    func randomRoundTrip() throws {
        var rng = SeededGenerator(seed: 0xD4BD_5EED)
        for _ in 0..<1500 {
            let status = DRBDRandomModel.status(&rng)
            let summary = status.summary
            #expect(!summary.contains(",") && !summary.contains("\n") && !summary.contains("\0"))
            let decoded = try DRBDStatus(summary: summary)
            #expect(decoded == status, "\(summary)")
        }
    }
}

/// Random statuses holding only what a summary carries.
enum DRBDRandomModel {
    static let alphabet = Array("ab01;|:/@%~,= \n\u{0}ü-._+!")

    static func text(_ rng: inout SeededGenerator) -> String {
        Fuzz.text(&rng, alphabet: alphabet, maxLength: 6)
    }

    static func pick<T: DRBDStateName>(_ rng: inout SeededGenerator, _ type: T.Type) -> T {
        Bool.random(using: &rng) ? T.knownStates.randomElement(using: &rng)! : T.other(text(&rng))
    }

    static func maybe<T>(_ rng: inout SeededGenerator, _ make: (inout SeededGenerator) -> T) -> T? {
        Bool.random(using: &rng) ? make(&rng) : nil
    }

    static func status(_ rng: inout SeededGenerator) -> DRBDStatus {
        var status = DRBDStatus()
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            var resource = DRBDResource(name: text(&rng), role: pick(&rng, DRBDRole.self))
            resource.ioSuspended = maybe(&rng) { Bool.random(using: &$0) }
            for volume in 0..<Int.random(in: 0...2, using: &rng) {
                resource.devices.append(
                    DRBDDevice(
                        volume: volume, minor: maybe(&rng) { Int.random(in: -5...100_000, using: &$0) }, disk: pick(&rng, DRBDDiskState.self),
                        isClient: maybe(&rng) { Bool.random(using: &$0) }, hasQuorum: maybe(&rng) { Bool.random(using: &$0) }))
            }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                var connection = DRBDConnection(
                    name: maybe(&rng) { text(&$0) }, peerNodeID: maybe(&rng) { Int.random(in: 0...31, using: &$0) },
                    state: pick(&rng, DRBDConnectionState.self), peerRole: pick(&rng, DRBDRole.self),
                    splitBrainReported: Bool.random(using: &rng))
                for volume in 0..<Int.random(in: 0...2, using: &rng) {
                    var peer = DRBDPeerDevice(
                        volume: volume, replication: pick(&rng, DRBDReplicationState.self), peerDisk: pick(&rng, DRBDDiskState.self),
                        outOfSyncKiB: maybe(&rng) { UInt64.random(in: 0...UInt64.max, using: &$0) })
                    peer.sync = maybe(&rng) { rng in
                        DRBDSyncProgress(
                            percentDone: maybe(&rng) { Double.random(in: -1...101, using: &$0) },
                            remainingKiB: maybe(&rng) { UInt64.random(in: 0...1 << 40, using: &$0) },
                            totalKiB: maybe(&rng) { UInt64.random(in: 0...1 << 40, using: &$0) },
                            etaSeconds: maybe(&rng) { Int.random(in: 0...1_000_000, using: &$0) },
                            speedKiBPerSecond: maybe(&rng) { Int.random(in: -10...1_000_000, using: &$0) },
                            averageKiBPerSecond: maybe(&rng) { Int.random(in: 0...1_000_000, using: &$0) },
                            wantKiBPerSecond: maybe(&rng) { Int.random(in: 0...1_000_000, using: &$0) },
                            isStalled: Bool.random(using: &rng), isVerify: Bool.random(using: &rng))
                    }
                    connection.peerDevices.append(peer)
                }
                resource.connections.append(connection)
            }
            status.resources.append(resource)
        }
        return status
    }
}

@Suite struct DRBDSummaryNamespaceTests {
    @Test("DRBDSummary encodes and decodes like DRBDStatus")
    func forwards() throws {
        let text = DRBDSummary.encode(DRBDSummaryTests.bravo)
        #expect(text == DRBDSummaryTests.bravo.summary)
        #expect(try DRBDSummary.decode(text) == DRBDSummaryTests.bravo)
    }
}
