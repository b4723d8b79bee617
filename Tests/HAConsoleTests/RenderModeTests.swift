import HAProtocol
import Testing

@testable import HAConsole

@Suite struct RenderModeTests {
    /// Every panel on screen at once: alerts, a dead link, a sync, a paused and filtered log, help.
    private func busyState() -> ConsoleState {
        var state = DRBDFamily.syncing.state
        state.snapshot = Pair.snapshot(
            nodes: [
                Pair.node("alpha", heard: nil, holds: .local),
                Pair.node("bravo", links: [.up, .dead], drbd: Pair.drbd(DRBDFamily.syncing.lines.bravo)),
            ], holders: ["alpha", "bravo"])
        state.appendLog(Pair.healthyLog.map { HALogEntry(parsing: $0) })
        state.apply(.scrollUp)
        state.search = "bravo"
        return state
    }

    @Test("node and resource names in CJK and emoji keep every column aligned")
    func wideNames() {
        var state = Pair.state(
            Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .local), Pair.node("東京-1", holds: .none)]))
        state.snapshot?.groups[0].key = "🚀服务"
        state.snapshot?.groups[0].preferredNode = "東京-1"
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(
            screen.lines[2...5].joined(separator: "\n") == """
                 ● active  alpha   local       hb0 up  hb1 up  gen 1795316671  holds local
                 ● active  東京-1  heard 80ms  hb0 up  hb1 up  gen 1795316671  holds none
                ─ Resource groups 1/1 running ──────────────────────────────────────────────────
                 🚀服务  pref 東京-1  on alpha  running  since 03:04:52  (5m19s ago)
                """)
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        // The link column starts at the same screen column on both node rows.
        let columns = screen.lines[2...3].map { line in DisplayWidth.of(line[..<line.firstRange(of: "hb0 up")!.lowerBound]) }
        #expect(columns == [31, 31])
    }

    @Test("a wide name cut at a panel's edge never leaves half a glyph")
    func wideNameAtEdge() {
        var state = Pair.healthy()
        state.snapshot?.groups[0].key = String(repeating: "中", count: 60)
        let screen = ConsoleView.render(state, width: 80, height: 24)
        for row in 0..<24 {
            for column in 0..<80 where screen[row, column].isContinuation {
                #expect(column > 0 && screen[row, column - 1].width == 2)
            }
        }
        #expect(screen.lines[5].contains("…"))
    }

    @Test("ASCII mode puts no box-drawing or other non-ASCII glyph anywhere, help included")
    func asciiMode() {
        var state = busyState()
        for help in [false, true] {
            state.showHelp = help
            for (width, height) in [(80, 24), (200, 60)] {
                let screen = ConsoleView.render(state, width: width, height: height, options: RenderOptions(ascii: true))
                #expect(screen.cells.allSatisfy { $0.text.allSatisfy(\.isASCII) })
                #expect(screen.text.contains("+ active"))
                #expect(screen.text.contains("! CRIT"))
            }
        }
        let screen = ConsoleView.render(state, width: 80, height: 24, options: RenderOptions(ascii: true))
        #expect(screen.lines[1].hasPrefix("- Alerts 2 -----"))
    }

    @Test("without colour no cell has a colour role; critical is bold reverse, selection reverse")
    func noColour() {
        let state = busyState()
        let screen = ConsoleView.render(state, width: 80, height: 24, options: RenderOptions(color: false))
        #expect(screen.rolesInUse == [.normal])
        #expect(screen.style(of: "▲ CRIT", onRow: 2) == CellStyle(bold: true, reverse: true))
        #expect(screen.cells.contains { $0.style.reverse && $0.text == "b" })
        let coloured = ConsoleView.render(state, width: 80, height: 24)
        #expect(coloured.lines == screen.lines)
    }

    @Test("read-only hides the action keys and says so")
    func readOnly() {
        let state = Pair.healthy()
        let normal = ConsoleView.render(state, width: 100, height: 24)
        let readOnly = ConsoleView.render(state, width: 100, height: 24, options: RenderOptions(readOnly: true))
        #expect(normal.lines[23].contains("p procedures"))
        #expect(!readOnly.lines[23].contains("procedures"))
        #expect(readOnly.lines[23].hasSuffix(" read-only"))
    }

    @Test("the help overlay lists the keys in a box over the screen")
    func helpOverlay() {
        var state = Pair.healthy()
        state.apply(.toggleHelp)
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(screen.text.contains("┌─ Help ─"))
        #expect(screen.text.contains("│ /           filter the log (Enter applies)"))
        state.apply(.cancel)
        #expect(!ConsoleView.render(state, width: 80, height: 24).text.contains("Help"))
    }

    @Test("stale data: a lost daemon is shown DOWN with the data's age, and no green dot")
    func staleData() {
        var state = Pair.healthy()
        state.connectionChanged(to: .disconnected(reason: "connection refused"))
        state.clock.now += 45_000
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(screen.lines[0] == " linux-ha on alpha  daemon DOWN (connection refused), data 45s old STALE")
        #expect(screen.lines[2].hasPrefix(" ? active  alpha"))
        #expect(screen.style(of: "? active", onRow: 2) == .role(.muted))
        #expect(!screen.rolesInUse.contains(.ok) || !screen.lines[2...3].joined().contains("●"))
    }

    @Test("with no daemon the header says so and the log and DRBD still show")
    func noDaemon() {
        var state = ConsoleState(source: .none, hostNode: "alpha")
        state.clock = DisplayClock(now: Pair.now)
        state.receiveLocalDRBD(Pair.drbd(Pair.alphaConnected), source: "/proc/drbd")
        state.appendLog(Pair.healthyLog.map { HALogEntry(parsing: $0) })
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(screen.lines[0] == " haconsole on alpha  no daemon: log and DRBD only                      03:10:11")
        #expect(screen.lines.contains(" r0  alpha  Connected  Primary/Secondary  UpToDate/UpToDate  minor 0"))
        #expect(screen.lines.contains(" no cluster data"))
    }

    @Test("a screen below 40x10 says it is too small")
    func tooSmall() {
        let screen = ConsoleView.render(Pair.healthy(), width: 30, height: 5)
        #expect(screen.lines[0] == "terminal too small (30x5);")
        #expect(screen.lines[1] == "need 40x10")
    }
}
