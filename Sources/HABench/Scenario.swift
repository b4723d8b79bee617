import ArgumentParser

/// What the benchmark does to a settled pair (alpha, the home node, holding 192.0.2.100).
enum Scenario: String, CaseIterable, Sendable, Codable, ExpressibleByArgument {
    /// SIGKILL of alpha's daemon (and its process group): a crash.
    case kill
    /// udp/694 dropped in INPUT on both nodes: the heartbeat link is cut.
    case cut
    /// SIGTERM to alpha's daemon: a clean stop.
    case stop
    /// alpha killed, bravo takes over, alpha restarted with `auto_failback on`.
    case failback
    /// Both nodes cut until both hold the address, then the cut is healed.
    case heal
    /// A settled pair with the 1 s profile left alone: memory and CPU.
    case idle
    /// The `kill`, with a `stonith_host` device (the test plugin) on both nodes and
    /// `--fencing-delay 0`: bravo resets alpha as soon as it declares it dead, then takes over.
    case killFenced = "kill-fenced"
    /// The same with the default fencing delay (5 s): bravo holds nothing, so it waits
    /// as it would in a partition before it shoots.
    case killFencedDelayed = "kill-fenced-delay"

    /// The scenarios that run once per timer profile (idle runs once, with the 1 s profile) and
    /// that `habench compare` runs for every implementation.
    static let timed: [Scenario] = [.kill, .cut, .stop, .failback, .heal]
    /// The fenced kills: timed once per profile by `habench failover` only (the comparison has
    /// no fenced Heartbeat or keepalived pair).
    static let fenced: [Scenario] = [.killFenced, .killFencedDelayed]

    /// For a fenced scenario, the `--fencing-delay` it passes (nil: the daemon's default).
    var fencingDelayArgument: String? {
        self == .killFenced ? "0" : nil
    }
}
