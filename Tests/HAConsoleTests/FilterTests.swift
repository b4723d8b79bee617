import HAProtocol
import Testing

@testable import HAConsole

@Suite struct FilterTests {
    private func model(_ state: ConsoleState = Pair.healthy()) -> ConsoleModel {
        ConsoleModel(state: state, feedKinds: [.daemon], readOnly: false, sopDirectory: "/nonexistent", identity: .init(user: "op", host: "h"))
    }

    private func type(_ text: String, into model: inout ConsoleModel) {
        for character in text { _ = model.apply(.key(.character(character), pageSize: 10)) }
    }

    @Test("o, a node's name and Enter: the header says filter: node=bravo and alpha is hidden")
    func nodeFilterHidesTheOtherNode() {
        var model = model()
        _ = model.apply(.key(.character("o"), pageSize: 10))
        #expect(model.state.inputMode == .scope)
        type("bravo", into: &model)
        var screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(screen.lines[23].hasPrefix(" node or group: bravo    Tab next name   Enter apply  Esc cancel"))
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.state.browse.scope == .node("bravo"))
        screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(screen.lines[0] == " linux-ha on alpha  daemon connected, data 400ms  filter: node=bravo  links 2/2")
        #expect(
            screen.lines[1...5].joined(separator: "\n") == """
                ─ Nodes 1/1 active  no fencing configured ──────────────────────────────────────
                 ● active  bravo  heard 80ms  hb0 up  hb1 up  gen 1795316680  holds none
                ─ Resource groups ──────────────────────────────────────────────────────────────
                 none in this filter
                ─ DRBD bravo heartbeat ─────────────────────────────────────────────────────────
                """)
        #expect(!screen.lines[1..<7].contains { $0.contains("alpha") })
        #expect(screen.lines[7].hasPrefix("─ ha-log /var/log/ha-log  ▶ following  filter \"bravo\" ─"))
        #expect(screen.lines[8...9].allSatisfy { $0.contains("bravo") })
        _ = model.apply(.key(.escape, pageSize: 10))
        #expect(model.state.browse.scope == nil)
        screen = ConsoleModelView.render(model, width: 80, height: 24, options: RenderOptions())
        #expect(!screen.lines[0].contains("filter:"))
        #expect(screen.lines[2].contains("alpha"))
    }

    @Test("a group filter keeps the group, its nodes and its DRBD resource")
    func groupFilter() {
        var state = Pair.healthy()
        state.browse.scope = .group(Pair.groupKey)
        let screen = ConsoleView.render(state, width: 100, height: 30)
        #expect(screen.lines[0].contains("filter: group=IPaddr2::192.0.2.100/24/hb0"))
        #expect(screen.text.contains("Nodes 1/1 active"))
        #expect(screen.text.contains(" r0  alpha"))
    }

    @Test("Tab cycles the names while typing; a name nothing matches leaves the screen whole and says so")
    func cycleAndUnknown() {
        var model = model()
        _ = model.apply(.key(.character("o"), pageSize: 10))
        _ = model.apply(.key(.tab, pageSize: 10))
        #expect(model.state.draft == "alpha")
        _ = model.apply(.key(.tab, pageSize: 10))
        #expect(model.state.draft == "bravo")
        _ = model.apply(.key(.tab, pageSize: 10))
        #expect(model.state.draft == Pair.groupKey)
        _ = model.apply(.key(.escape, pageSize: 10))
        #expect(model.state.inputMode == .normal && model.state.browse.scope == nil)
        _ = model.apply(.key(.character("o"), pageSize: 10))
        type("charlie", into: &model)
        _ = model.apply(.key(.enter, pageSize: 10))
        #expect(model.state.browse.scope == nil)
        #expect(model.state.message?.text == "no single node or group matches \"charlie\"")
    }

    @Test("problems only and a filter together: the header carries both and the list is the node's")
    func problemsWithFilter() {
        var state = AlertScenario.drbdPair(alpha: AlertScenario.standAloneA, bravo: Pair.bravoConnected)
        state.snapshot?.nodes[1].links[1] = LinkSnapshot(interface: "hb1", status: .dead, lastHeardAge: 3200)
        state.browse.problemsOnly = true
        state.browse.scope = .node("alpha")
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(screen.lines[0] == " linux-ha on alpha  daemon connected, data 400ms  PROBLEMS  filter: node=alpha")
        #expect(screen.text.contains("DRBD r0"))
        #expect(!screen.text.contains("links to bravo"))
        state.browse.scope = .node("bravo")
        let other = ConsoleView.render(state, width: 100, height: 30)
        #expect(other.lines[0].contains("PROBLEMS ONLY  filter: node=bravo"))
        #expect(other.text.contains("links to bravo"))
    }
}
