import HAProtocol
import Testing

@testable import HAConsole

@Suite struct DetailViewRenderTests {
    private func detail(_ subject: ConsoleSubject, of state: ConsoleState) -> ConsoleState {
        var state = state
        state.browse.detail = subject
        return state
    }

    private func model(_ state: ConsoleState) -> ConsoleModel {
        ConsoleModel(state: state, feedKinds: [.daemon], readOnly: false, sopDirectory: "/nonexistent", identity: .init(user: "op", host: "h"))
    }

    @Test("a node's detail at 80x24 lists its status, links with last-heard ages, generation, holdings and DRBD")
    func nodeDetail() {
        var state = Pair.healthy()
        state.snapshot?.nodes[1].links[1] = LinkSnapshot(interface: "hb1", status: .dead, lastHeardAge: 3200)
        let screen = ConsoleView.render(detail(.node("bravo"), of: state), width: 80, height: 24)
        #expect(
            screen.lines[1...12].joined(separator: "\n") == """
                ─ Node bravo  Esc back ─────────────────────────────────────────────────────────
                  status      active
                  heard       80ms ago
                  links       hb0 up, last heard 80ms ago
                              hb1 DEAD, last heard 3.2s ago
                  generation  1795316680
                  resources   holds none
                              runs no group
                  deadtime    500ms
                  config      cf=3f0c1a2b3c4d res=9a1b2c3d4e5f keys=77de00112233
                  DRBD        via heartbeat
                              r0  Connected  Secondary/Primary  UpToDate/UpToDate
                """)
        #expect(screen.text.contains("Alerts 1"))
        #expect(screen.text.contains("△ WARN link hb1 to bravo is dead (1 of 2 up)"))
        #expect(screen.text.contains("bravo:hb1 dead, last heard 3.2s ago"))
        #expect(screen.text.contains("from daemon on alpha, snapshot 03:10:10"))
    }

    @Test("a group's detail names its holder, resources with their DRBD state, error and failures from the log")
    func groupDetail() {
        var state = Pair.healthy()
        state.snapshot?.groups[0].lastError = "start: exit 1"
        let text = ConsoleView.render(detail(.group(Pair.groupKey), of: state), width: 100, height: 30).text
        #expect(text.contains("Group IPaddr2::192.0.2.100/24/hb0  Esc back"))
        #expect(text.contains("  runs on     alpha"))
        #expect(text.contains("  preferred   alpha"))
        #expect(text.contains("  state       running  since 03:04:52 (5m19s ago)"))
        #expect(text.contains("              drbddisk::r0  alpha Primary UpToDate, bravo Secondary UpToDate"))
        #expect(text.contains("  last error  start: exit 1"))
    }

    @Test("a DRBD resource's detail shows both nodes, the sync progress and out-of-sync, and its source")
    func drbdDetail() {
        let text = ConsoleView.render(detail(.drbd("r0"), of: DRBDFamily.syncing.state), width: 100, height: 30).text
        #expect(text.contains(" alpha  via /proc/drbd"))
        #expect(text.contains(" bravo  via heartbeat"))
        #expect(text.contains("  role        Primary"))
        #expect(text.contains("  connection  SyncSource 57.3%  peer Secondary"))
        #expect(text.contains("volume 0  peer disk Inconsistent  SyncSource  out-of-sync 1.0G"))
        #expect(text.contains("sync  57.3%  eta 0:00:32"))
        #expect(text.contains("  used by     IPaddr2::192.0.2.100/24/hb0"))
        #expect(text.contains("Not healthy (no alert)"))
    }

    @Test("the evidence behind a DRBD split-brain alert names the feed each node's line came from")
    func evidenceFeeds() {
        let state = detail(.drbd("r0"), of: AlertScenario.drbdPair(alpha: AlertScenario.standAloneA, bravo: AlertScenario.standAloneB))
        let text = ConsoleView.render(state, width: 100, height: 40).text
        #expect(text.contains("△ WARN r0 may be in split brain"))
        #expect(
            text.contains(
                "       alpha: r0 StandAlone Secondary/Unknown UpToDate/DUnknown oos 76K\n         from DRBD alpha via /proc/drbd, read here"))
        #expect(
            text.contains(
                "       bravo: r0 StandAlone Primary/Unknown UpToDate/DUnknown oos 100K\n         from DRBD bravo via heartbeat, summary in snapshot 03:10:10"
            ))
    }

    @Test("on a Heartbeat node the evidence comes from cl_status, and no age is invented")
    func clStatusEvidence() {
        var state = Pair.state(Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .local), Pair.node("bravo", status: .dead, heard: nil)]))
        state.source = .heartbeat(origin: "cl_status on this host")
        let text = ConsoleView.render(detail(.node("bravo"), of: state), width: 100, height: 30).text
        #expect(text.contains("  heard       age n/a (cl_status tells no ages)"), "\(text)")
        #expect(text.contains("▲ CRIT bravo is dead"), "\(text)")
        #expect(
            text.contains("       cl_status on alpha says dead; links hb0 up, hb1 up\n         from cl_status on this host, snapshot 03:10:10"),
            "\(text)")
    }

    @Test("a late heartbeat's evidence is the log line, from the ha-log")
    func logEvidence() {
        let line = "Nov 22 03:09:58 alpha heartbeat: [25506]: WARN: Late heartbeat: Node bravo: interval 260 ms"
        let state = detail(.node("bravo"), of: Pair.state(log: [line]))
        let text = ConsoleView.render(state, width: 120, height: 30).text
        #expect(text.contains("       \(line)\n         from ha-log /var/log/ha-log"))
    }

    @Test("Tab to the nodes panel, down, Enter opens bravo; the arrows scroll; Backspace closes")
    func keysOpenAndClose() {
        var model = model(Pair.healthy())
        _ = model.apply(.key(.tab, pageSize: 10))
        #expect(model.state.focus == .alerts)
        _ = model.apply(.key(.tab, pageSize: 10))
        #expect(model.state.focus == .nodes)
        var screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(screen.lines[2].hasPrefix(">● active  alpha"))
        #expect(screen.lines[23].contains("Enter detail"))
        let wide = ConsoleModelView.render(model, width: 200, height: 30, options: RenderOptions())
        #expect(wide.lines[29].contains("↑↓ select"), "in the nodes panel the arrows select rows")
        _ = model.apply(.key(.down, pageSize: 10))
        screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(screen.lines[3].hasPrefix(">● active  bravo"))
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.state.browse.detail == .node("bravo"))
        _ = model.apply(.key(.down, pageSize: 4))
        #expect(model.state.browse.detailScroll == 1)
        for _ in 0..<40 { _ = model.apply(.key(.down, pageSize: 4)) }
        let lines = DetailView.lines(.node("bravo"), context: RenderContext(state: model.state, options: RenderOptions())).count
        #expect(model.state.browse.detailScroll == lines - 5, "scrolling stops once the last line is on screen")
        _ = model.apply(.key(.up, pageSize: 4))
        #expect(model.state.browse.detailScroll == lines - 6)
        _ = model.apply(.key(.backspace, pageSize: 10))
        #expect(model.state.browse.detail == nil)
        #expect(model.state.focus == .nodes)
    }

    @Test("Enter in the DRBD panel opens the resource; during an SOP run Enter stays the run's")
    func drbdPanelAndSOP() {
        var model = model(Pair.healthy())
        model.state.focus = .drbd
        let screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(screen.lines.contains { $0.hasPrefix(">r0  alpha") })
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.state.browse.detail == .drbd("r0"))
    }

    @Test("the detail view fits 80x24 and 100x30 in ASCII and no-colour modes")
    func modes() {
        let state = detail(.node("bravo"), of: DRBDFamily.standAloneSplitBrain.state)
        for (width, height) in [(80, 24), (100, 30)] {
            let screen = ConsoleView.render(state, width: width, height: height, options: RenderOptions(color: false, ascii: true))
            #expect(screen.text.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(screen.cells.allSatisfy { $0.style.role == .normal })
            #expect(screen.lines[1].hasPrefix("- Node bravo  Esc back -"))
            #expect(screen.text.contains("r0  StandAlone  Primary/Unknown  UpToDate/DUnknown  oos 100K"))
            #expect(screen.text.contains("Alerts 1\n  ! WARN r0 may be in split brain"))
        }
    }
}
