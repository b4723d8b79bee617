import ArgumentParser

/// The campaign's catalogue of faults. Each is injected on a settled pair and then recovered
/// (`FaultInjector`); `summary` says what happens, for `--help`, the README and the report.
enum FaultKind: String, CaseIterable, Codable, Sendable, ExpressibleByArgument {
    case kill
    case stall
    case restart
    case cut
    case loss
    case cpuHog = "cpu-hog"
    case hungStart = "hung-start"
    case hungStop = "hung-stop"
    case fullDisk = "full-disk"
    case reload
    case reloadBroken = "reload-broken"
    case forged
    case replay
    case idleClients = "idle-clients"
    case newlineFlood = "newline-flood"
    case slowSubscribers = "slow-subscribers"
    case standby
    case takeover

    /// What the fault does and how it is recovered.
    var summary: String {
        switch self {
        case .kill:
            "SIGKILL of the target's daemon, its address left as a crash leaves it, or of the whole node (address and resource state gone); restarted after deadtime and more"
        case .stall: "SIGSTOP of the target's daemon for longer than deadtime, then SIGCONT"
        case .restart: "clean stop (SIGTERM) of the target's daemon, started again a moment later"
        case .cut: "the target hears nothing (one way), or neither node hears the other (both ways), beyond deadtime; healed"
        case .loss: "a burst of random packet loss (10–60 %) on the target or both nodes for seconds; healed"
        case .cpuHog: "busy threads, more than the cores, for seconds"
        case .hungStart: "the group moves to the target while the target's `flaky` start hangs, within or beyond the script timeout and its retries"
        case .hungStop: "the holder is asked to stand by while its `flaky` stop hangs, within or beyond the script timeout and its retries"
        case .fullDisk: "the target's log disk (a tmpfs) filled, with or without a move meanwhile, then freed"
        case .reload: "SIGHUP after a valid change to the target's ha.cf; restored and SIGHUP again"
        case .reloadBroken: "SIGHUP onto a broken ha.cf (garbage, bad timers, a NUL byte, tens of thousands of trailing blanks); restored"
        case .forged:
            "datagrams claiming to be the peer, sent to the target: seq ffffffffffffffff, a huge generation, a seq jump, a wrong key, garbage"
        case .replay: "the target's packets captured, the target's node crashed, its packets replayed to the peer every 100 ms beyond deadtime"
        case .idleClients: "tens to hundreds of control-socket clients that connect and say nothing"
        case .newlineFlood: "megabytes of bare newlines written into the control socket"
        case .slowSubscribers: "control-socket subscribers that never read, with or without a move meanwhile"
        case .standby: "standby asked of a random node at a random moment, sometimes followed by another request"
        case .takeover: "takeover asked of a random node at a random moment, sometimes followed by another request"
        }
    }

    /// Faults aimed at the daemon's own doors (packets, control socket, configuration reload):
    /// in a mixed pair only a hadaemon node is their target (for `replay`, the victim that
    /// hears the replays is the hadaemon node).
    var targetsHADaemonOnly: Bool {
        switch self {
        case .forged, .replay, .idleClients, .newlineFlood, .slowSubscribers, .reload, .reloadBroken: true
        default: false
        }
    }
}

/// Which node a fault hits, named by role so that a seed replays the same faults whatever
/// node holds the group at that step: resolved when the step starts.
enum TargetRole: String, Codable, Sendable {
    /// The node holding the service address (the first node when none does).
    case holder
    /// A node that does not hold it.
    case standby
}
