import Foundation
import HAProtocol
import HATestSupport
import Testing

/// The daemon's cross-node DRBD summary on a DRBD 9 node, with no DRBD flags: alpha's hadaemon
/// runs in the DRBD 9 view of ``ConsoleDRBD9TmuxTests/drbd9Node(_:drbdsetup:)`` (`/proc/drbd`
/// holding only the version lines, a stand-in `drbdsetup` on the PATH that prints r0 StandAlone
/// and r1 Connected); bravo, a plain node, must see both resources in alpha's heartbeats.
@Suite(.serialized)
struct DaemonDRBD9SummaryTests {
    @Test("hadaemon with no DRBD flags on a DRBD 9 node reads drbdsetup status: its peer sees r0 StandAlone and r1 in its summary")
    func summaryFromDrbdsetup() async throws {
        let scratch = try ConsoleResponsivenessTmuxTests.Scratch()
        defer { scratch.close() }
        let node = try ConsoleDRBD9TmuxTests.drbd9Node(scratch, drbdsetup: try ConsoleDRBD9TmuxTests.printsTwoResources(scratch))
        let cluster = try NetnsCluster(ClusterSpec(nodes: ["alpha", "bravo"]))
        defer { cluster.shutdown() }
        let plain = DaemonCommand.hadaemon(at: try NetnsCluster.builtDaemon().executable)
        let onDRBD9 = DaemonCommand(executable: "/usr/bin/unshare") { spec in
            ["--mount", "--propagation", "private", node, plain.executable] + plain.arguments(spec)
        }
        try cluster.start("alpha", command: onDRBD9)
        try cluster.start("bravo")
        try await cluster.waitUntil("bravo sees alpha's DRBD summary with r0 and r1", timeout: .seconds(15)) {
            Self.alphaDRBD(cluster)?.resources.map(\.name) == ["r0", "r1"]
        }
        let resources = try #require(Self.alphaDRBD(cluster)?.resources)
        #expect(resources[0].connections.first?.state == .standAlone, "\(resources[0])")
        #expect(resources[1].connections.first?.state == .connected, "\(resources[1])")
        #expect((resources[0].outOfSyncKiB(volume: 0) ?? 0) > 0, "\(resources[0])")
    }

    /// Alpha's DRBD state as bravo's daemon decodes it from alpha's heartbeats.
    static func alphaDRBD(_ cluster: NetnsCluster) -> DRBDStatus? {
        let summary = cluster.snapshot("bravo")?.nodes.first { $0.name == "alpha" }?.drbd
        return summary.flatMap { try? DRBDSummary.decode($0) }
    }
}
