import HATestSupport

extension ClusterSpec {
    /// alpha (home node of 192.0.2.100 and `hbdummy`) and bravo with `profile`'s timers and
    /// `auto_failback on`: the pair `PairRun` builds for hadaemon.
    static func pair(_ profile: TimerProfile) -> ClusterSpec {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.keepalive = profile.keepalive
        spec.deadtime = profile.deadtime
        spec.warntime = profile.warntime
        spec.initdead = profile.initdead
        spec.autoFailback = .on
        return spec
    }
}
