/// Every directive of Heartbeat 3.0.6's ha.cf (spec §1.3) with hadaemon's verdict on it: honoured,
/// and how, or refused, with the reason and the way out. Nothing in ha.cf is silently ignored.
///
/// A directive is honoured when hadaemon does what Heartbeat does with it, or when Heartbeat
/// itself gives it no effect in haresources mode (Pacemaker-only settings with `crm off`,
/// settings of media hadaemon refuses). A directive hadaemon would have to act on and does not is
/// refused; where only some values ask for something hadaemon does not do, only those values are
/// refused (`refusedValue`). ``HACFParser`` applies the table to every line.
public struct HACFDirective: Hashable, Sendable {
    public enum Support: Hashable, Sendable {
        /// Honoured; the text says how.
        case honoured(String)
        case refused(HACFRefusal)
    }

    public var name: String
    public var support: Support
    /// When set, the directive is honoured except with this value (booleans as `yes`/`no`), which
    /// gets `refusal`.
    public var refusedValue: String?
    public var refusal: HACFRefusal?

    init(_ name: String, honoured how: String) {
        self.name = name
        support = .honoured(how)
    }

    init(_ name: String, refused reason: String, _ wayOut: String, fencing: Bool = false) {
        self.name = name
        support = .refused(HACFRefusal(reason: reason, wayOut: wayOut, overridable: fencing))
    }

    init(_ name: String, honoured how: String, except value: String, refused reason: String, _ wayOut: String) {
        self.name = name
        support = .honoured(how)
        refusedValue = value
        refusal = HACFRefusal(reason: reason, wayOut: wayOut)
    }

    /// The refusal for a line giving this directive `value` (its first token), or nil when honoured.
    public func refusal(value: String?) -> HACFRefusal? {
        if case .refused(let refusal) = support { return refusal }
        guard let refusedValue, let value else { return nil }
        let normalised = HeartbeatBoolean.parse(value).map { $0 ? "yes" : "no" } ?? value
        return normalised == refusedValue ? refusal : nil
    }

    /// The directive named `name`, if Heartbeat knows it.
    public static func named(_ name: String) -> HACFDirective? { byName[name] }

    static let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    static let deleteLine = "delete the line"
    static let ipv4Media = "use ucast, bcast or mcast over IPv4"
    static let pacemakerOnly = "Pacemaker only: as Heartbeat with crm off, checked and without effect"
    static let serialOnly = "serial rings only: without a serial line (refused) Heartbeat gives it no effect either"

    /// The table, in the spec's order, plus the spellings Heartbeat's parser also takes (`udp`, `ping6`).
    public static let all: [HACFDirective] =
        membership + media + failback + fencing + logging + identity + tuning + pacemaker + [
            HACFDirective("normalpoll", refused: "not a directive of Debian's Heartbeat build (Illegal directive)", deleteLine)
        ]

    static let membership: [HACFDirective] = [
        HACFDirective("node", honoured: "the cluster members; this host must be one"),
        HACFDirective("keepalive", honoured: "interval of this node's status messages"),
        HACFDirective("deadtime", honoured: "silence after which a peer is declared dead"),
        HACFDirective("warntime", honoured: "gap that logs 'Late heartbeat'"),
        HACFDirective("initdead", honoured: "dead time while the cluster first comes up"),
        HACFDirective("deadping", honoured: "dead time of ping nodes"),
        HACFDirective("udpport", honoured: "port of bcast and ucast, fixed by the first such line"),
        HACFDirective("autojoin", honoured: "'none' only; other values conflict with haresources and are errors, as in Heartbeat"),
        HACFDirective("cluster", honoured: "the cluster name, shown in the snapshot"),
    ]

    static let media: [HACFDirective] = [
        HACFDirective("bcast", honoured: "UDP broadcast on each interface"),
        HACFDirective("udp", honoured: "Heartbeat's old name of bcast, read as bcast"),
        HACFDirective("mcast", honoured: "UDP multicast with the group, port, ttl and loop given"),
        HACFDirective("ucast", honoured: "UDP unicast to the peer; a line naming this host is skipped"),
        HACFDirective("mcast6", refused: "IPv6 media are not supported yet", ipv4Media),
        HACFDirective("ucast6", refused: "IPv6 media are not supported yet", ipv4Media),
        HACFDirective("serial", refused: "serial media are not supported yet", ipv4Media),
        HACFDirective("baud", honoured: serialOnly),
        HACFDirective("hopfudge", honoured: serialOnly),
        HACFDirective("ping", honoured: "ICMP echo to each address; a ping node is dead after deadping"),
        HACFDirective("ping_group", honoured: "one ping node, alive while any address answers"),
        HACFDirective("ping6", refused: "IPv6 ping nodes are not supported yet", "use ping or ping_group with IPv4 addresses"),
    ]

    static let failback: [HACFDirective] = [
        HACFDirective("auto_failback", honoured: "on, off and legacy, as Heartbeat's nice_failback and legacy modes"),
        HACFDirective("nice_failback", honoured: "mapped to auto_failback as 3.0.6 maps it, with a warning"),
    ]

