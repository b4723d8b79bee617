import HAProtocol
import Testing

@testable import HAConsole

@Suite struct FencingRenderTests {
    @Test("without a device the nodes title says 'no fencing configured', muted, and no fencing panel takes a row")
    func noFencingConfigured() {
        let screen = ConsoleView.render(Pair.state(FencingPair.snapshot(device: nil)), width: 80, height: 24)
        #expect(screen.lines[1] == "─ Nodes 2/2 active  no fencing configured ──────────────────────────────────────")
        #expect(screen.style(of: "no fencing configured", onRow: 1) == .role(.muted))
        #expect(!screen.lines.contains { $0.hasPrefix("─ Fencing") })
    }

    @Test("without a device and with the peer dead, 'no fencing configured' turns to a warning")
    func noFencingWithPeerDead() {
        let screen = ConsoleView.render(Pair.state(FencingPair.snapshot(device: nil, bravo: .dead)), width: 80, height: 24)
        let row = screen.lines.firstIndex { $0.hasPrefix("─ Nodes") } ?? 0
        #expect(screen.style(of: "no fencing configured", onRow: row) == .role(.warning))
    }

    @Test("a Heartbeat node's cl_status tells nothing about fencing: the console says nothing either")
    func heartbeatSourceSaysNothing() {
        var state = Pair.state(FencingPair.snapshot(device: nil))
        state.source = .heartbeat(origin: "cl_status on this host")
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(!screen.text.contains("fencing"))
    }

    @Test("a device, idle: named quietly in the nodes title, no fencing panel", arguments: [(80, 24), (200, 60)])
    func deviceIdle(width: Int, height: Int) {
        let screen = ConsoleView.render(Pair.state(FencingPair.snapshot()), width: width, height: height)
        #expect(screen.lines[1].hasPrefix("─ Nodes 2/2 active  alpha fences with external/ssh ─"))
        #expect(screen.style(of: "alpha fences with external/ssh", onRow: 1) == .role(.muted))
        #expect(!screen.text.contains("Fencing"))
    }

