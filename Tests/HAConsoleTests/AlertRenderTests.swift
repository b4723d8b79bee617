import HAProtocol
import Testing

@testable import HAConsole

@Suite struct AlertRenderTests {
    @Test("each alert kind is derived with its cause and evidence", arguments: AlertScenario.allCases)
    func derivesEachKind(scenario: AlertScenario) throws {
        let alerts = ConsoleAlerts.derive(from: scenario.state)
        let first = try #require(alerts.first)
        #expect(first.kind == scenario.expected.kind)
        #expect(first.severity == scenario.expected.severity)
        #expect(!first.evidence.isEmpty)
    }

    @Test(
        "each alert shows at 80x24 under the header: cause in its severity's role, then its first evidence line",
        arguments: AlertScenario.allCases)
    func rendersEachKind(scenario: AlertScenario) {
        let screen = ConsoleView.render(scenario.state, width: 80, height: 24)
        #expect(screen.lines[1].hasPrefix("─ Alerts "))
        #expect(screen.lines[2] == scenario.expected.cause)
        #expect(screen.lines[3] == scenario.expected.evidence)
        let role: ColorRole = scenario.expected.severity == .critical ? .critical : .warning
        let word = scenario.expected.severity == .critical ? "▲ CRIT" : "△ WARN"
        #expect(screen.style(of: word, onRow: 2) == .role(role, bold: true))
        #expect(screen[3, 8].style == .role(.muted))
    }

    @Test("groups and nodes stay on screen at 80x24 under any single alert", arguments: AlertScenario.allCases)
    func groupsAndNodesStay(scenario: AlertScenario) {
        let screen = ConsoleView.render(scenario.state, width: 80, height: 24)
        if scenario.state.snapshot != nil {
            #expect(screen.lines.contains { $0.contains("IPaddr2::192.0.2.100/24/hb0  pref alpha") })
            #expect(screen.lines.contains { $0.contains(" bravo ") })
        }
        #expect(screen.lines[23].hasPrefix(" q quit"))
    }

    @Test("a split brain with a failed group and a late heartbeat: critical first, the whole panel exact")
    func severalAlertsSorted() {
        var state = Pair.state(
            Pair.snapshot(holders: ["alpha", "bravo"], state: .failed, lastError: "stop: exit 1"),
            log: [
                "Nov 22 03:09:58 alpha heartbeat: [25506]: WARN: Late heartbeat: Node bravo: interval 260 ms",
                "Nov 22 03:10:11 alpha heartbeat: [17920]: CRIT: Cluster node bravo returning after partition.",
            ])
        state.focus = .nodes
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(
            screen.lines[0..<8].joined(separator: "\n") == """
                 linux-ha on alpha  daemon connected, data 400ms  links 2/2            03:10:11
                ─ Alerts 3 ─────────────────────────────────────────────────────────────────────
                 ▲ CRIT alpha and bravo both hold IPaddr2::192.0.2.100/24/hb0
                        alpha reports it holds IPaddr2::192.0.2.100/24/hb0 (failed)
                 ▲ CRIT group IPaddr2::192.0.2.100/24/hb0 failed on alpha
                        stop: exit 1
                 △ WARN 1 late heartbeat from bravo, worst 260 ms
                        Nov 22 03:09:58 alpha heartbeat: [25506]: WARN: Late heartbeat: Node bra
                """)
        #expect(screen.style(of: "Alerts 3", onRow: 1) == .role(.critical, bold: true))
        #expect(screen.style(of: "alpha and bravo", onRow: 2) == .role(.critical, bold: true))
    }

    @Test("the daemon's own alert and the console's for the same group merge into one")
    func daemonAlertsMerge() {
        let daemon = Alert(
            kind: .splitBrain, severity: .critical, message: "alpha and bravo both hold IPaddr2::192.0.2.100/24/hb0",
            evidence: ["bravo: CRIT: Cluster node alpha returning after partition."], group: Pair.groupKey)
        let state = Pair.state(Pair.snapshot(holders: ["alpha", "bravo"], alerts: [daemon]))
        let alerts = ConsoleAlerts.derive(from: state)
        #expect(alerts.count == 1)
        #expect(alerts[0].evidence.first == "bravo: CRIT: Cluster node alpha returning after partition.")
        #expect(alerts[0].evidence.count == 3)
    }

    @Test("Primary on both nodes is flagged from either node, before DRBD notices")
    func primaryOnBothFromEitherNode() {
        var fromBravo = AlertScenario.drbdPrimaryOnBothDisconnected.state
        fromBravo.snapshot?.localNode = "bravo"
        for state in [AlertScenario.drbdPrimaryOnBothDisconnected.state, fromBravo] {
            let alert = ConsoleAlerts.derive(from: state).first
            #expect(alert?.kind == .drbdSplitBrain)
            #expect(alert?.message == "r0 is Primary on both alpha and bravo while disconnected: the data is diverging")
        }
    }

    @Test("a healed partition in the log is a warning while no group is held twice (no daemon)")
    func healedPartitionIsWarning() {
        var state = AlertScenario.partitionInLog.state
        state.source = .heartbeat(origin: "cl_status on this host")
        state.snapshot = Pair.snapshot()
        let alert = ConsoleAlerts.derive(from: state).first { $0.kind == .splitBrain }
        #expect(alert?.severity == .warning)
    }

    @Test("a node declared dead in the log stops alerting once it is heard again")
    func deadNodeClearedByLaterLine() {
        var state = ConsoleState(source: .none, hostNode: "alpha")
        state.appendLog([HALogEntry(parsing: "Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead")])
        #expect(ConsoleAlerts.derive(from: state).map(\.kind) == [.nodeDead])
        state.appendLog([HALogEntry(parsing: "Nov 22 03:05:01 alpha heartbeat: [25506]: info: Status update for node bravo: status active")])
        #expect(ConsoleAlerts.derive(from: state).isEmpty)
    }

    @Test("the healthy pair raises no alert")
    func healthyHasNone() {
        #expect(ConsoleAlerts.derive(from: Pair.healthy()).isEmpty)
    }

    @Test("a dead peer the daemon says is not fenced yet keeps the daemon's words when the console raises it to critical")
    func daemonFenceWordsSurviveMerge() throws {
        let daemon = Alert(
            kind: .nodeDead, severity: .warning, message: "bravo is dead and not fenced yet; its groups wait for the reset",
            evidence: ["external/ssh has been resetting bravo for 3 s"], node: "bravo")
        let snapshot = Pair.snapshot(
            nodes: [Pair.node("alpha", heard: nil, holds: .all), Pair.node("bravo", status: .dead, heard: 3_200, links: [.dead, .dead])],
            alerts: [daemon])
        let merged = try #require(ConsoleAlerts.derive(from: Pair.state(snapshot)).first)
        #expect(merged.message == daemon.message)
        #expect(merged.severity == .critical)
        #expect(merged.evidence == ["external/ssh has been resetting bravo for 3 s", "last heard 3.2s ago; links hb0 dead, hb1 dead"])
    }
}
