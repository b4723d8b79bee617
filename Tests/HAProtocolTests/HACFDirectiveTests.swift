import Testing

@testable import HAProtocol

/// Every ha.cf directive is honoured or refused (issue 12, "Nothing ignored"), and a refused line
/// is reported like a compiler error with the way out.
@Suite struct HACFDirectiveTests {
    /// The directives of the spec's ha.cf table (heartbeat-3.0.6-spec.md §1.3), in its order,
    /// copied here by hand so that a directive dropped from the code's table is noticed.
    static let specDirectives = [
        "node", "keepalive", "deadtime", "warntime", "initdead", "deadping", "udpport", "bcast", "mcast", "mcast6", "ucast", "ucast6",
        "serial", "baud", "ping", "ping_group", "hopfudge", "auto_failback", "nice_failback", "stonith", "stonith_host", "watchdog",
        "respawn", "failfast", "apiauth", "logfile", "debugfile", "logfacility", "use_logd", "conn_logd_time", "syslogmsgfmt",
        "log_badpack", "debug", "crm", "pacemaker", "crm_daemon_dir", "crmd_spawns_pengine", "record_config_changes",
        "record_pengine_inputs", "enable_config_writes", "autojoin", "uuidfrom", "hbgenmethod", "realtime", "rtprio", "coredumps",
        "coreroot", "memreserve", "msgfmt", "compression", "compression_threshold", "traditional_compression", "max_rexmit_delay",
        "env", "use_apphbd", "cluster", "quorum_server", "normalpoll",
    ]

    /// The verdicts this issue settles: `refused` lists every refused directive (`fencing`: the
    /// ones `--allow-unfenced` lifts; respawn, failfast and apiauth are honoured, and only their
    /// lines naming a client of Heartbeat's API are refused, see below); `refusedValue` the
    /// honoured ones refused with one value.
    static let fencing: Set<String> = []
    static let refused: Set<String> = fencing.union([
        "mcast6", "ucast6", "serial", "ping6", "rtprio", "memreserve", "coredumps", "coreroot", "compression", "compression_threshold",
        "traditional_compression", "normalpoll",
    ])
    static let refusedValue = [
        "syslogmsgfmt": "no", "log_badpack": "no", "uuidfrom": "nodename", "hbgenmethod": "time", "realtime": "yes", "use_apphbd": "yes",
    ]

    @Test("the table names every directive of the spec once, and the parser's extra spellings")
    func tableCoversTheSpec() {
        let names = HACFDirective.all.map(\.name)
        #expect(Set(names).count == names.count, "a directive is listed twice")
        #expect(Set(names) == Set(Self.specDirectives + ["udp", "ping6"]))
        let parserKnows = HACFParser.optionDirectives.union(HACFParser.wholeLine).union(HACFParser.perTokenMedia).union(["udp"])
        #expect(parserKnows.isSubset(of: Set(names)), "the parser accepts a directive the table does not judge")
    }

    @Test("each directive has the verdict this issue gives it", arguments: specDirectives + ["udp", "ping6"])
    func verdict(name: String) throws {
        let directive = try #require(HACFDirective.named(name))
        switch directive.support {
        case .honoured(let how):
            #expect(!Self.refused.contains(name), "\(name) should be refused")
            #expect(!how.isEmpty)
            #expect(directive.refusedValue == Self.refusedValue[name])
        case .refused(let refusal):
            #expect(Self.refused.contains(name), "\(name) should be honoured")
            #expect(refusal.overridable == Self.fencing.contains(name))
            #expect(!refusal.reason.isEmpty && !refusal.wayOut.isEmpty)
        }
    }

    static let base = "node alpha\nnode bravo\nucast hb0 192.0.2.12\nlogfile /x\nauto_failback on\n"

    func parse(_ extra: String, allowUnfenced: Bool = false) -> Parsed<HACF> {
        HACFParser.parse(Self.base + extra, file: "/etc/ha.d/ha.cf", allowUnfenced: allowUnfenced)
    }

