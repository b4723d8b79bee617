import Foundation
import HAProtocol
import HATestSupport
import Testing

/// `auto_failback` in the mixed pair, with each side as the home node: the home node stops
/// cleanly, the peer takes the group, the home node starts again. With `on` the group goes home;
/// with `off` it stays; with `legacy` the returning node asks for its groups back (`ip-request`,
/// spec §4.6.2: "legacy mode always fails groups back to their home node when it starts").
extension MixedClusterTests {
    @Test(
        "auto_failback on, off and legacy, each side the home node: clean stop, takeover, and on return home again or not",
        arguments: [AutoFailback.on, .off, .legacy], ["alpha", "bravo"])
    func autoFailback(mode: AutoFailback, home: String) async throws {
        let (cluster, bravo) = try await mixedPair(home: home, autoFailback: mode)
        defer { teardown(cluster, bravo) }
        let other = home == "alpha" ? "bravo" : "alpha"
        try await waitSettled(cluster, bravo, holder: home)
        try await waitBothStable(cluster, bravo)

        // The failover: a clean stop of the home node.
        if home == "alpha" {
            try await cluster.stop("alpha")
        } else {
            try await bravo.stop(timeout: .seconds(20))
        }
        try await cluster.waitUntil("\(other) alone holds the address", timeout: .seconds(10), poll: .milliseconds(50)) {
            try cluster.serviceAddressHolders() == [other]
        }

        // The return.
        let watcher = try VIPWatcher(cluster: cluster)
        if home == "alpha" {
            try cluster.start("alpha")
        } else {
            try bravo.start()
        }
        try await cluster.waitUntil("both active again", timeout: .seconds(30), poll: .milliseconds(100)) {
            try bothActive(cluster, bravo)
        }
        switch mode {
        case .on, .legacy:
            try await cluster.waitUntil("the group is home on \(home), both stable", timeout: .seconds(20), poll: .milliseconds(100)) {
                try cluster.serviceAddressHolders() == [home] && bothStable(cluster, bravo)
            }
        case .off:
            try await waitBothStable(cluster, bravo)
            // Longer than a failback takes (Heartbeat's: 1.4–2.9 s with these timers, observed §3).
            try await Task.sleep(for: .seconds(4))
            #expect(try cluster.serviceAddressHolders() == [other])
            #expect(watcher.timeline.segments.allSatisfy { $0.holders == [other] }, "the group moved: \(watcher.timeline.summary)")
        }
        let timeline = watcher.stop()
        #expect(timeline.multipleHolderIntervals.isEmpty, "\(timeline.summary)")
        #expect(cluster.isRunning("alpha") && bravo.isRunning)
        expectNoRejectedPackets(cluster, bravo)
    }
}
