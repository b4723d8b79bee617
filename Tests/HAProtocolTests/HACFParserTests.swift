import Testing

@testable import HAProtocol

@Suite struct HACFParserTests {
    static let netns = """
        logfile /var/log/ha-log
        debugfile /var/log/ha-debug
        logfacility none
        use_logd no
        keepalive 1
        deadtime 10
        warntime 5
        initdead 20
        udpport 694
        ucast hb0 192.0.2.11
        ucast hb0 192.0.2.12
        auto_failback on
        node alpha
        node bravo
        crm off
        """

    func parse(_ text: String) -> Parsed<HACF> { HACFParser.parse(text, file: "ha.cf") }

    func messages(_ text: String) -> [String] { parse(text).diagnostics.map(\.description) }

    @Test("the real two-node configuration parses with no diagnostics and the right values")
    func netnsConfig() {
        let result = parse(Self.netns)
        #expect(result.diagnostics.isEmpty)
        let cf = result.value
        #expect(cf.nodes == ["alpha", "bravo"])
        #expect(cf.keepalive == 1000 && cf.deadtime == 10_000 && cf.warntime == 5000 && cf.initdead == 20_000)
        #expect(cf.deadping == 10_000)
        #expect(cf.autoFailback == .on)
        #expect(cf.logfile == "/var/log/ha-log" && cf.logfacility == nil)
        #expect(cf.media.map(\.kind) == [.ucast(peer: "192.0.2.11"), .ucast(peer: "192.0.2.12")])
        #expect(cf.media.allSatisfy { $0.interface == "hb0" && $0.port == 694 })
        #expect(cf.parameters["deadtime"] == "10")
        #expect(cf.parameters["auto_failback"] == "on")
    }

    @Test(
        "time syntax: seconds, fractions, ms and us units; 's' and blanks before a unit are invalid",
        arguments: [("2", 2000), ("1.5", 1500), ("1500ms", 1500), ("250MS", 250), ("250msec", 250), ("1500us", 2), (".5", 500)] as [(String, Int)])
    func timeSyntax(text: String, ms: Int) {
        #expect(HeartbeatDuration.milliseconds(text) == ms)
    }

    @Test("invalid times", arguments: ["2s", "1min", "", "ms", "1.2.3", "-1", "abc"])
    func invalidTimes(text: String) {
        #expect(HeartbeatDuration.milliseconds(text) == nil)
    }

    @Test("tokenised directives: 'node a, b c' declares three nodes, lower-cased")
    func tokenisedNodes() {
        #expect(parse("node Alpha, bravo charlie\nucast eth0 192.0.2.1\nlogfile /tmp/x\n").value.nodes == ["alpha", "bravo", "charlie"])
    }

    @Test("'keepalive 500 ms' is two settings and the second is an error, as in Heartbeat")
    func unitAfterBlank() {
        let result = messages("keepalive 500 ms\nnode a\nucast eth0 192.0.2.1\nlogfile /tmp/x\n")
        #expect(result.contains { $0.hasPrefix("ha.cf:1: error: invalid time 'ms' for keepalive") })
    }

    @Test("an unknown directive is an error naming file, line and the directive")
    func unknownDirective() {
        let result = messages(Self.netns + "\nkeepalives 2\n")
        #expect(result.contains("ha.cf:16: error: unknown directive 'keepalives' (Heartbeat: Illegal directive [keepalives]): 'keepalives 2'"))
    }

    @Test("deadtime not greater than 2 x keepalive is an error on the deadtime line")
    func deadtimeTooSmall() {
        let text = Self.netns.replacingFirst("deadtime 10", with: "deadtime 2").replacingFirst("initdead 20", with: "initdead 20")
        let result = messages(text)
        #expect(result.contains { $0.hasPrefix("ha.cf:6: error: deadtime (2000 ms) must be greater than 2 x keepalive (1000 ms)") })
    }

