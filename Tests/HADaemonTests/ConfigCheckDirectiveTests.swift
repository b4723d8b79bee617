import Foundation
import Testing

/// `hadaemon config check` and `hadaemon run` on every ha.cf directive (issue 12, "Nothing
/// ignored"): each is honoured, or refused with `FILE:LINE: error:` and the way out.
@Suite struct ConfigCheckDirectiveTests {
    /// One valid line for every directive of the spec's ha.cf table (heartbeat-3.0.6-spec.md
    /// §1.3), with the verdict: honoured, or refused (the error at that line names it).
    static let lines: [(line: String, honoured: Bool)] = [
        ("node charlie", true), ("keepalive 1", true), ("deadtime 10", true), ("warntime 5", true), ("initdead 20", true),
        ("deadping 10", true), ("udpport 694", true), ("bcast hb0", true), ("mcast hb0 239.0.0.1 694 1 0", true),
        ("mcast6 hb0 ff02::1:2 694 1 0", false), ("ucast hb0 192.0.2.13", true), ("ucast6 hb0 2001:db8::2", false),
        ("serial /dev/ttyS0", false), ("baud 19200", true), ("ping 192.0.2.1", true), ("ping_group routers 192.0.2.1 192.0.2.2", true),
        ("hopfudge 1", true), ("auto_failback off", true), ("nice_failback on", true), ("stonith null /etc/ha.d/stonith.cfg", true),
        ("stonith_host * null alpha bravo", true), ("watchdog /dev/watchdog", true), ("respawn hacluster /usr/lib/heartbeat/ipfail", true),
        ("failfast hacluster /usr/lib/heartbeat/dopd", true), ("apiauth ipfail uid=hacluster", true), ("respawn root /bin/true", true),
        ("respawn hacluster /usr/lib/heartbeat/ccm", false), ("apiauth mgmtd uid=root", false), ("logfile /var/log/ha-log", true),
        ("debugfile /var/log/ha-debug", true), ("logfacility local0", true), ("use_logd yes", true), ("conn_logd_time 60", true),
        ("syslogmsgfmt on", true), ("log_badpack on", true), ("debug 1", true), ("crm off", true), ("pacemaker off", true),
        ("crm_daemon_dir /usr/lib/pacemaker", true), ("crmd_spawns_pengine yes", true), ("record_config_changes on", true),
        ("record_pengine_inputs on", true), ("enable_config_writes on", true), ("autojoin none", true), ("uuidfrom file", true),
        ("hbgenmethod file", true), ("realtime off", true), ("rtprio 50", false), ("coredumps on", false),
        ("coreroot /var/lib/heartbeat/cores", false), ("memreserve 6500", false), ("msgfmt netstring", true), ("compression zlib", false),
        ("compression_threshold 2", false), ("traditional_compression no", false), ("max_rexmit_delay 250", true), ("env FOO=bar", true),
        ("use_apphbd no", true), ("cluster lab", true), ("quorum_server quorum.example.net", true), ("normalpoll on", false),
        // Honoured directives with the value hadaemon refuses.
        ("realtime on", false), ("syslogmsgfmt off", false), ("log_badpack off", false), ("uuidfrom nodename", false),
        ("hbgenmethod time", false), ("use_apphbd yes", false), ("crm on", false),
    ]

