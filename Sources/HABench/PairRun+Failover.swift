import Glibc
import HAHost
import HAProtocol
import HATestSupport

extension PairRun {
    /// SIGKILL of alpha's daemon and process group → the address up on bravo.
    func measureKill() async throws -> [Measure: Double] {
        try await randomPhase()
        let killed = SystemClock.now()
        try cluster.kill("alpha")
        try await waitFor("bravo takes over", timeout: profile.deadtime + .seconds(5)) { watcher.holders.contains("bravo") }
        let took = try firstTime("bravo", holds: true, after: killed).fractionalMilliseconds
        return [.killTakeover: took, .killBeyondDeadtime: took - Double(profile.deadtimeMS)]
    }

    /// udp/694 dropped in bravo's INPUT, then in alpha's → the address up on bravo, timed from
    /// the moment bravo's rule is in place (its `iptables` command has returned): from then on
    /// bravo hears nothing. The command's own time is reported apart.
    func measureCut() async throws -> [Measure: Double] {
        try await randomPhase()
        let cutting = SystemClock.now()
        try cluster.cut("bravo")
        let cut = SystemClock.now()
        try cluster.cut("alpha")
        try await waitFor("bravo takes over", timeout: profile.deadtime + .seconds(5)) { watcher.holders.contains("bravo") }
        let took = try firstTime("bravo", holds: true, after: cutting, from: cut).fractionalMilliseconds
        return [.cutTakeover: took, .cutCommand: (cut - cutting).fractionalMilliseconds]
    }

    /// SIGTERM to alpha's daemon → the address up on bravo; how long the daemon took to exit,
    /// and how long after the address left alpha; the longest time with no holder.
    func measureStop() async throws -> [Measure: Double] {
        try await randomPhase()
        let stopping = SystemClock.now()
        let exited = try await cluster.stop("alpha", timeout: .seconds(10))
        try await waitFor("bravo takes over", timeout: .seconds(5)) { watcher.holders == ["bravo"] }
        // Long enough for a late gap or double holding to show.
        try await Task.sleep(for: .milliseconds(50))
        let onBravo = try firstTime("bravo", holds: true, after: stopping)
        let released = try firstTime("alpha", holds: false, after: stopping)
        return [
            .stopTakeover: onBravo.fractionalMilliseconds, .stopExit: exited.fractionalMilliseconds,
            .stopExitAfterRelease: (exited - released).fractionalMilliseconds,
            .stopNoHolder: longestNoHolder(after: stopping).fractionalMilliseconds,
        ]
    }
}
