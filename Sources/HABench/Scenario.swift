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

    /// The scenarios that run once per timer profile (idle runs once, with the 1 s profile).
    static let timed: [Scenario] = [.kill, .cut, .stop, .failback, .heal]
}
