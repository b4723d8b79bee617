import HAHost
import HAProtocol
import Testing

@testable import HAConsole

/// The timeline panel (`t`): the console's own log ring, the peer's log, the DRBD changes it
/// saw and the SOP steps, merged, with the failover bar, through ``ConsoleModel/apply(_:)``.
@Suite struct TimelinePanelRenderTests {
    /// alpha (followed) sees bravo die and takes the group over; bravo's log came earlier.
    static let alphaLog = [
        "Nov 22 03:09:40 alpha heartbeat: [10]: WARN: Late heartbeat: Node bravo: interval 350 ms",
        "Nov 22 03:09:58 alpha heartbeat: [10]: WARN: node bravo: is dead",
        "Nov 22 03:09:58 alpha heartbeat: [10]: info: Link bravo:hb0 dead.",
        "Nov 22 03:09:58 alpha heartbeat: [10]: info: Resources being acquired from bravo.",
        "Nov 22 03:09:59 alpha heartbeat: [10]: info: mach_down takeover complete.",
    ]

    static func model() -> ConsoleModel {
        var state = Pair.state(log: alphaLog)
        state.recordPeerLog(
            [HALogEntry(parsing: "Nov 22 03:09:30 bravo heartbeat: [20]: info: Link alpha:hb1 up.")], node: "bravo")
        // bravo's DRBD view: Primary, then (a reading later) its connection lost.
        var drbd = DRBDStatus(resources: [
            DRBDResource(
                name: "r0", role: .primary, devices: [DRBDDevice(volume: 0, disk: .upToDate)],
                connections: [DRBDConnection(name: "alpha", state: .connected, peerRole: .secondary)])
        ])
        state.clock.now = Pair.now - 20_000
        state.receiveDRBD(drbd, of: "bravo", source: "drbdsetup status")
        drbd.resources[0].connections[0].state = .standAlone
        drbd.resources[0].role = .secondary
        state.clock.now = Pair.now - 12_000
        state.receiveDRBD(drbd, of: "bravo", source: "drbdsetup status")
        state.clock.now = Pair.now
        return ConsoleModel(state: state, feedKinds: [.daemon], readOnly: false, sopDirectory: "/nonexistent", identity: .init(user: "op", host: "h"))
    }

    static func opened() -> ConsoleModel {
        var model = model()
        _ = model.apply(.key(.character("t"), pageSize: 10))
        return model
    }

