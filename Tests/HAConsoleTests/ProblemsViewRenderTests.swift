import HAProtocol
import Testing

@testable import HAConsole

@Suite struct ProblemsViewRenderTests {
    private func problemsOnly(_ state: ConsoleState) -> ConsoleState {
        var state = state
        state.browse.problemsOnly = true
        return state
    }

    @Test("a healthy pair in problems-only mode says so in the header and shows the No problems line")
    func healthyPair() {
        let screen = ConsoleView.render(problemsOnly(Pair.healthy()), width: 80, height: 24)
        #expect(screen.lines[0] == " linux-ha on alpha  daemon connected, data 400ms  PROBLEMS ONLY  links 2/2")
        #expect(screen.lines[1].hasPrefix("─ Problems only  nothing is wrong; ! shows all ─"))
        #expect(screen.lines[2] == " ● No problems: 2 nodes, 1 group, 1 DRBD resource all healthy")
        #expect(screen.lines[3..<23].allSatisfy { $0.isEmpty })
        #expect(screen.style(of: "PROBLEMS ONLY", onRow: 0)?.reverse == true)
        #expect(screen.lines[23] == " q quit  ? help  p procedures  Enter detail  ↑↓ select  ! show all  Esc back")
    }

    @Test("during an SOP run the problems list shows above the run's panel and Enter stays the run's")
    func underAnSOPRun() throws {
        var model = try SOPLayoutRenderTests.model(showing: 3)
        _ = model.apply(.key(.character("!"), pageSize: 10))
        #expect(model.state.browse.problemsOnly)
        let screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(screen.lines[0].contains("PROBLEMS"), "\(screen.text)")
        #expect(screen.text.contains("failover step 4/6"), "\(screen.text)")
        #expect(screen.text.contains("node alpha  alpha is dead"), "\(screen.text)")
        #expect(!screen.lines[23].contains("Enter"), "\(screen.text)")
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.state.browse.detail == nil)
    }

    @Test("the help lists the problems, detail and filter keys")
    func helpListsTheKeys() {
        var state = Pair.healthy()
        state.showHelp = true
        let text = ConsoleView.render(state, width: 80, height: 24).text
        #expect(text.contains("Enter       detail of the selected row (Esc back)"))
        #expect(text.contains("!           problems only (again: all)"))
        #expect(text.contains("o           only one node or group (Tab names)"))
    }

    @Test("a StandAlone DRBD resource is the only problem listed, with its alert and evidence")
    func standAlone() {
        let state = problemsOnly(AlertScenario.drbdPair(alpha: AlertScenario.standAloneA, bravo: Pair.bravoConnected))
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(
            screen.lines[1...4].joined(separator: "\n") == """
                ─ Problems 1  only what is wrong; ! shows all ──────────────────────────────────
                >△ WARN  DRBD r0  r0 may be in split brain (StandAlone, peer Unknown; or disconn
                        alpha: r0 StandAlone Secondary/Unknown UpToDate/DUnknown oos 76K

                """)
        #expect(!screen.text.contains("node alpha"))
        #expect(!screen.text.contains("No problems"))
        #expect(screen.style(of: ">", onRow: 2)?.reverse == true)
    }

    @Test("stale data is a problem of its own: never 'No problems' for a state nobody vouches for")
    func staleIsAProblem() {
        var state = problemsOnly(Pair.healthy())
        state.clock.now += 60_000
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(!screen.text.contains("No problems"))
        #expect(screen.lines[2].contains("cluster  data 1m00s old (STALE): nothing below is current"))
    }

    @Test("an unreachable daemon is the cluster's problem: the list says nothing below is current")
    func unreachableDaemon() {
        let screen = ConsoleView.render(problemsOnly(NoDaemonRenderTests.unreachable()), width: 100, height: 30)
        #expect(screen.lines[2].hasPrefix(">▲ CRIT  cluster  source DOWN (cannot connect to /run/hadaemon/hadaemon.sock"), "\(screen.text)")
        #expect(!screen.text.contains("No problems"))
    }

    @Test("with no daemon the log's dead node is listed beside the missing source")
    func noDaemonLogOnly() {
        var state = ConsoleState(source: .none, hostNode: "alpha")
        state.clock = DisplayClock(now: Pair.now)
        state.appendLog([HALogEntry(parsing: "Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead")])
        let text = ConsoleView.render(problemsOnly(state), width: 100, height: 30).text
        #expect(
            text.contains("▲ CRIT  node bravo  bravo is dead\n        Nov 22 03:04:51 alpha heartbeat: [25506]: WARN: node bravo: is dead"), "\(text)"
        )
        #expect(text.contains("△ WARN  cluster  no daemon: nodes and groups are not known, only the log and DRBD"), "\(text)")
    }

    @Test("a dead node and a failed group are each listed once, critical first, with their evidence")
    func severalProblems() {
        let snapshot = Pair.snapshot(
            nodes: [Pair.node("alpha", heard: nil, holds: .local), Pair.node("bravo", status: .dead, heard: 4200, links: [.dead, .dead])],
            state: .failed, lastError: "start: exit 1")
        let screen = ConsoleView.render(problemsOnly(Pair.state(snapshot)), width: 100, height: 30)
        let body = screen.lines[1...6].joined(separator: "\n")
        #expect(body.contains("▲ CRIT  group IPaddr2::192.0.2.100/24/hb0  group IPaddr2::192.0.2.100/24/hb0 failed on alpha"))
        #expect(body.contains("start: exit 1"))
        #expect(body.contains("▲ CRIT  node bravo  bravo is dead"))
        #expect(body.contains("last heard 4.2s ago; links hb0 dead, hb1 dead"))
        #expect(screen.lines[0].contains("PROBLEMS ONLY"))
    }

    @Test("down and Enter open the selected problem's detail; Esc goes back to the list, ! to all")
    func keysThroughTheModel() {
        var model = ConsoleModel(
            state: AlertScenario.drbdPair(alpha: AlertScenario.standAloneA, bravo: Pair.bravoConnected), feedKinds: [.daemon],
            readOnly: false, sopDirectory: "/nonexistent", identity: .init(user: "op", host: "h"))
        #expect(model.apply(.key(.character("!"), pageSize: 10)) == [.redraw])
        #expect(model.state.browse.problemsOnly)
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.state.browse.detail == .drbd("r0"))
        _ = model.apply(.key(.escape, pageSize: 10))
        #expect(model.state.browse.detail == nil && model.state.browse.problemsOnly)
        _ = model.apply(.key(.character("!"), pageSize: 10))
        #expect(!model.state.browse.problemsOnly)
    }

    @Test("ASCII and no-colour modes: the problems view has only ASCII and no colour role")
    func asciiAndMonochrome() {
        let state = problemsOnly(AlertScenario.drbdPair(alpha: AlertScenario.standAloneA, bravo: AlertScenario.standAloneB))
        for (width, height) in [(80, 24), (100, 30)] {
            let screen = ConsoleView.render(state, width: width, height: height, options: RenderOptions(color: false, ascii: true))
            #expect(screen.text.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(screen.cells.allSatisfy { $0.style.role == .normal })
            #expect(screen.lines[0].contains("PROBLEMS ONLY"))
            #expect(screen.lines[2].hasPrefix(">! WARN  DRBD r0"))
        }
    }
}
