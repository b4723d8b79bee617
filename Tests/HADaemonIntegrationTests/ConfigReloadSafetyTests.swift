import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// A SIGHUP onto a hostile ha.cf must not hold the loop: the peer must not see the node go
/// silent, and the address must not move (issue 10: 70,000 trailing blanks stalled it 4 s).
@Suite(.serialized)
struct ConfigReloadSafetyTests {
    @Test("a SIGHUP onto an ha.cf with 70,000 trailing blanks per line, then onto one of 2 MiB, is answered at once and moves nothing")
    func hostileReloads() async throws {
        let cluster = try NetnsCluster(ClusterSpec(nodes: ["alpha", "bravo"]))
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try cluster.start("bravo")
        try await cluster.waitUntil("the pair settles", timeout: .seconds(8)) { try cluster.serviceAddressHolders() == ["alpha"] && settled(cluster) }
        let path = try cluster.node("alpha").configDirectory + "/ha.cf"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let watcher = try VIPWatcher(cluster: cluster)

        let blanks = String(repeating: " ", count: 70_000)
        // Twelve padded lines: 840 KB, under the 1 MiB a configuration file may have.
        let lines = original.split(separator: "\n")
        let padded = (lines.prefix(12).map { $0 + blanks } + lines.dropFirst(12).map(String.init)).joined(separator: "\n") + "\n"
        var started = SystemClock.now()
        try padded.write(toFile: path, atomically: true, encoding: .utf8)
        try cluster.signal("alpha", SIGHUP)
        try await cluster.waitUntil("alpha reloads", timeout: .seconds(30)) { cluster.log("alpha").contains("Configuration unchanged.") }
        let paddedReload = SystemClock.now() - started

        started = SystemClock.now()
        try (original + String(repeating: "#" + String(repeating: " ", count: 1023) + "\n", count: 2048)).write(
            toFile: path, atomically: true, encoding: .utf8)
        try cluster.signal("alpha", SIGHUP)
        try await cluster.waitUntil("alpha refuses the 2 MiB file", timeout: .seconds(30)) {
            cluster.log("alpha").contains("keeping the running configuration")
        }
        let hugeReload = SystemClock.now() - started
        try await Task.sleep(for: .seconds(1))
        let timeline = watcher.stop()
        print("reload of ha.cf with 70,000 trailing blanks per line: \(paddedReload); of a 2 MiB ha.cf: \(hugeReload)")

        #expect(paddedReload < .milliseconds(500), "\(paddedReload)")
        #expect(hugeReload < .milliseconds(500), "\(hugeReload)")
        #expect(cluster.log("alpha").contains("more than the 1048576 (1 MiB) a configuration file may have"))
        #expect(timeline.segments.allSatisfy { $0.holders == ["alpha"] }, "alpha alone held it throughout: \(timeline.summary)")
        #expect(!cluster.log("bravo").contains("is dead"), "bravo never lost alpha")
        #expect(settled(cluster))
    }
}