    @Test("a reset in progress at 80x24: the alert keeps the daemon's words, the panel names victim, device, time dead, attempt")
    func resetInProgress80x24() {
        let screen = ConsoleView.render(Pair.state(FencingPair.resetting()), width: 80, height: 24)
        #expect(
            screen.lines[0..<12].joined(separator: "\n") == """
                 linux-ha on alpha  daemon connected, data 400ms  links 0/2            03:10:11
                ─ Alerts 1 ─────────────────────────────────────────────────────────────────────
                 ▲ CRIT bravo is dead and not fenced yet; its groups wait for the reset
                        external/ssh has been resetting bravo for 3 s
                ─ Nodes 1/2 active  alpha fences with external/ssh ─────────────────────────────
                 ● active  alpha  local       hb0 up    hb1 up    gen 1795316671  holds all
                 ✖ DEAD    bravo  heard 3.2s  hb0 DEAD  hb1 DEAD  gen 1795316671  holds none
                ─ Resource groups 0/1 running ──────────────────────────────────────────────────
                 IPaddr2::192.0.2.100/24/hb0  pref alpha  on -  stopped  since 03:04:52
                ─ Fencing alpha fences with external/ssh ───────────────────────────────────────
                 △ resetting bravo: attempt 1, dead 3.2s, with external/ssh
                ─ ha-log /var/log/ha-log  ▶ following ──────────────────────────────────────────
                """)
        #expect(screen.style(of: "resetting bravo", onRow: 10) == .role(.warning))
        #expect(screen.lines[23].hasPrefix(" q quit"))
    }

    @Test("failing resets: 'fencing failing' leads the alerts, the panel shows the retry and the failures, newest first")
    func failingRetry80x24() {
        let screen = ConsoleView.render(Pair.state(FencingPair.failing()), width: 80, height: 24)
        #expect(screen.lines[2] == " ▲ CRIT fencing bravo is failing: 2 attempt(s) with external/ssh; its groups sta")
        #expect(screen.lines[3] == "        STONITH of bravo failed.  Retrying...")
        let top = screen.lines.firstIndex { $0.hasPrefix("─ Fencing") } ?? 0
        #expect(top > 0)
        #expect(
            screen.lines[(top + 1)...(top + 3)].joined(separator: "\n") == """
                 ▲ resetting bravo: attempt 3 in 4.0s, failed 2x, dead 12s, with external/ssh; l
                 03:10:09  bravo  external/ssh  FAILED  in 2.0s  ssh: connect to host bravo por…
                 03:10:04  bravo  external/ssh  FAILED  in 2.0s  ssh: connect to host bravo por…
                """)
        #expect(screen.style(of: "resetting bravo", onRow: top + 1) == .role(.critical, bold: true))
        #expect(screen.style(of: "FAILED", onRow: top + 2) == .role(.critical, bold: true))
        #expect(screen.lines.contains { $0.contains("IPaddr2::192.0.2.100/24/hb0  pref alpha") })
        #expect(screen.lines[23].hasPrefix(" q quit"))
    }

    @Test("history with a failure then an OK: newest first, OK in the ok role, the failure's detail beside it")
    func historyFailureThenOK() {
        let screen = ConsoleView.render(Pair.state(FencingPair.failedThenOK()), width: 80, height: 24)
        let top = screen.lines.firstIndex { $0.hasPrefix("─ Fencing") } ?? 0
        #expect(top > 0)
        #expect(
            screen.lines[top...(top + 2)].joined(separator: "\n") == """
                ─ Fencing alpha fences with external/ssh ───────────────────────────────────────
                 03:09:16  bravo  external/ssh  OK      in 1.2s
                 03:09:09  bravo  external/ssh  FAILED  in 2.0s  ssh: connect to host bravo por…
                """)
        #expect(screen.style(of: "OK", onRow: top + 1) == .role(.ok))
        // The log keeps its rows under the panel.
        #expect(screen.lines.contains { $0.hasPrefix("─ ha-log") })
    }

    @Test("at 200x60 the fencing panel spans the width under nodes and groups, the detail whole")
    func wideHistory() {
        let screen = ConsoleView.render(Pair.state(FencingPair.failing()), width: 200, height: 60)
        let top = screen.lines.firstIndex { $0.hasPrefix("─ Fencing") } ?? 0
        #expect(top > 0)
        #expect(screen.lines[top + 1].contains("attempt 3 in 4.0s, failed 2x, dead 12s, with external/ssh; last: \(FencingPair.noRoute)"))
        #expect(screen.lines[top + 2].contains("FAILED  in 2.0s  by alpha  \(FencingPair.noRoute)"), "\(screen.lines[top + 2])")
        #expect(screen.lines.contains { $0.hasPrefix("─ Nodes 1/2 active  alpha fences with external/ssh") })
    }

    @Test("'fencing failing' ranks above a failed group and the standing unfenced override, with its evidence")
    func failingRanksFirst() throws {
        var snapshot = FencingPair.failing()
        snapshot.alerts.insert(
            Alert(kind: .unfencedOverride, severity: .critical, message: "running unfenced by override (--allow-unfenced)", node: "alpha"), at: 0)
        snapshot.groups[0].state = .failed
        let alerts = ConsoleAlerts.derive(from: Pair.state(snapshot))
        let first = try #require(alerts.first)
        #expect(first.message.hasPrefix("fencing bravo is failing"))
        #expect(first.evidence.prefix(2) == ["STONITH of bravo failed.  Retrying...", FencingPair.noRoute])
        #expect(alerts.map(\.kind) == [.nodeDead, .resourceFailed, .unfencedOverride])
    }

    @Test("a reset that waits out the partition delay says so, and an unknown phase still names victim, attempt and device")
    func waitingAndUnknownPhases() {
        let waiting = FenceInProgress(victim: "bravo", device: "external/ssh", phase: .waiting, age: 600, nextAttemptIn: 2_000)
        #expect(FencingText.inProgress(waiting) == "resetting bravo: waits 2.0s for the holder to shoot first, dead 600ms, with external/ssh")
        let unknown = FenceInProgress(victim: "bravo", device: "external/ssh", phase: .unknown, age: 600)
        #expect(FencingText.inProgress(unknown) == "resetting bravo: attempt 1, dead 600ms, with external/ssh")
    }
}
