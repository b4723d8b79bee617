import Foundation
import Glibc
import HAProtocol
import HATestSupport
import Testing

/// Resource scripts that hang, on real daemons with real scripts (issue 10).
@Suite(.serialized)
struct ResourceHangTests {
    @Test("a stop that hangs is an alert while it hangs, and the group is never handed to the peer while it may still run")
    func hungStopIsNotHandedOver() async throws {
        let cluster = try await startedPair { spec in
            spec.installsFlakyScript = true
            spec.groups = [GroupSpec(node: "alpha", resources: ["IPaddr2::\(NetnsCluster.serviceAddress)/24/hb0", "flaky"])]
            spec.daemon = try builtDaemon(adding: ["--script-timeout", "2"])
        }
        defer { cluster.shutdown() }
        // From now on flaky's stop hangs, as on a dead NFS mount.
        let flag = try cluster.node("alpha").resourceStateDirectory + "/flaky-hang-stop"
        #expect(FileManager.default.createFile(atPath: flag, contents: nil))
        try cluster.signal("alpha", SIGTERM)
        try await cluster.waitUntil("alpha shows its stop hanging", timeout: .seconds(4)) {
            snapshot(cluster, "alpha")?.alerts.contains { $0.message.contains("stop on alpha has run") && $0.message.contains("may be hung") } == true
        }
        var bravoHeld = false
        try await cluster.waitUntil("alpha gives up stopping and stays", timeout: .seconds(15)) {
            bravoHeld = try bravoHeld || cluster.holdsServiceAddress("bravo")
            return cluster.log("alpha").contains("Shutdown halted")
        }
        for _ in 0..<10 {
            bravoHeld = try bravoHeld || cluster.holdsServiceAddress("bravo")
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = cluster.log("alpha")
        #expect(log.contains("it may still be running"))
        #expect(!bravoHeld, "bravo never takes the address while alpha's group may still run")
        #expect(cluster.isRunning("alpha"), "alpha stays in the cluster")
        let seen = try #require(snapshot(cluster, "bravo"))
        #expect(seen.node("alpha")?.status != .dead)
        let group = try #require(snapshot(cluster, "alpha")?.groups.first)
        #expect(group.state == .failed && group.lastError != nil, "\(group)")
    }
}
