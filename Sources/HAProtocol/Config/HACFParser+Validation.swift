extension HACFParser {
    /// Defaults and cross-directive rules, in the order Heartbeat's `init_config` applies them (spec §1.5).
    mutating func finish() {
        lineNumber = 0
        let lineOf = config.lineOf
        if config.media.isEmpty && !given.contains(where: { Self.mediaDirectives.contains($0) }) {
            error("no heartbeat media defined: add a ucast, bcast or mcast line")
        }
        if config.nodes.isEmpty && config.parameters["autojoin"] != "any" {
            error("no nodes defined: add a 'node NAME' line for every cluster member (its uname -n)")
        }
        if !given.contains("warntime") { config.warntime = config.deadtime / 2 }
        if config.deadtime <= 2 * config.keepalive {
            error(
                "deadtime (\(config.deadtime) ms) must be greater than 2 x keepalive (\(config.keepalive) ms)"
                    + " (Heartbeat: Dead time [\(config.deadtime)] is too small compared to keeplive [\(config.keepalive)])",
                line: lineOf["deadtime"] ?? lineOf["keepalive"] ?? 0)
        }
        if !given.contains("initdead") {
            config.initdead =
                config.deadtime > 10_000 ? config.deadtime : config.deadtime < 6_000 ? 12_000 : 2 * config.deadtime
        }
        if config.initdead < config.deadtime {
            error(
                "initdead (\(config.initdead) ms) is smaller than deadtime (\(config.deadtime) ms); it must be at least deadtime",
                line: lineOf["initdead"] ?? 0)
        } else if config.initdead < 10_000 {
            warning(
                "initdead (\(config.initdead) ms) may be too small: it accounts for slow network start-up and should be"
                    + " >= deadtime and >= 10 seconds", line: lineOf["initdead"] ?? 0)
        }
        if !given.contains("deadping") {
            config.deadping = config.deadtime
        } else if config.deadping <= 2 * config.keepalive {
            error(
                "deadping (\(config.deadping) ms) must be greater than 2 x keepalive (\(config.keepalive) ms)",
                line: lineOf["deadping"] ?? 0)
        }
        if config.autoFailback == .legacy {
            warning(
                "auto_failback is 'legacy'\(given.contains("auto_failback") ? "" : " (the default)"): deprecated;"
                    + " write 'auto_failback on' or 'off' (standby and takeover need one of them)",
                line: lineOf["auto_failback"] ?? 0)
        }
        checkLogging()
        if let autojoin = config.parameters["autojoin"], autojoin != "none" {
            error(
                "autojoin \(autojoin) conflicts with haresources (R1 style) resource management; set 'autojoin none'",
                line: lineOf["autojoin"] ?? 0)
        }
        recordComputedParameters()
    }

    static let mediaDirectives: Set<String> = ["bcast", "ucast", "mcast", "ucast6", "mcast6", "serial"]

    /// Heartbeat's logging sanity rules; hadaemon has no ha_logd, so logd settings only warn.
    mutating func checkLogging() {
        let hasTarget = config.logfile != nil || config.debugfile != nil || config.logfacility != nil
        if !hasTarget {
            if given.contains("use_logd") && !config.useLogd {
                error(
                    "no logfile, debugfile or logfacility and use_logd is off: nothing would be logged",
                    line: config.lineOf["use_logd"] ?? 0)
            } else {
                warning("no logfile, debugfile or logfacility: Heartbeat would use ha_logd; hadaemon logs to /var/log/ha-log")
            }
        } else if config.useLogd {
            warning(
                "use_logd is on: hadaemon writes logfile/debugfile itself and does not use ha_logd",
                line: config.lineOf["use_logd"] ?? 0)
        }
    }

    mutating func recordComputedParameters() {
        func time(_ ms: Int) -> String { HeartbeatDuration.text(milliseconds: ms) }
        config.parameters["keepalive"] = config.parameters["keepalive"] ?? time(config.keepalive)
        config.parameters["deadtime"] = config.parameters["deadtime"] ?? time(config.deadtime)
        config.parameters["warntime"] = config.parameters["warntime"] ?? time(config.warntime)
        config.parameters["initdead"] = config.parameters["initdead"] ?? time(config.initdead)
        config.parameters["deadping"] = config.parameters["deadping"] ?? time(config.deadping)
        config.parameters["udpport"] = String(config.udpport)
        config.parameters["auto_failback"] = config.autoFailback.rawValue
        config.parameters["debug"] = String(config.debug)
        config.parameters["hbversion"] = "3.0.6"
    }
}