    /// The fencing class: losing one of these weakens the cluster, so only the override lifts them.
    static let fencing: [HACFDirective] = [
        HACFDirective(
            "stonith", honoured: "cluster-glue's stonith command (-F FILE) resets a dead peer before its groups are taken over"),
        HACFDirective(
            "stonith_host",
            honoured: "the device for this host (or *) is run through cluster-glue's stonith command before a takeover; the last line wins"),
        HACFDirective(
            "watchdog",
            honoured:
                "opened at start (one that cannot be opened stops it), timeout ceil((deadtime+10ms)/1s), one byte per status sent, 'V' on a clean stop"
        ),
        HACFDirective("respawn", honoured: respawnHow),
        HACFDirective(
            "failfast",
            honoured: respawnHow
                + "; a death by a signal or a non-zero exit outside a clean stop reboots the machine (reboot -nf), as Heartbeat does"),
        HACFDirective(
            "apiauth",
            honoured:
                "ipfail and dopd: hadaemon does their work itself, no client signs on; anon, cl_status, ping and default: the control"
                + " socket answers such clients (cl_status) and admits root and group haclient, Heartbeat's defaults; any other client"
                + " of Heartbeat's API is refused by name"),
    ]

    /// How `respawn` (and the first half of `failfast`) is honoured (spec §1.3, heartbeat.c).
    static let respawnHow =
        "at comm-up the program runs as USER (sh -c 'exec COMMAND', HA_NAME from env lines), is restarted unless it exits 100, is left"
        + " down after more than 10 deaths in a row within 30 s of their start, and is stopped in reverse order after the release;"
        + " ipfail and dopd are done by hadaemon itself; a client of Heartbeat's API is refused by name"

    static let logging: [HACFDirective] = [
        HACFDirective("logfile", honoured: "ha-log lines appended in Heartbeat's layout"),
        HACFDirective("debugfile", honoured: "every line, debug included, appended in Heartbeat's layout"),
        HACFDirective("logfacility", honoured: "ha-log lines also sent to syslog with this facility as 'heartbeat'; none disables"),
        HACFDirective("use_logd", honoured: "hadaemon writes the log itself; with 'on' it warns that ha_logd is not used"),
        HACFDirective("conn_logd_time", honoured: "ha_logd reconnects only: hadaemon never uses ha_logd, so it has no effect"),
        HACFDirective(
            "syslogmsgfmt", honoured: "'on': the syslog-like layout, the only one hadaemon writes", except: "no",
            refused: "hadaemon writes only the syslog-like layout", "delete the line"),
        HACFDirective(
            "log_badpack", honoured: "'on': bad packets are logged, once per peer and cause", except: "no",
            refused: "hadaemon always logs bad packets, once per peer and cause", "delete the line"),
        HACFDirective("debug", honoured: "exported to resource scripts as HA_debug; debug lines go to debugfile"),
    ]

    static let identity: [HACFDirective] = [
        HACFDirective(
            "uuidfrom", honoured: "'file': the uuid kept in the state directory (or Heartbeat's hb_uuid)", except: "nodename",
            refused: "hadaemon keeps the node's uuid in a file and does not derive it from the name",
            "write 'uuidfrom file' or delete the line"),
        HACFDirective(
            "hbgenmethod", honoured: "'file': the generation counter in the state directory", except: "time",
            refused: "hadaemon counts generations in a file, not from the clock", "write 'hbgenmethod file' or delete the line"),
        HACFDirective("msgfmt", honoured: "classic also embeds the classic auth field in the netstring datagram, as Heartbeat does"),
        HACFDirective("max_rexmit_delay", honoured: "upper bound of the delay before asking for a lost packet again"),
        HACFDirective("env", honoured: "exported as HA_NAME=value to the programs respawn and failfast lines start"),
    ]

    static let normalPriority = "hadaemon runs at normal priority and does not lock its memory"

    static let tuning: [HACFDirective] = [
        HACFDirective(
            "realtime", honoured: "'off': normal priority, as hadaemon always runs", except: "yes", refused: normalPriority,
            "write 'realtime off' or delete the line"),
        HACFDirective("rtprio", refused: normalPriority, deleteLine),
        HACFDirective("memreserve", refused: "hadaemon does not pre-allocate memory", deleteLine),
        HACFDirective("coredumps", refused: "hadaemon leaves core dumps to the system's settings (ulimit -c, systemd)", deleteLine),
        HACFDirective("coreroot", refused: "hadaemon leaves core dumps to the system's settings (ulimit -c, systemd)", deleteLine),
        HACFDirective("compression", refused: "hadaemon sends every message uncompressed (Heartbeat peers read it)", deleteLine),
        HACFDirective("compression_threshold", refused: "hadaemon sends every message uncompressed (Heartbeat peers read it)", deleteLine),
        HACFDirective("traditional_compression", refused: "hadaemon sends every message uncompressed (Heartbeat peers read it)", deleteLine),
        HACFDirective(
            "use_apphbd", honoured: "'off': no apphbd registration", except: "yes", refused: "hadaemon does not register with apphbd",
            "delete the line"),
    ]

    static let pacemaker: [HACFDirective] = [
        HACFDirective("crm", honoured: "'off' only; any 'on' value hands resources to Pacemaker and is an error"),
        HACFDirective("pacemaker", honoured: "'off' only; any 'on' value hands resources to Pacemaker and is an error"),
        HACFDirective("crm_daemon_dir", honoured: pacemakerOnly),
        HACFDirective("crmd_spawns_pengine", honoured: pacemakerOnly),
        HACFDirective("record_config_changes", honoured: pacemakerOnly),
        HACFDirective("record_pengine_inputs", honoured: pacemakerOnly),
        HACFDirective("enable_config_writes", honoured: pacemakerOnly),
        HACFDirective("quorum_server", honoured: pacemakerOnly),
    ]
}
