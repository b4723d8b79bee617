import HAProtocol
import Testing

@testable import HAConsole

/// The pure mapping from the screen's alerts and the snapshot to a monitoring plugin's state and
/// line (``MonitoringCheck``): no sockets, the pair of ``Pair``.
@Suite struct MonitoringCheckTests {
    static func check(_ state: ConsoleState) -> MonitoringCheck {
        MonitoringCheck.assess(state, alerts: ConsoleAlerts.derive(from: state))
    }

    static func pair(bravo: NodeSnapshot, holders: [String] = ["alpha"], alphaDRBD: String = Pair.alphaConnected) -> ConsoleState {
        var state = Pair.state(Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .local), bravo], holders: holders))
        state.receiveLocalDRBD(Pair.drbd(alphaDRBD), source: "/proc/drbd")
        return state
    }

    @Test("the healthy pair is OK: who holds the groups, the links up, and performance data in the guidelines' syntax")
    func healthy() {
        let check = Self.check(Pair.healthy())
        #expect(check.state == .ok)
        #expect(
            check.line
                == "HACLUSTER OK - alpha holds 1/1 groups, 2 links up | link_age_ms=80ms;200;500;0 deadtime_margin_ms=420ms;300:;;0;500 "
                + "links_up=2;;;0;2 drbd_out_of_sync_kib=0KB;;;0")
    }

    @Test("a dead link among two is WARNING, the alert first and the links counted")
    func linkDown() {
        let check = Self.check(Self.pair(bravo: Pair.node("bravo", links: [.up, .dead])))
        #expect(check.state == .warning)
        #expect(
            check.line.hasPrefix("HACLUSTER WARNING - link hb1 to bravo is dead (1 of 2 up); alpha holds 1/1 groups, 1/2 links up | "),
            "\(check.line)")
        #expect(check.line.contains(" links_up=1;;;0;2"), "\(check.line)")
    }

    @Test("DRBD StandAlone with the peer Unknown (a suspected split brain) is WARNING, with the data out of sync")
    func drbdStandAlone() {
        let standAlone =
            " 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:138452"
        let check = Self.check(Self.pair(bravo: Pair.node("bravo"), alphaDRBD: standAlone))
        #expect(check.state == .warning)
        #expect(check.line.contains("r0 may be in split brain"), "\(check.line)")
        #expect(check.line.hasSuffix(" drbd_out_of_sync_kib=138452KB;;;0"), "\(check.line)")
    }

    @Test("a group held by both nodes is a split brain: CRITICAL, named first")
    func splitBrain() {
        let check = Self.check(Self.pair(bravo: Pair.node("bravo", holds: .local), holders: ["alpha", "bravo"]))
        #expect(check.state == .critical)
        #expect(check.line.hasPrefix("HACLUSTER CRITICAL - alpha and bravo both hold \(Pair.groupKey)"), "\(check.line)")
        #expect(check.line.contains("alpha holds 1/1 groups, bravo 1/1"), "\(check.line)")
    }

    @Test("a dead peer is CRITICAL and its age and margin are U: nothing live to measure")
    func deadPeer() {
        let check = Self.check(Self.pair(bravo: Pair.node("bravo", status: .dead, heard: 4_000, links: [.dead, .dead])))
        #expect(check.state == .critical)
        #expect(check.line.hasPrefix("HACLUSTER CRITICAL - bravo is dead; alpha holds 1/1 groups, 0/2 links up | "), "\(check.line)")
        #expect(check.line.contains("link_age_ms=U;200;500;0 deadtime_margin_ms=U;300:;;0;500 "), "\(check.line)")
    }

    @Test("a peer that stopped cleanly is OK with the notice in the line")
    func cleanStop() {
        var bravo = Pair.node("bravo", status: .dead, heard: 4_000, links: [.dead, .dead])
        bravo.stoppedCleanly = true
        let check = Self.check(Self.pair(bravo: bravo))
        #expect(check.state == .ok)
        #expect(check.line.hasPrefix("HACLUSTER OK - bravo stopped cleanly (shutdown requested); alpha holds 1/1 groups"), "\(check.line)")
    }

    @Test("no snapshot is UNKNOWN with the reason, and no performance data")
    func unknown() {
        var state = ConsoleState(source: .daemon(socket: "/run/hadaemon/hadaemon.sock"), hostNode: "alpha")
        state.connectionChanged(to: .disconnected(reason: "connection refused"))
        let check = Self.check(state)
        #expect(check.state == .unknown)
        #expect(check.line == "HACLUSTER UNKNOWN - no cluster state: connection refused")
    }

    @Test("the exit statuses are the plugin states 0 1 2 3")
    func exitStatuses() {
        #expect(MonitoringCheck.State.allCases.map(\.rawValue) == [0, 1, 2, 3])
        #expect(MonitoringCheck.State.allCases.map(\.word) == ["OK", "WARNING", "CRITICAL", "UNKNOWN"])
    }

    @Test("the line stays one line: a | or a newline in a message cannot start performance data or a second line")
    func oneLine() {
        let check = MonitoringCheck(state: .warning, summary: "a|b\nc\u{85}d", performance: [PerformanceDatum(label: "x", value: nil, unit: "")])
        #expect(check.line == "HACLUSTER WARNING - a/b c d | x=U")
    }

    @Test("a performance datum drops trailing empty fields and keeps inner ones")
    func datum() {
        #expect(PerformanceDatum(label: "a", value: 5, unit: "ms").text == "a=5ms")
        #expect(PerformanceDatum(label: "a", value: 5, unit: "", critical: "9").text == "a=5;;9")
        #expect(PerformanceDatum(label: "a", value: 5, unit: "KB", minimum: 0).text == "a=5KB;;;0")
    }

    @Test("ages and timers from the daemon's JSON cannot overflow the arithmetic")
    func hostileNumbers() {
        var snapshot = Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .local), Pair.node("bravo", heard: Int.max)])
        snapshot.timers = ClusterSnapshot.Timers(keepalive: Int.min, warntime: Int.max, deadtime: Int.min, initdead: 0)
        let data = MonitoringCheck.performance(snapshot, drbd: [:])
        #expect(data.map(\.label) == ["link_age_ms", "deadtime_margin_ms", "links_up"])
    }
}