    @Test("a line naming a client of Heartbeat's API is an error on its own line that names the client, the way out and the flag")
    func fencingRefused() {
        let result = parse("apiauth ccm uid=hacluster\nfailfast hacluster /usr/lib/heartbeat/ccm\n")
        #expect(
            result.diagnostics.map(\.description) == [
                "/etc/ha.d/ha.cf:6: error: apiauth is not honoured by hadaemon: ccm is a client of Heartbeat's API, which hadaemon does not"
                    + " serve; remove the line; cl_status and hb_standby reach hadaemon without it, or run 'hadaemon run --allow-unfenced'"
                    + " to accept the risk",
                "/etc/ha.d/ha.cf:7: error: failfast is not honoured by hadaemon: ccm is a client of Heartbeat's API, which hadaemon does"
                    + " not serve; remove the line; hadaemon does the work of ipfail and dopd itself, or run 'hadaemon run --allow-unfenced'"
                    + " to accept the risk",
            ])
        #expect(result.value.overriddenLines.isEmpty)
    }

    @Test("with --allow-unfenced each fencing line is a warning and is listed for the alert")
    func fencingOverridden() {
        let result = parse("apiauth mgmtd uid=root  # the board's\nrespawn hacluster /usr/lib/heartbeat/ccm\n", allowUnfenced: true)
        #expect(!result.diagnostics.hasErrors)
        #expect(
            result.diagnostics.map(\.description) == [
                "/etc/ha.d/ha.cf:6: warning: apiauth is not honoured by hadaemon: mgmtd is a client of Heartbeat's API, which hadaemon does"
                    + " not serve; running without it because --allow-unfenced was given",
                "/etc/ha.d/ha.cf:7: warning: respawn is not honoured by hadaemon: ccm is a client of Heartbeat's API, which hadaemon does"
                    + " not serve; running without it because --allow-unfenced was given",
            ])
        #expect(
            result.value.overriddenLines == [
                HACF.OverriddenLine(file: "/etc/ha.d/ha.cf", line: 6, directive: "apiauth", text: "apiauth mgmtd uid=root"),
                HACF.OverriddenLine(file: "/etc/ha.d/ha.cf", line: 7, directive: "respawn", text: "respawn hacluster /usr/lib/heartbeat/ccm"),
            ])
        #expect(result.value.overriddenLines[0].description == "/etc/ha.d/ha.cf:6: apiauth mgmtd uid=root")
        #expect(result.value.supervisedChildren.isEmpty, "an overridden API client is never started")
    }

    @Test("the override lifts only the fencing class: other refusals stay errors")
    func overrideIsNarrow() {
        let result = parse("ucast6 hb0 2001:db8::2\nrtprio 50\n", allowUnfenced: true)
        #expect(
            result.diagnostics.map(\.description) == [
                "/etc/ha.d/ha.cf:6: error: ucast6 is not honoured by hadaemon: IPv6 media are not supported yet; use ucast, bcast or mcast over IPv4",
                "/etc/ha.d/ha.cf:7: error: rtprio is not honoured by hadaemon: hadaemon runs at normal priority and does not lock its memory;"
                    + " delete the line",
            ])
        #expect(result.value.overriddenLines.isEmpty)
    }

    @Test(
        "a directive refused for one value is honoured with the others",
        arguments: [
            ("realtime on", true), ("realtime off", false), ("realtime no", false), ("syslogmsgfmt false", true), ("syslogmsgfmt true", false),
            ("log_badpack off", true), ("log_badpack on", false), ("uuidfrom nodename", true), ("uuidfrom file", false),
            ("hbgenmethod time", true), ("hbgenmethod file", false), ("use_apphbd yes", true), ("use_apphbd no", false),
        ])
    func valueRefusal(line: String, refused: Bool) {
        let errors = parse(line + "\n").diagnostics.filter { $0.severity == .error }
        let name = String(line.prefix { $0 != " " })
        #expect(errors.map(\.line) == (refused ? [6] : []), "\(errors)")
        if refused { #expect(errors.first?.message.hasPrefix("\(name) is not honoured by hadaemon: ") == true) }
    }

    @Test("normalpoll keeps the parser's own error, once")
    func normalpollOnce() {
        let errors = parse("normalpoll on\n").diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["unknown directive 'normalpoll' (Heartbeat: Illegal directive [normalpoll]): 'normalpoll on'"])
    }

    @Test("a refused line with bad syntax reports both problems")
    func refusedAndInvalid() {
        let messages = parse("respawn hacluster ccm\n").diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(messages.count == 2 && messages[0].hasPrefix("respawn is not honoured") && messages[1].contains("not a full path name"))
    }
}