    @Test("initdead smaller than deadtime is an error; below 10 s only a warning")
    func initdeadRules() {
        let small = messages(Self.netns.replacingFirst("initdead 20", with: "initdead 5"))
        #expect(small.contains { $0.hasPrefix("ha.cf:8: error: initdead (5000 ms) is smaller than deadtime (10000 ms)") })
        let fast = parse("keepalive 100ms\ndeadtime 500ms\ninitdead 1\nnode a\nucast eth0 192.0.2.1\nlogfile /x\nauto_failback on\n")
        #expect(!fast.diagnostics.hasErrors)
        #expect(fast.diagnostics.map(\.description).contains { $0.hasPrefix("ha.cf:3: warning: initdead (1000 ms) may be too small") })
    }

    @Test("initdead and warntime defaults follow Heartbeat's rule", arguments: [(30_000, 30_000), (8_000, 16_000), (5_000, 12_000)] as [(Int, Int)])
    func initdeadDefault(deadtime: Int, initdead: Int) {
        let cf = parse("deadtime \(deadtime)ms\nnode a\nucast eth0 192.0.2.1\nlogfile /x\n").value
        #expect(cf.initdead == initdead)
        #expect(cf.warntime == deadtime / 2)
    }

    @Test("mcast: group must be multicast, ttl 0-4, loop 0 or 1, all fields present")
    func mcastRules() {
        let base = "node a\nlogfile /x\nauto_failback on\n"
        #expect(messages(base + "mcast lan0 255.0.0.1 694 1 0").contains { $0.hasPrefix("ha.cf:4: error: mcast lan0: bad address '255.0.0.1'") })
        #expect(messages(base + "mcast eth0 239.0.0.1 694 5 0").contains { $0.hasPrefix("ha.cf:4: error: mcast eth0: bad ttl '5'") })
        #expect(messages(base + "mcast eth0 239.0.0.1 694 1 2").contains { $0.hasPrefix("ha.cf:4: error: mcast eth0: bad loop '2'") })
        #expect(messages(base + "mcast eth0 239.0.0.1 694").contains { $0.hasPrefix("ha.cf:4: error: mcast eth0: missing ttl") })
        let good = parse(base + "mcast eth0 239.0.0.1 694 1 0")
        #expect(!good.diagnostics.hasErrors)
        #expect(good.value.media.first?.kind == .mcast(group: IPv4Address("239.0.0.1")!, port: 694, ttl: 1, loop: false))
    }

    @Test(
        "peer and ping addresses: a dotted number must be a real IPv4 address; host names stay allowed",
        arguments: [
            ("ucast hb0 192.0.2.311", "ha.cf:5: error: ucast hb0: bad peer '192.0.2.311': not an IPv4 address (four numbers 0-255) nor a host name"),
            ("ucast hb0 192.0.2", "ha.cf:5: error: ucast hb0: bad peer '192.0.2': not an IPv4 address (four numbers 0-255) nor a host name"),
            ("ucast hb0 +192.0.2.1", "ha.cf:5: error: ucast hb0: bad peer '+192.0.2.1': not an IPv4 address (four numbers 0-255) nor a host name"),
            ("ucast hb0 192.0.2.11x", "ha.cf:5: error: ucast hb0: bad peer '192.0.2.11x': not an IPv4 address (four numbers 0-255) nor a host name"),
            ("ucast hb0 0x7f.1", "ha.cf:5: error: ucast hb0: bad peer '0x7f.1': not an IPv4 address (four numbers 0-255) nor a host name"),
            ("ucast hb0 1234", "ha.cf:5: error: ucast hb0: bad peer '1234': not an IPv4 address (four numbers 0-255) nor a host name"),
            (
                "mcast hb0 239.0.0 694 1 0",
                "ha.cf:5: error: mcast hb0: bad address '239.0.0': a multicast group must be in 224.0.0.0/4, e.g. 239.0.0.1"
            ),
            ("ping 192.0.2.256", "ha.cf:5: error: ping: bad address '192.0.2.256': not an IPv4 address (four numbers 0-255) nor a host name"),
            (
                "ping_group g 192.0.2.1 10.1",
                "ha.cf:5: error: ping_group g: bad address '10.1': not an IPv4 address (four numbers 0-255) nor a host name"
            ),
        ])
    func badPeerAddresses(line: String, expected: String) {
        let result = messages("node a\nucast eth0 192.0.2.1\nlogfile /x\nauto_failback on\n" + line + "\n")
        #expect(result.contains(expected), "\(result)")
    }

