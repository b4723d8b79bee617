import HAProtocol
import Testing

/// The console reads a node that runs Heartbeat itself through ``ClStatusProbe``. Its parser is
/// fed what real Heartbeat 3.0.6 printed in each captured state (`Fixtures/clstatus`), wrapped as
/// the probe script wraps it, and must come back with the state ``ClStatusCompatTests`` holds for
/// that capture.
@Suite struct ClStatusProbeTests {
    static let haCF = """
        logfile /var/log/ha-log
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
        """
    static let haResources = "alpha IPaddr2::192.0.2.100/24/hb0 hbdummy\n"

    /// What the probe script would have printed on `node` in the captured state.
    static func probeOutput(_ commands: [CapturedCommand], node: String, drbd: String? = nil) -> String {
        func run(_ arguments: String...) -> CapturedCommand? {
            commands.first { $0.node == node && $0.arguments == arguments }
        }
        let hbstatus = run("hbstatus")
        var lines = ["@@hb host \(node)", "@@hb hbstatus \(hbstatus?.exitCode ?? 1)"]
        for (section, command) in [("listnodes", run("listnodes", "-v")), ("rscstatus", run("rscstatus"))] {
            guard let command else { continue }
            lines += ["@@hb section \(section)", command.output + "@@hb rc \(command.exitCode)"]
        }
        lines += ["@@hb section ha.cf", haCF, "", "@@hb rc 0", "@@hb section haresources", haResources, "@@hb rc 0"]
        if let drbd { lines += ["@@hb drbd /proc/drbd", drbd, "@@hb rc 0"] }
        lines.append("@@hb end")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("each captured state reads back as the state it was captured in", arguments: ClStatusCompatTests.states)
    func capturedStates(_ state: ClStatusCompatTests.State) throws {
        let commands = try CapturedCommand.load(state.file)
        for (node, expected) in [("alpha", state.alpha), ("bravo", state.bravo)] {
            guard commands.contains(where: { $0.node == node }) else { continue }
            let reading = ClStatusProbe.parse(Self.probeOutput(commands, node: node))
            #expect(reading.complete && reading.host == node)
            guard let expected else {
                #expect(reading.snapshot(takenAt: 0) == nil, "\(state.file) on \(node): cl_status cannot answer")
                #expect(reading.unusableReason == "\(node): stopped or in initdead")
                continue
            }
            let snapshot = try #require(reading.snapshot(takenAt: 0), "\(state.file) on \(node): \(reading.unusableReason ?? "")")
            #expect(snapshot.localNode == node)
            #expect(snapshot.nodes.map(\.name) == ["bravo", "alpha"])
            for want in expected.nodes {
                let got = try #require(snapshot.node(want.name))
                // Heartbeat keeps a cleanly stopped peer `active` until deadtime passes.
                #expect(got.status == (want.status == .stopping ? .active : want.status), "\(state.file) on \(node): \(want.name)")
                #expect(got.links.map(\.status) == (want.links.isEmpty ? [.dead] : want.links.map(\.status)))
            }
            // `transition` names no class: the reading claims none rather than guess.
            let holds = expected.node(node)?.stable == false ? nil : expected.node(node)?.holds
            #expect(snapshot.node(node)?.holds == holds, "\(state.file) on \(node)")
            #expect(snapshot.node(node)?.stable == expected.node(node)?.stable)
            #expect(snapshot.timers == .init(keepalive: 1000, warntime: 5000, deadtime: 10000, initdead: 20000))
            #expect(snapshot.autoFailback == .on)
        }
    }

    @Test("the group's holder follows rscstatus: local, all, none, and the peer's share when it is up")
    func holders() throws {
        let both = try CapturedCommand.load("04-both-up")
        let alpha = try #require(ClStatusProbe.parse(Self.probeOutput(both, node: "alpha")).snapshot(takenAt: 0))
        #expect(alpha.groups.map(\.holders) == [["alpha"]])
        #expect(alpha.groups.first?.state == .running && alpha.groups.first?.resources == ["IPaddr2::192.0.2.100/24/hb0", "hbdummy"])
        let bravo = try #require(ClStatusProbe.parse(Self.probeOutput(both, node: "bravo")).snapshot(takenAt: 0))
        #expect(bravo.groups.map(\.holders) == [["alpha"]], "bravo holds local (nothing is homed on it); alpha, up, holds the rest")
        let standby = try CapturedCommand.load("06-alpha-standby")
        let fromAlpha = try #require(ClStatusProbe.parse(Self.probeOutput(standby, node: "alpha")).snapshot(takenAt: 0))
        #expect(fromAlpha.groups.map(\.holders) == [["bravo"]])
        #expect(fromAlpha.node("bravo")?.holds == .all)
        let killed = try CapturedCommand.load("14-alpha-killed-after-takeover")
        let survivor = try #require(ClStatusProbe.parse(Self.probeOutput(killed, node: "bravo")).snapshot(takenAt: 0))
        #expect(survivor.groups.map(\.holders) == [["bravo"]])
        #expect(survivor.node("alpha")?.holds == ResourceClass.none)
    }

    @Test("a split brain shows when each side's own rscstatus is at hand, and not from one side alone")
    func splitBrainNeedsBothWords() throws {
        let split = try CapturedCommand.load("16-split-brain")
        let reading = ClStatusProbe.parse(Self.probeOutput(split, node: "alpha"))
        #expect(reading.snapshot(takenAt: 0)?.groups.map(\.holders) == [["alpha"]], "bravo is dead in alpha's eyes")
        let bravoSaid = ClStatusProbe.parse(Self.probeOutput(split, node: "bravo"))
        let claims = ["bravo": try #require(bravoSaid.holds)]
        #expect(reading.snapshot(takenAt: 0, claims: claims)?.groups.map(\.holders) == [["bravo", "alpha"]])
    }

    @Test("transition: no holder claimed, the group starting, the node unsettled")
    func transition() throws {
        let alone = try CapturedCommand.load("02-alpha-alone-after-initdead")
        let commands = alone.map { command -> CapturedCommand in
            var command = command
            if command.arguments == ["rscstatus"], command.node == "alpha" { command.output = "transition\n" }
            return command
        }
        let snapshot = try #require(ClStatusProbe.parse(Self.probeOutput(commands, node: "alpha")).snapshot(takenAt: 0))
        #expect(snapshot.groups.first?.state == .starting && snapshot.groups.first?.holders == [])
        #expect(snapshot.node("alpha")?.stable == false && snapshot.node("alpha")?.holds == nil)
    }

    @Test("what cannot be read is said, naming the node: no cl_status, a cut-short run, a broken ha.cf")
    func unusable() {
        var missing = ClStatusProbe.parse("@@hb host alpha\n@@hb missing cl_status\n@@hb hbstatus 127\n@@hb end\n")
        #expect(missing.unusableReason == "cl_status is not installed on alpha")
        missing = ClStatusProbe.parse("@@hb host alpha\n@@hb hbstatus 0\n@@hb section listnodes\n")
        #expect(missing.unusableReason == "the cl_status probe was cut short")
        let broken = ClStatusProbe.parse(
            "@@hb host alpha\n@@hb hbstatus 0\n@@hb section ha.cf\ncat: /etc/ha.d/ha.cf: No such file or directory\n@@hb rc 1\n@@hb end\n")
        #expect(broken.unusableReason == "ha.cf: cat: /etc/ha.d/ha.cf: No such file or directory")
    }

    @Test("DRBD comes along with its source; ping nodes keep their type")
    func drbdAndPing() {
        let output = """
            @@hb host alpha
            @@hb hbstatus 0
            @@hb section listnodes

            192.0.2.1\tping\t(nodetype: ping)
            \t192.0.2.1\tup

            alpha\tactive\t(nodetype: normal)
            @@hb rc 0
            @@hb drbd /proc/drbd
            version: 8.4.11 (api:1/proto:86-101)
            @@hb rc 0
            @@hb end
            """
        let reading = ClStatusProbe.parse(output)
        #expect(reading.nodes.map(\.type) == [.ping, .normal])
        #expect(reading.nodes.first?.status == .ping && reading.nodes.first?.links.first?.status == .up)
        #expect(reading.drbdSource == "/proc/drbd" && reading.drbdText?.hasPrefix("version: 8.4.11") == true)
    }

    @Test("the script asks cl_status only, reads the config where Heartbeat does, and ends with the marker")
    func script() {
        let script = ClStatusProbe.script()
        #expect(script.contains("cl_status listnodes -v") && script.contains("cl_status rscstatus"))
        #expect(script.contains("/etc/ha.d/$f") && script.hasSuffix("echo '@@hb end'"))
        #expect(ClStatusProbe.script(drbdCommand: "/opt/drbd-status").contains("/opt/drbd-status 2>&1"))
    }
}
