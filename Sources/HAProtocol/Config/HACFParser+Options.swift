extension HACFParser {
    /// Every option directive Heartbeat 3.0.6 (Debian build) accepts, tokenised (spec §1.3).
    static let optionDirectives: Set<String> = [
        "node", "keepalive", "deadtime", "warntime", "initdead", "deadping", "udpport", "baud", "hopfudge",
        "auto_failback", "nice_failback", "watchdog", "logfile", "debugfile", "logfacility", "use_logd",
        "conn_logd_time", "syslogmsgfmt", "log_badpack", "debug", "crm", "pacemaker", "crm_daemon_dir",
        "crmd_spawns_pengine", "record_config_changes", "record_pengine_inputs", "enable_config_writes",
        "autojoin", "uuidfrom", "hbgenmethod", "realtime", "rtprio", "coredumps", "coreroot", "memreserve",
        "msgfmt", "compression", "compression_threshold", "traditional_compression", "max_rexmit_delay", "env",
        "use_apphbd", "cluster", "quorum_server",
    ]

    static let booleanDirectives: Set<String> = [
        "use_logd", "syslogmsgfmt", "log_badpack", "crmd_spawns_pengine", "record_config_changes",
        "record_pengine_inputs", "enable_config_writes", "realtime", "coredumps", "traditional_compression",
        "use_apphbd",
    ]

    static let syslogFacilities: Set<String> = [
        "auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news", "syslog", "user", "uucp",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7", "security",
    ]

    static let baudRates: Set<String> = ["9600", "19200", "38400", "57600", "115200", "230400", "460800"]

    mutating func applyOption(_ name: String, _ value: String) {
        if Self.booleanDirectives.contains(name) {
            guard let flag = HeartbeatBoolean.parse(value) else {
                return error("\(name) takes a boolean (on/off, yes/no, true/false, 1/0), not '\(value)'")
            }
            if name == "use_logd" { config.useLogd = flag }
            return record(name, flag ? "yes" : "no")
        }
        switch name {
        case "node":
            let node = value.lowercased()
            if config.nodes.contains(node) {
                warning("node '\(node)' is declared twice")
            } else if config.nodes.count + config.pingNodes.count >= 100 {
                error("more than 100 nodes; Heartbeat's limit is 100 including ping nodes")
            } else {
                config.nodes.append(node)
            }
            record(name, config.nodes.joined(separator: " "))
        case "keepalive", "deadtime", "warntime", "initdead", "deadping", "conn_logd_time":
            applyTime(name, value)
        case "udpport":
            guard let port = Int(value), port > 0, port <= 65535 else {
                return error("udpport must be a port number 1-65535, not '\(value)'")
            }
            if let fixedAt = mediaPortFixedAt, port != (mediaPort ?? config.udpport) {
                warning(
                    "udpport \(port) comes after the first bcast/ucast line (line \(fixedAt)), which already"
                        + " fixed their port at \(mediaPort ?? config.udpport); move udpport above the media lines")
            }
            config.udpport = port
            record(name, value)
        case "baud":
            if baudGiven { return error("baud given twice (Heartbeat: Baudrate multiply specified.)") }
            baudGiven = true
            guard Self.baudRates.contains(value) else { return error("invalid baudrate '\(value)'") }
            record(name, value)
        case "hopfudge", "debug":
            guard let number = Int(value), (0...255).contains(number) else {
                return error("\(name) must be an integer 0-255, not '\(value)'")
            }
            if name == "debug" { config.debug = number }
            record(name, value)
        case "auto_failback":
            applyAutoFailback(value)
        case "nice_failback":
            applyNiceFailback(value)
        case "watchdog":
            if watchdogGiven { return error("watchdog given twice (Heartbeat: Watchdog device multiply specified.)") }
            watchdogGiven = true
            record(name, value)
        case "logfile", "debugfile":
            if name == "logfile" { config.logfile = value } else { config.debugfile = value }
            record(name, value)
        case "logfacility":
            if value == "none" {
                config.logfacility = nil
            } else if Self.syslogFacilities.contains(value) {
                config.logfacility = value
            } else {
                return error("unknown log facility '\(value)' (use a syslog facility such as daemon or local0, or none)")
            }
            record(name, value)
        case "crm", "pacemaker":
            applyCRM(name, value)
        case "autojoin":
            guard ["none", "other", "any"].contains(value.lowercased()) else {
                return error("autojoin must be none, other or any, not '\(value)'")
            }
            record(name, value.lowercased())
        case "uuidfrom":
            guard let source = HACF.UUIDSource(rawValue: value) else {
                return error("uuidfrom must be file or nodename, not '\(value)'")
            }
            config.uuidFrom = source
            record(name, value)
        case "hbgenmethod":
            guard let method = HACF.GenerationMethod(rawValue: value) else {
                return error("hbgenmethod must be file or time, not '\(value)' (Heartbeat: Illegal hb generation method)")
            }
            config.generationMethod = method
            record(name, value)
        case "msgfmt":
            guard let format = HACF.MessageFormat(rawValue: value) else {
                return error("msgfmt must be classic or netstring, not '\(value)'")
            }
            config.msgfmt = format
            record(name, value)
        case "rtprio":
            guard let number = Int(value), (1...99).contains(number) else {
                return error("rtprio must be a SCHED_FIFO priority 1-99, not '\(value)'")
            }
            record(name, value)
        case "memreserve", "compression_threshold", "max_rexmit_delay":
            guard let number = Int(value), number > 0 else {
                return error("\(name) must be a positive integer, not '\(value)'")
            }
            if name == "max_rexmit_delay" { config.maxRexmitDelay = number }
            record(name, value)
        case "compression":
            guard value == "zlib" || value == "bz2" else {
                return error("compression must be zlib or bz2, not '\(value)'")
            }
            record(name, value)
        case "env":
            guard let eq = value.firstIndex(of: "="), eq != value.startIndex else {
                return error("env takes NAME=value, not '\(value)'")
            }
            record("env:" + value[..<eq], String(value[value.index(after: eq)...]))
        case "cluster":
            config.cluster = value
            record(name, value)
        case "crm_daemon_dir":
            if crmGiven { error("crm_daemon_dir must come before the pacemaker/crm directive") }
            record(name, value)
        default:  // coreroot, quorum_server: free text Heartbeat only records
            record(name, value)
        }
    }

    mutating func applyTime(_ name: String, _ value: String) {
        guard let ms = HeartbeatDuration.milliseconds(value) else {
            return error(
                "invalid time '\(value)' for \(name): write seconds (2, 1.5) or milliseconds (1500ms) with no"
                    + " space before the unit; 's', 'sec' and 'min' are not units Heartbeat knows")
        }
        switch name {
        case "keepalive":
            guard ms > 0 else { return error("keepalive must be greater than 0, not '\(value)'") }
            config.keepalive = ms
        case "deadtime": config.deadtime = ms
        case "warntime":
            guard ms > 0 else { return error("warntime must be greater than 0, not '\(value)' (Heartbeat: Warn time [\(value)] is invalid.)") }
            config.warntime = ms
        case "initdead": config.initdead = ms
        case "deadping": config.deadping = ms
        default: break
        }
        record(name, value)
    }

    mutating func applyAutoFailback(_ value: String) {
        if value.lowercased() == "legacy" {
            config.autoFailback = .legacy
            autoFailbackWasBoolean = false
        } else if let flag = HeartbeatBoolean.parse(value) {
            config.autoFailback = flag ? .on : .off
            autoFailbackWasBoolean = true
        } else {
            return error("auto_failback must be on, off or legacy, not '\(value)'")
        }
        record("auto_failback", config.autoFailback.rawValue)
    }

    /// The obsolete directive, with 3.0.6's quirk: it tests the current mode, not its own value.
    mutating func applyNiceFailback(_ value: String) {
        guard HeartbeatBoolean.parse(value) != nil else {
            return error("nice_failback takes a boolean, not '\(value)'")
        }
        if autoFailbackWasBoolean {
            config.autoFailback = .off
            warning("nice_failback is obsolete; as Heartbeat 3.0.6 does, 'nice_failback \(value)' became 'auto_failback off'")
        } else {
            config.autoFailback = .legacy
            warning(
                "nice_failback is obsolete; as Heartbeat 3.0.6 does, 'nice_failback \(value)' became"
                    + " 'auto_failback legacy'; write 'auto_failback on' or 'off' instead")
        }
        record("auto_failback", config.autoFailback.rawValue)
    }

    mutating func applyCRM(_ name: String, _ value: String) {
        if crmGiven { return error("pacemaker/crm directive used twice") }
        crmGiven = true
        let lower = value.lowercased()
        let known = ["respawn", "minimal", "manual", "ccm-only", "valgrind"]
        guard let flag = HeartbeatBoolean.parse(lower) ?? (known.contains(lower) ? true : nil) else {
            return error("\(name) must be on, off, respawn, minimal, manual, ccm-only or valgrind, not '\(value)'")
        }
        if flag {
            error("'\(name) \(value)' hands resources to Pacemaker; hadaemon manages haresources only (use '\(name) off')")
        }
        record("pacemaker", value)
    }
}
