import HAProtocol
import Testing

@testable import HAConsole

@Suite struct ConsoleStateTests {
    private func logState(_ count: Int) -> ConsoleState {
        var state = Pair.state()
        state.appendLog((0..<count).map { HALogEntry(parsing: "Nov 22 03:04:\($0 < 10 ? "0" : "")\($0) alpha heartbeat: [1]: info: line \($0)") })
        return state
    }

    @Test(
        "keys map to actions, and unknown keys are left to other layers",
        arguments: [
            (ConsoleKey.character("q"), ConsoleAction.quit), (.character("?"), .toggleHelp), (.function(1), .toggleHelp),
            (.tab, .focusNext), (.backTab, .focusPrevious), (.up, .scrollUp), (.down, .scrollDown), (.pageUp, .pageUp),
            (.pageDown, .pageDown), (.home, .scrollToTop), (.end, .scrollToBottom), (.character("f"), .toggleFollow),
            (.character("/"), .beginFilter), (.character("s"), .beginSearch), (.character("n"), .nextMatch),
            (.character("N"), .previousMatch), (.escape, .cancel), (.control("c"), .quit), (.function(5), .refresh),
        ])
    func keyMap(key: ConsoleKey, action: ConsoleAction) {
        #expect(ConsoleAction(key: key, mode: .normal) == action)
    }

    @Test("while typing, characters go to the draft, Enter commits and Esc cancels")
    func typingMode() {
        #expect(ConsoleAction(key: .character("q"), mode: .filter) == .insert("q"))
        #expect(ConsoleAction(key: .enter, mode: .search) == .commit)
        #expect(ConsoleAction(key: .character("x"), mode: .normal) == nil)
        var state = logState(3)
        state.apply(.beginFilter)
        for character in "line 1x" { state.apply(.insert(character)) }
        state.apply(.deleteBackward)
        state.apply(.commit)
        #expect(state.filter == "line 1")
        #expect(state.inputMode == .normal)
        state.apply(.beginFilter)
        state.apply(.insert("z"))
        state.apply(.cancel)
        #expect(state.filter == "line 1")
    }

    @Test("q quits, R refreshes, Tab cycles the panels")
    func effects() {
        var state = Pair.healthy()
        #expect(state.apply(.quit) == .quit)
        #expect(state.handle(.character("R")) == .refresh)
        #expect(state.handle(.character("x")) == nil)
        state.focus = .log
        state.apply(.focusNext)
        #expect(state.focus == .alerts)
        state.apply(.focusPrevious)
        #expect(state.focus == .log)
    }

    @Test("scrolling the log up pauses it; new lines then leave the view where it was; f follows again")
    func followAndPause() {
        var state = logState(30)
        state.apply(.scrollUp)
        #expect(!state.follow)
        #expect(state.logScroll == 1)
        state.appendLog([HALogEntry(parsing: "Nov 22 03:05:00 alpha heartbeat: [1]: info: newer")])
        #expect(state.logScroll == 2)
        let paused = LogView.visibleLines(state, rows: 3).map { $0.map(\.text).joined() }
        #expect(paused.last == " Nov 22 03:04:28 alpha heartbeat: [1]: info: line 28")
        state.apply(.toggleFollow)
        #expect(state.follow && state.logScroll == 0)
        state.apply(.pageUp, pageSize: 10)
        #expect(state.logScroll == 10)
        state.apply(.scrollToBottom)
        #expect(state.follow && state.logScroll == 0)
        state.apply(.scrollToTop)
        #expect(state.logScroll == 30)
    }

    @Test("the filter shows only matching lines; search moves between matches and wraps")
    func filterAndSearch() {
        var state = logState(20)
        state.filter = "line 1"
        let lines = LogView.visibleLines(state, rows: 20).map { $0.map(\.text).joined() }
        #expect(lines.count == 11)
        state.search = "line 12"
        state.apply(.previousMatch)
        #expect(state.searchMatch == 12)
        #expect(state.logScroll == 7)
        state.search = "line"
        state.apply(.nextMatch)
        #expect(state.searchMatch == 13)
        state.searchMatch = 19
        state.apply(.nextMatch)
        #expect(state.searchMatch == 1)
        state.apply(.cancel)
        #expect(state.search.isEmpty)
        state.apply(.cancel)
        #expect(state.filter.isEmpty)
    }

    @Test("committing a search jumps to the newest match; none says so on the status line")
    func searchCommit() {
        var state = logState(5)
        state.apply(.beginSearch)
        for character in "LINE 3" { state.apply(.insert(character)) }
        state.apply(.commit)
        #expect(state.searchMatch == 3)
        state.search = "absent"
        state.apply(.nextMatch)
        #expect(state.message?.text == "no line matches \"absent\"")
        #expect(ConsoleView.render(state, width: 80, height: 24).lines[23] == " no line matches \"absent\"")
        state.expireMessage(now: state.clock.now + 3000)
        #expect(state.message == nil)
    }

    @Test("search hits are reversed; the current match is bold too")
    func searchHighlight() {
        var state = logState(3)
        state.search = "LINE"
        state.searchMatch = 2
        let screen = ConsoleView.render(state, width: 80, height: 24)
        let row = screen.lines.firstIndex { $0.hasSuffix("line 2") }!
        #expect(screen.style(of: "line 2", onRow: row) == CellStyle(bold: true, reverse: true))
        let other = screen.lines.firstIndex { $0.hasSuffix("line 1") }!
        #expect(screen.style(of: "line", onRow: other)?.reverse == true)
        #expect(screen.style(of: "line", onRow: other)?.bold == false)
    }

    @Test("the ring keeps the newest lines and their sequence numbers")
    func ring() {
        var ring = LogRing(capacity: 3)
        for index in 0..<5 { ring.append(.unparsed("l\(index)")) }
        #expect(ring.count == 3)
        #expect((0..<3).map { ring[$0].text } == ["l2", "l3", "l4"])
        #expect(ring.firstSequence == 2)
        #expect(ring.record(sequence: 1) == nil)
        #expect(ring.record(sequence: 4)?.text == "l4")
    }

    @Test("peers' DRBD summaries are decoded from the snapshot; the local reading wins for this node")
    func drbdFromSnapshot() {
        let state = Pair.healthy()
        #expect(state.drbdSources == ["alpha": "/proc/drbd", "bravo": "heartbeat"])
        #expect(state.drbd["bravo"]?.resources.first?.role == .secondary)
        var broken = state
        broken.snapshot?.nodes[1].drbd = "r0:Primary|bogus"
        broken.receive(snapshot: broken.snapshot!, at: Pair.now)
        #expect(broken.drbdProblems["bravo"]?.hasPrefix("unreadable DRBD summary") == true)
    }

    @Test("times and ages are formatted from the state's clock, never read")
    func clock() {
        let clock = DisplayClock(now: Pair.now, utcOffsetSeconds: 3600)
        #expect(clock.timeOfDay == "04:10:11")
        #expect(clock.time(Pair.now - 86_400_000) == "Nov 21 04:10")
        #expect(clock.age(since: Pair.now - 319_000) == "5m19s")
        #expect(DisplayFormat.duration(milliseconds: 90_061_000) == "1d01h")
        #expect(DisplayFormat.size(kiB: 1_121_600) == "1.0G")
    }
}
