import HAHost
import HAProtocol
import HATestSupport

/// The comparison's scenarios, written once for all three implementations. Each runs on a
/// settled pair with alpha holding the address and returns its figures in milliseconds.
extension ComparedPair {
    /// Runs `scenario` and returns its figures.
    func measure(_ scenario: Scenario, healWindow: Duration) async throws -> [CompareFigure: Double] {
        switch scenario {
        case .kill: try await measureKill()
        case .cut: try await measureCut()
        case .stop: try await measureStop()
        case .failback: try await measureFailback()
        case .heal: try await measureHeal(window: healWindow)
        case .idle, .killFenced, .killFencedDelayed: [:]
        }
    }

    /// SIGKILL of alpha's daemon → the address up on bravo.
    func measureKill() async throws -> [CompareFigure: Double] {
        try await randomPhase()
        let killed = try crash("alpha")
        try await waitFor("bravo takes over after the kill", timeout: takeoverTimeout) { watcher.holders.contains("bravo") }
        return [.killTakeover: (try firstTime("bravo", holds: true, after: killed) - killed).fractionalMilliseconds]
    }

    /// bravo cut, then alpha → the address up on bravo, from the moment bravo's rule is in place.
    func measureCut() async throws -> [CompareFigure: Double] {
        try await randomPhase()
        let cutting = SystemClock.now()
        try cut("bravo")
        let cut = SystemClock.now()
        try self.cut("alpha")
        try await waitFor("bravo takes over after the cut", timeout: takeoverTimeout) { watcher.holders.contains("bravo") }
        return [.cutTakeover: (try firstTime("bravo", holds: true, after: cutting) - cut).fractionalMilliseconds]
    }

    /// SIGTERM to alpha → the address up on bravo, the longest time with no holder, and how long
    /// alpha's daemon took to exit.
    func measureStop() async throws -> [CompareFigure: Double] {
        try await randomPhase()
        let (signalled, exited) = try await stop("alpha")
        try await waitFor("bravo alone holds the address after the stop", timeout: .seconds(10)) { watcher.holders == ["bravo"] }
        // Long enough for a late gap or double holding to show.
        try await Task.sleep(for: .milliseconds(50))
        return [
            .stopTakeover: (try firstTime("bravo", holds: true, after: signalled) - signalled).fractionalMilliseconds,
            .stopNoHolder: longestNoHolder(after: signalled).fractionalMilliseconds,
            .stopExit: (exited - signalled).fractionalMilliseconds,
        ]
    }

    /// alpha killed; once bravo holds the address alone and is stable (alpha reset as a reboot
    /// would), alpha is started again → the address back on alpha, and the longest time with no
    /// holder while it moves.
    func measureFailback() async throws -> [CompareFigure: Double] {
        _ = try crash("alpha")
        try await waitFor("bravo takes over after the kill", timeout: takeoverTimeout) { watcher.holders.contains("bravo") }
        try resetAfterCrash("alpha")
        try await waitFor("bravo alone holds the address, stable", timeout: .seconds(20), poll: .milliseconds(50)) {
            watcher.holders == ["bravo"] && isStable("bravo")
        }
        try await Task.sleep(for: profile.keepalive * 2)
        try await randomPhase()
        let started = try restart("alpha")
        try await waitFor("alpha has the address back", timeout: profile.initdead + .seconds(30), poll: .milliseconds(2)) {
            watcher.holders == ["alpha"]
        }
        try await Task.sleep(for: .milliseconds(50))
        return [
            .failbackReturn: (try firstTime("alpha", holds: true, after: started) - started).fractionalMilliseconds,
            .failbackNoHolder: longestNoHolder(after: started).fractionalMilliseconds,
        ]
    }

    /// Both nodes cut until both hold the address (a split brain), then both rules removed →
    /// the longest time with no holder from the heal command on, and how long both still held
    /// it after the heal was in place. The pair is watched until one node has held the address
    /// alone for `quiet` (Heartbeat restarts both nodes first, about 18–29 s), at most `window`.
    func measureHeal(window: Duration, quiet: Duration = .seconds(2)) async throws -> [CompareFigure: Double] {
        try cut("alpha")
        try cut("bravo")
        try await waitFor("both hold the address", timeout: takeoverTimeout) { watcher.holders == ["alpha", "bravo"] }
        try await waitFor("both stable", timeout: .seconds(10), poll: .milliseconds(50)) { isStable("alpha") && isStable("bravo") }
        try await Task.sleep(for: profile.keepalive * 2)
        try await randomPhase()
        let healing = SystemClock.now()
        try healAll()
        let healed = SystemClock.now()
        try await waitFor("one holder for \(quiet) after the heal", timeout: window, poll: .milliseconds(10)) {
            guard let last = watcher.timeline.segments.last, last.holders.count == 1 else { return false }
            return SystemClock.now() - max(last.from, healed) >= quiet
        }
        let single = watcher.timeline.segments.first { $0.from >= healing && $0.holders.count <= 1 }
        guard let single else {
            throw BenchError.missingTransition("\(implementation.rawValue): a single holder after the heal", timeline: watcher.timeline.summary)
        }
        return [
            .healNoHolder: longestNoHolder(after: healing).fractionalMilliseconds,
            .healDoubleHolding: max(0, (single.from - healed).fractionalMilliseconds),
        ]
    }
}