    @Test("ucast peers and ping nodes may be host names, as Heartbeat resolves them at start")
    func peerHostNames() {
        let result = parse(
            "node a\nucast eth0 bravo\nucast eth0 bravo.example.net\nucast eth0 2nd-node\nping gw.example.net\nping_group g 192.0.2.1 router\nlogfile /x\nauto_failback on\n"
        )
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        #expect(result.value.media.map(\.kind) == [.ucast(peer: "bravo"), .ucast(peer: "bravo.example.net"), .ucast(peer: "2nd-node")])
    }

    @Test("udpport after a ucast line warns that the media already use the earlier port")
    func udpportOrder() {
        let result = parse("node a\nlogfile /x\nauto_failback on\nucast eth0 192.0.2.2\nudpport 6009\n")
        #expect(result.value.media.first?.port == 694)
        #expect(
            result.diagnostics.map(\.description).contains {
                $0.hasPrefix("ha.cf:5: warning: udpport 6009 comes after the first bcast/ucast line (line 4)")
            })
    }

    @Test("'#' starts a comment anywhere, blank lines are ignored, 'udp' means bcast")
    func commentsAndAlias() {
        let result = parse("# top\n\nnode a # the primary\nudp eth0\nlogfile /x\nauto_failback on\n")
        #expect(result.value.nodes == ["a"])
        #expect(result.value.media.map(\.kind) == [.bcast])
        #expect(result.diagnostics.map(\.description) == ["ha.cf:4: warning: directive 'udp' replaced by 'bcast'"])
    }

    @Test("no media and no nodes are errors; legacy auto_failback is a warning")
    func requiredContent() {
        let result = messages("logfile /x\n")
        #expect(result.contains("ha.cf: error: no heartbeat media defined: add a ucast, bcast or mcast line"))
        #expect(result.contains { $0.hasPrefix("ha.cf: error: no nodes defined") })
        #expect(result.contains { $0.hasPrefix("ha.cf: warning: auto_failback is 'legacy' (the default)") })
    }

    @Test(
        "booleans, enums and ranges are checked",
        arguments: [
            ("use_logd perhaps", "use_logd takes a boolean"), ("auto_failback sometimes", "auto_failback must be on, off or legacy"),
            ("logfacility local9", "unknown log facility 'local9'"), ("hbgenmethod random", "hbgenmethod must be file or time"),
            ("crm on", "hands resources to Pacemaker"), ("autojoin any", "conflicts with haresources"), ("udpport 70000", "udpport must be a port"),
            ("baud 1234", "invalid baudrate"), ("debug 300", "debug must be an integer 0-255"),
            ("respawn hacluster ipfail", "is not a full path name"),
            ("normalpoll on", "unknown directive 'normalpoll'"), ("warntime 0", "warntime must be greater than 0"),
        ])
    func invalidValues(line: String, expected: String) {
        let result = messages("node a\nucast eth0 192.0.2.1\nlogfile /x\nauto_failback on\n" + line + "\n")
        #expect(result.contains { $0.hasPrefix("ha.cf:5: error: ") && $0.contains(expected) }, "\(result)")
    }

    @Test("nice_failback keeps 3.0.6's quirk: it becomes off only after a boolean auto_failback")
    func niceFailbackQuirk() {
        #expect(parse("nice_failback on\nnode a\nucast e 192.0.2.1\nlogfile /x\n").value.autoFailback == .legacy)
        #expect(parse("auto_failback on\nnice_failback on\nnode a\nucast e 192.0.2.1\nlogfile /x\n").value.autoFailback == .off)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
