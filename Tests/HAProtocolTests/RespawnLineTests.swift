import Testing

@testable import HAProtocol

/// `respawn`, `failfast`, `apiauth` and `env` lines as hadaemon honours them (issue 12).
@Suite struct RespawnLineTests {
    static let base = "node alpha\nnode bravo\nucast hb0 192.0.2.12\nlogfile /x\nauto_failback on\n"

    func parse(_ extra: String) -> Parsed<HACF> { HACFParser.parse(Self.base + extra, file: "/etc/ha.d/ha.cf") }

    @Test("ipfail, dopd, plain programs and the apiauth lines hadaemon covers pass without a word")
    func honouredLines() {
        let result = parse(
            """
            respawn hacluster /usr/lib/heartbeat/ipfail
            failfast hacluster /usr/lib/heartbeat/dopd -t 5
            respawn root /usr/local/sbin/agent --quiet
            apiauth ipfail gid=haclient uid=hacluster
            apiauth dopd gid=haclient uid=hacluster
            apiauth anon gid=haclient
            apiauth cl_status uid=root gid=haclient

            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.value.runsIPFail && result.value.runsDopd)
        #expect(result.value.supervisedChildren.map(\.commandLine) == ["/usr/local/sbin/agent --quiet"])
        #expect(result.value.childSetup == ["respawn root /usr/local/sbin/agent --quiet"])
    }

    @Test("an apiauth line for the control socket's clients whose lists differ from root and haclient is a warning")
    func controlSocketListsNotApplied() {
        let result = parse("apiauth anon uid=alice\n")
        #expect(
            result.diagnostics.map(\.description) == [
                "/etc/ha.d/ha.cf:6: warning: apiauth anon: hadaemon's control socket admits root and group haclient (Heartbeat's default);"
                    + " the uid/gid lists of this line are not applied"
            ])
    }

    @Test(
        "apiauth syntax errors in Heartbeat's words",
        arguments: [
            ("apiauth ipfail", "Invalid apiauth directive [ipfail]: Missing uid or gid in apiauth"),
            ("apiauth ipfail uid=a uid=b", "Invalid apiauth directive [ipfail uid=a uid=b]: Duplicate uid list in apiauth"),
            ("apiauth ipfail gid=a gid=b", "Invalid apiauth directive [ipfail gid=a gid=b]: Duplicate gid list in apiauth"),
            ("apiauth ipfail users=a", "Invalid apiauth directive [ipfail users=a]: Missing uid or gid in apiauth"),
            ("apiauth ipfail uid=a\napiauth ipfail uid=b", "Duplicate apiauth directive for API client ipfail: [ipfail uid=b]"),
        ])
    func apiauthSyntax(lines: String, expected: String) {
        let errors = parse(lines + "\n").diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1 && errors[0].message.hasPrefix(expected), "\(errors)")
    }

    @Test("a user name of 64 bytes or more is Heartbeat's 'too long'")
    func longUser() {
        let errors = parse("respawn \(String(repeating: "u", count: 64)) /bin/true\n").diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1 && errors[0].message.contains("UID specified for client child is too long"), "\(errors)")
    }

    @Test("env lines become HA_NAME for the children, the last value of a name winning")
    func environment() {
        let cf = parse("env FOO=bar\nenv BAZ=1,FOO=qux\n").value
        #expect(cf.childEnvironment == ["HA_FOO": "qux", "HA_BAZ": "1"])
    }

    @Test("on the node a missing user or program is an error in Heartbeat's words; elsewhere a warning; ipfail is not looked at")
    func hostChecks() {
        let cf = parse("respawn hacluster /usr/lib/heartbeat/ipfail\nrespawn ghost /opt/agent\nfailfast root /bin/true\n").value
        let check = { (onNode: Bool) in
            cf.clientChildDiagnostics(
                file: "/etc/ha.d/ha.cf", onNode: onNode, userExists: { $0 == "root" }, isExecutable: { $0 == "/bin/true" })
        }
        #expect(
            check(true).map(\.description) == [
                "/etc/ha.d/ha.cf:7: error: respawn: Invalid uid [ghost] specified for client child: no such user on this host; create it or"
                    + " name another",
                "/etc/ha.d/ha.cf:7: error: respawn: Client child command [/opt/agent] is not executable on this host; install it or fix the path",
            ])
        #expect(check(false).allSatisfy { $0.severity == .warning } && check(false).count == 2)
    }
}