    /// The real two-node configuration without its `crm off` (so crm, pacemaker and
    /// crm_daemon_dir can be tried alone), with `line` appended: returns the directory and its line number.
    func config(_ tmp: TemporaryDirectory, adding line: String) throws -> (dir: String, line: Int) {
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        let base = try String(contentsOfFile: dir + "/ha.cf", encoding: .utf8).replacingLine("crm off", with: "")
        try (base + line + "\n").write(toFile: dir + "/ha.cf")
        return (dir, base.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test("config check walks every directive: honoured ones pass, refused ones are an error on their line", arguments: lines)
    func everyDirective(line: String, honoured: Bool) throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let (dir, number) = try config(tmp, adding: line)
        let result = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha"])
        let errors = result.lines.filter { $0.contains(": error: ") }
        let name = String(line.prefix { $0 != " " })
        if honoured {
            #expect(result.status == 0 && errors.isEmpty, "\(line): \(result.stdout)")
        } else {
            #expect(result.status == 1, "\(line): \(result.stdout)")
            #expect(errors.first?.hasPrefix("\(dir)/ha.cf:\(number): error: ") == true, "\(line): \(errors)")
            if !["normalpoll", "crm"].contains(name) {
                #expect(errors.first?.hasPrefix("\(dir)/ha.cf:\(number): error: \(name) is not honoured by hadaemon: ") == true, "\(errors)")
            }
        }
    }

    @Test("on the node too, a fencing line is refused and the flag is named as the way out; with the flag it is a warning")
    func fencingOnNode() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let (dir, number) = try config(tmp, adding: "failfast hacluster /usr/lib/heartbeat/ccm")
        let plain = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha", "--on-node"])
        #expect(plain.status == 1)
        #expect(
            plain.lines.contains(
                "\(dir)/ha.cf:\(number): error: failfast is not honoured by hadaemon: ccm is a client of Heartbeat's API, which hadaemon"
                    + " does not serve; remove the line; hadaemon does the work of ipfail and dopd itself, or run 'hadaemon run"
                    + " --allow-unfenced' to accept the risk"),
            "\(plain.stdout)")
        let allowed = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha", "--allow-unfenced"])
        #expect(allowed.status == 0, "\(allowed.stdout)")
        #expect(allowed.lines.contains { $0.hasPrefix("\(dir)/ha.cf:\(number): warning: failfast is not honoured by hadaemon: ") })
    }

    @Test("hadaemon run refuses a fencing line before it writes state or opens a socket, and exits non-zero")
    func runRefuses() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        // Valid on this very host (loopback only), so the refused line is the one error.
        let dir = try tmp.loopbackConfig(port: 30694, extra: ["apiauth mgmtd uid=root"])
        let state = tmp.path + "/state"
        let socket = tmp.path + "/hadaemon.sock"
        let result = try run(
            "hadaemon",
            ["run", "--config-dir", dir, "--node", "alpha", "--state-dir", state, "--socket", socket, "--bind", "127.0.0.1", "--exit-with-parent"])
        #expect(result.status == 6, "\(result.stderr)")
        #expect(
            result.stderr.split(separator: "\n").map(String.init) == [
                "\(dir)/ha.cf:11: error: apiauth is not honoured by hadaemon: mgmtd is a client of Heartbeat's API, which hadaemon does not"
                    + " serve; remove the line; cl_status and hb_standby reach hadaemon without it, or run 'hadaemon run --allow-unfenced'"
                    + " to accept the risk",
                "Configuration error, hadaemon not started.",
            ])
        #expect(!FileManager.default.fileExists(atPath: state) && !FileManager.default.fileExists(atPath: socket))
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/ha-log"))
    }

    @Test("config check names the API client a respawn line starts, and checks a program's user and path on the node")
    func respawnLinesOnNode() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let (dir, number) = try config(tmp, adding: "respawn hacluster /usr/lib/heartbeat/mgmtd -v")
        let refused = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha"])
        #expect(refused.status == 1)
        #expect(
            refused.lines.contains {
                $0.hasPrefix("\(dir)/ha.cf:\(number): error: respawn is not honoured by hadaemon: mgmtd is a client of Heartbeat's API")
            }, "\(refused.stdout)")

        let second = try TemporaryDirectory()
        defer { second.remove() }
        let (other, line) = try config(second, adding: "respawn no-such-user-here /nonexistent/agent")
        let onNode = try run("hadaemon", ["config", "check", "--config-dir", other, "--node", "alpha", "--on-node"])
        #expect(onNode.status == 1)
        #expect(
            onNode.lines.contains(
                "\(other)/ha.cf:\(line): error: respawn: Invalid uid [no-such-user-here] specified for client child: no such user on this"
                    + " host; create it or name another"), "\(onNode.stdout)")
        #expect(
            onNode.lines.contains(
                "\(other)/ha.cf:\(line): error: respawn: Client child command [/nonexistent/agent] is not executable on this host;"
                    + " install it or fix the path"), "\(onNode.stdout)")
    }
}

extension ConfigCheckDirectiveTests {
    @Test("a STONITH plugin or a watchdog device missing on this host: a warning off the node, an error on it, a warning with the flag")
    func fencingHostFacts() throws {
        for (line, message) in [
            ("stonith_host * external/no-such-plugin secret", "STONITH plugin 'external/no-such-plugin' is not installed on this host"),
            ("stonith no-such-type /etc/ha.d/stonith.cfg", "STONITH plugin 'no-such-type' is not installed on this host"),
            ("watchdog /dev/no-such-watchdog", "watchdog device '/dev/no-such-watchdog' does not exist on this host"),
        ] {
            let tmp = try TemporaryDirectory()
            defer { tmp.remove() }
            let (dir, number) = try config(tmp, adding: line)
            let at = "\(dir)/ha.cf:\(number): "
            let off = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha"])
            #expect(off.status == 0 && off.lines.contains { $0.hasPrefix(at + "warning: " + message) }, "\(line): \(off.stdout)")
            let on = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha", "--on-node"])
            #expect(on.status == 1 && on.lines.contains { $0.hasPrefix(at + "error: " + message) }, "\(line): \(on.stdout)")
            let allowed = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha", "--on-node", "--allow-unfenced"])
            #expect(allowed.lines.contains { $0.hasPrefix(at + "warning: " + message) }, "\(line): \(allowed.stdout)")
        }
    }

    @Test("a plugin installed here passes, and a device for another host is not looked for here")
    func fencingHostFactsPass() throws {
        for line in ["stonith_host * null alpha bravo", "stonith_host bravo external/no-such-plugin x"] {
            let tmp = try TemporaryDirectory()
            defer { tmp.remove() }
            let (dir, _) = try config(tmp, adding: line)
            let result = try run("hadaemon", ["config", "check", "--config-dir", dir, "--node", "alpha"])
            #expect(result.status == 0 && !result.stdout.contains("STONITH plugin"), "\(line): \(result.stdout)")
        }
    }
}
