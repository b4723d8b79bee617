import HAHost
import HAProtocol
import HATestSupport

extension PairRun {
    /// alpha killed; once bravo holds the address alone and is stable (alpha's stale address
    /// removed, as a reboot would), alpha is started again → the address back on alpha, and the
    /// longest time with no holder while it moves.
    func measureFailback() async throws -> [Measure: Double] {
        try cluster.kill("alpha")
        try await waitFor("bravo takes over", timeout: profile.deadtime + .seconds(5)) { watcher.holders.contains("bravo") }
        _ = try cluster.run(in: "alpha", ["ip", "addr", "del", "\(NetnsCluster.serviceAddress)/24", "dev", NetnsCluster.interface])
        try await waitFor("bravo alone holds the address, stable", timeout: .seconds(10)) { watcher.holders == ["bravo"] && isStable("bravo") }
        try await Task.sleep(for: profile.keepalive * 2)
        try await randomPhase()
        let started = SystemClock.now()
        try cluster.start("alpha")
        try await waitFor("alpha has the address back", timeout: profile.initdead + .seconds(10)) { watcher.holders == ["alpha"] }
        try await Task.sleep(for: .milliseconds(50))
        return [
            .failbackReturn: try firstTime("alpha", holds: true, after: started).fractionalMilliseconds,
            .failbackNoHolder: longestNoHolder(after: started).fractionalMilliseconds,
        ]
    }

    /// Both nodes cut until both hold the address (a split brain), then both INPUT rules
    /// removed → the longest time with no holder from the heal command on (target 0), and how
    /// long both still held it after the heal was in place.
    func measureHeal() async throws -> [Measure: Double] {
        try cluster.cutAll()
        try await waitFor("both hold the address", timeout: profile.deadtime + .seconds(5)) { watcher.holders == ["alpha", "bravo"] }
        try await waitFor("both stable", timeout: .seconds(10)) { isStable("alpha") && isStable("bravo") }
        try await Task.sleep(for: profile.keepalive * 2)
        try await randomPhase()
        let healing = SystemClock.now()
        try cluster.healAll()
        let healed = SystemClock.now()
        try await waitFor("one holder", timeout: profile.deadtime * 2 + .seconds(10)) { watcher.holders.count == 1 }
        // Two keepalives more: a late release or re-acquisition would show here.
        try await Task.sleep(for: profile.keepalive * 2 + .milliseconds(50))
        let single = watcher.timeline.segments.first { $0.from >= healing && $0.holders.count <= 1 }
        guard let single else { throw BenchError.missingTransition("a single holder after the heal", timeline: watcher.timeline.summary) }
        return [
            .healNoHolder: longestNoHolder(after: healing).fractionalMilliseconds,
            .healDoubleHolding: max(0, (single.from - healed).fractionalMilliseconds),
        ]
    }
}
