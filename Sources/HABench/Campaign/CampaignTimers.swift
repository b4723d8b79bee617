/// The pair's ha.cf timers and the daemon's script timeout, in milliseconds: what fault
/// parameters and audit bounds are derived from.
struct CampaignTimers: Codable, Sendable, Equatable {
    var keepaliveMS: Int
    var deadtimeMS: Int
    var warntimeMS: Int
    var initdeadMS: Int
    /// `hadaemon run --script-timeout`: a hung script is killed after this.
    var scriptTimeoutMS: Int

    /// A hadaemon pair: deadtime 5 keepalives, warntime half of it, initdead twice deadtime.
    static func pair(keepaliveMS: Int, deadtimeMS: Int? = nil, scriptTimeoutMS: Int = 3000) -> CampaignTimers {
        let deadtime = deadtimeMS ?? keepaliveMS * 5
        return CampaignTimers(
            keepaliveMS: keepaliveMS, deadtimeMS: deadtime, warntimeMS: max(deadtime / 2, keepaliveMS + 1), initdeadMS: deadtime * 2,
            scriptTimeoutMS: scriptTimeoutMS)
    }

    /// With a Heartbeat 3.0.6 node: the same, but initdead 10 s (Heartbeat warns below that).
    static func mixed(keepaliveMS: Int, deadtimeMS: Int? = nil, scriptTimeoutMS: Int = 3000) -> CampaignTimers {
        var timers = pair(keepaliveMS: keepaliveMS, deadtimeMS: deadtimeMS, scriptTimeoutMS: scriptTimeoutMS)
        timers.initdeadMS = max(timers.initdeadMS, 10_000)
        return timers
    }

    /// The bound on UDP datagrams per second delivered in one node's namespace once settled:
    /// ten times what the heartbeats alone deliver (each of `nodes` nodes' status reaches every
    /// node, itself included, once a keepalive), and never below 50.
    func stormBound(nodes: Int) -> Double {
        max(50, 10 * Double(nodes) * 1000 / Double(max(keepaliveMS, 1)))
    }
}
