import Foundation
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// A mixed pair left alone: hadaemon alpha and Heartbeat bravo must stay members of one cluster,
/// the address on alpha alone, and neither may refuse a packet of the other, for the whole
/// window. CI runs 30 s; the issue's 10-minute run is
/// `HADAEMON_SOAK_SECONDS=600 swift test --filter MixedClusterSoakTests` (its result is in the
/// README). Checked once a second, so a flap shorter than that could pass unseen: the logs,
/// checked at the end, catch those (a dead node or a late heartbeat is logged on both sides).
@Suite(.serialized)
struct MixedClusterSoakTests {
    static var seconds: Int {
        ProcessInfo.processInfo.environment["HADAEMON_SOAK_SECONDS"].flatMap(Int.init).map { max(5, min($0, 7200)) } ?? 30
    }

    @Test("a mixed pair stays one cluster for the whole window: both active, one holder, no refused packet, no late heartbeat")
    func soak() async throws {
        let mixed = MixedClusterTests()
        let (cluster, bravo) = try await mixed.mixedPair()
        defer { mixed.teardown(cluster, bravo) }
        try await mixed.waitSettled(cluster, bravo, holder: "alpha")
        let alphaLogStart = cluster.log("alpha").count
        let bravoLogStart = cluster.log("bravo").count
        let end = SystemClock.now() + .seconds(Self.seconds)
        var checks = 0
        while SystemClock.now() < end {
            try await Task.sleep(for: .seconds(1))
            checks += 1
            let holders = try cluster.serviceAddressHolders()
            try #require(holders == ["alpha"], "after \(checks) s: holders \(holders)")
            try #require(try mixed.bothActive(cluster, bravo), "after \(checks) s: not both active\n\(cluster.describe())")
        }
        mixed.expectNoRejectedPackets(cluster, bravo)
        let alphaLines = String(cluster.log("alpha").dropFirst(alphaLogStart)).split(separator: "\n")
        let bravoLines = String(cluster.log("bravo").dropFirst(bravoLogStart)).split(separator: "\n")
        let trouble = ["Late heartbeat", "is dead", "hb0 dead", "returning after partition", "ERROR", "CRIT"]
        let badAlpha = alphaLines.filter { line in trouble.contains { line.contains($0) } }
        let badBravo = bravoLines.filter { line in trouble.contains { line.contains($0) } }
        #expect(badAlpha.isEmpty, "hadaemon logged: \(badAlpha.joined(separator: "\n"))")
        #expect(badBravo.isEmpty, "Heartbeat logged: \(badBravo.joined(separator: "\n"))")
        print("mixed soak: \(Self.seconds) s, \(checks) checks, alpha alone held the address, no refused packet, no late heartbeat")
    }
}