    @Test("t at 80x24: the events newest last with times and sources, the failover bar, DRBD changes, and its own hints")
    func panel80x24() {
        let model = Self.opened()
        #expect(model.state.showTimeline)
        let screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        let text = screen.text
        #expect(screen.lines[1].hasPrefix("─ Timeline  8 events, deadtime 500 ms  t or Esc back ─"), "\(text)")
        #expect(text.contains(" Failovers  * inferred from deadtime"), "\(text)")
        #expect(text.contains("  bravo→alpha detect 500ms* ▕"), "\(text)")
        #expect(text.contains("▏ takeover 1000ms ▕"), "\(text)")
        #expect(text.contains("= 1500 ms"), "\(text)")
        #expect(text.contains(" 03:09:58  alpha  node_dead          node bravo: is dead"), "\(text)")
        #expect(text.contains(" 03:09:59  bravo  drbd_connection    r0 alpha Connected -> StandAlone"), "\(text)")
        #expect(text.contains(" 03:09:59  bravo  drbd_role          r0 role Primary -> Secondary"), "\(text)")
        #expect(text.contains(" 03:09:30  bravo  link_up            Link alpha:hb1 up."), "\(text)")
        // Newest last: bravo's DRBD connection, seen lost in the latest reading.
        let last = screen.lines.lastIndex { $0.hasPrefix(" 03:") } ?? 0
        #expect(screen.lines[last].hasPrefix(" 03:09:59  bravo  drbd_connection"), "\(text)")
        #expect(screen.lines[last - 2].hasPrefix(" 03:09:59  alpha  takeover_complete  mach_down takeover complete."), "\(text)")
        #expect(screen.lines[23] == " q quit  ? help  p procedures  Esc back  ↑↓ older/newer  ! problems", "\(text)")
        #expect(screen.style(of: "node_dead", onRow: screen.lines.firstIndex { $0.contains("node_dead") } ?? 0)?.bold == true)
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test("at 100x30 the heartbeat sparklines head the panel, scaled to deadtime, with each link's max")
    func panel100x30() {
        var model = Self.opened()
        for age in [90, 110, 100, 480, 120] {
            var snapshot = Pair.snapshot()
            snapshot.nodes[1].links[0].lastHeardAge = age
            model.state.receive(snapshot: snapshot, at: Pair.now)
        }
        let screen = ConsoleModelView.render(model, width: 100, height: 30, options: RenderOptions())
        let text = screen.text
        #expect(text.contains(" Heartbeat age per link  top = deadtime 500 ms"), "\(text)")
        #expect(text.contains("  bravo hb0  ▂▂▃▂█▃  max 480 ms"), "\(text)")
        #expect(text.contains("  bravo hb1  ▂▂▂▂▂▂  max 80 ms"), "\(text)")
        #expect(text.contains("node bravo: is dead"))
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= 100 })
    }

    @Test("ASCII and no-colour: no byte beyond ASCII, the bar in brackets and #, emphasis without colour")
    func asciiNoColour() {
        let options = RenderOptions(color: false, ascii: true)
        for (width, height) in [(80, 24), (100, 30)] {
            let screen = ConsoleModelView.render(Self.opened(), width: width, height: height, options: options)
            #expect(screen.text.utf8.allSatisfy { $0 < 128 }, "\(screen.text)")
            #expect(screen.text.contains("  bravo->alpha detect 500ms* [#"), "\(screen.text)")
            #expect(screen.lines[height - 1].contains("Esc back  j/k older/newer"))
        }
    }

    @Test("keys: arrows go back to older events and End to the newest; Esc closes; ! leaves for the problems")
    func keys() {
        var model = Self.opened()
        _ = model.apply(.key(.up, pageSize: 10))
        _ = model.apply(.key(.up, pageSize: 10))
        #expect(model.state.timelineScroll == 2)
        var screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        let marker = screen.lines.firstIndex(of: " … 2 newer below (End: newest)")
        #expect(marker.map { screen.lines[$0 - 1].hasPrefix(" 03:09:59  alpha  takeover_complete") } == true, "\(screen.text)")
        _ = model.apply(.key(.end, pageSize: 10))
        #expect(model.state.timelineScroll == 0)
        _ = model.apply(.key(.escape, pageSize: 10))
        #expect(!model.state.showTimeline)
        screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(screen.text.contains("Resource groups"))
        _ = model.apply(.key(.character("t"), pageSize: 10))
        _ = model.apply(.key(.character("!"), pageSize: 10))
        #expect(!model.state.showTimeline && model.state.browse.problemsOnly)
        _ = model.apply(.key(.character("t"), pageSize: 10))
        _ = model.apply(.key(.character("t"), pageSize: 10))
        #expect(!model.state.showTimeline && model.state.browse.problemsOnly, "t again goes back to where it was")
    }

    @Test("the help lists t, and t is a letter while a filter is typed")
    func helpAndTyping() {
        var model = Self.model()
        model.state.showHelp = true
        #expect(ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions()).text.contains("t           timeline"))
        model.state.showHelp = false
        _ = model.apply(.key(.character("/"), pageSize: 10))
        _ = model.apply(.key(.character("t"), pageSize: 10))
        #expect(!model.state.showTimeline && model.state.draft == "t")
    }

    @Test("an SOP step recorded in this console is a timeline event with its operator")
    func sopStep() {
        var model = Self.opened()
        var start = SOPAuditRecord(time: "2026-11-22T03:10:00Z", run: "run-1", event: .runStarted, procedure: "failover")
        start.user = "dana"
        model.state.history.recordAudit(start)
        model.state.history.recordAudit(
            SOPAuditRecord(time: "2026-11-22T03:10:05Z", run: "run-1", event: .verificationPassed, procedure: "failover", step: "1"))
        let text = ConsoleModelView.render(model, width: 100, height: 30, options: RenderOptions()).text
        #expect(text.contains("audit  sop_step           failover step 1 verification_passed (operator dana)"), "\(text)")
    }

    @Test("a crm_mon source has no ages: the panel and the node detail say so")
    func pacemakerHasNoAges() {
        var state = Self.model().state
        state.source = .pacemaker(origin: "crm_mon on this host")
        state.showTimeline = true
        #expect(ConsoleView.render(state, width: 80, height: 24).text.contains("Heartbeat age per link  no ages from crm_mon"))
        state.showTimeline = false
        state.browse.detail = .node("bravo")
        #expect(ConsoleView.render(state, width: 80, height: 30).text.contains("  jitter      no ages from crm_mon"))
    }

    @Test("a node's detail shows each link's heartbeat ages as a sparkline with the max")
    func nodeDetailSparkline() {
        var state = Pair.healthy()
        for age in [100, 100, 260] {
            var snapshot = Pair.snapshot()
            snapshot.nodes[1].links[0].lastHeardAge = age
            state.receive(snapshot: snapshot, at: Pair.now)
        }
        state.browse.detail = .node("bravo")
        let text = ConsoleView.render(state, width: 80, height: 30).text
        #expect(text.contains("  jitter      hb0 ▂▂▂▅  max 260 ms"), "\(text)")
        #expect(text.contains("              hb1 ▂▂▂▂  max 80 ms"), "\(text)")
    }

    @Test("a full log ring (2000 classified lines) and a big cluster still render the panel in a few milliseconds")
    func fullRingFrame() {
        var state = RenderPerformanceTests.bigCluster()
        state.showTimeline = true
        _ = ConsoleView.render(state, width: 80, height: 24)
        let frames = 10
        let started = SystemClock.now()
        for _ in 0..<frames { _ = ConsoleView.render(state, width: 80, height: 24) }
        let perFrame = (SystemClock.now() - started) / frames
        // Debug builds; the same bound as RenderPerformanceTests' frames.
        #expect(perFrame < .milliseconds(100), "\(perFrame) per frame")
        #expect(ConsoleView.render(state, width: 80, height: 24).lines[1].hasPrefix("─ Timeline  2000 events"))
    }
}
