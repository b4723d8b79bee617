import HAProtocol
import Testing

@testable import HAConsole

/// A meatware reset waiting for a person, as the fencing panel and `haconsole status` say it:
/// who must act, not an attempt count that never moves.
@Suite struct ManualFenceRenderTests {
    static func waiting() -> ClusterSnapshot {
        var snapshot = FencingPair.snapshot(
            device: "meatware", bravo: .dead,
            inProgress: [FenceInProgress(victim: "bravo", device: "meatware", phase: .awaitingOperator, age: 125_000)],
            alerts: [
                Alert(
                    kind: .nodeDead, severity: .critical,
                    message: "bravo is dead and its reset waits for a human: check it is off, then confirm the fence",
                    evidence: ["OPERATOR INTERVENTION REQUIRED to reset bravo."], node: "bravo")
            ])
        snapshot.fenceDevice = "meatware"
        return snapshot
    }

    @Test("at 80x24 the fencing panel says the reset of bravo waits for a human, with how long it is dead")
    func panel() throws {
        let screen = ConsoleView.render(Pair.state(Self.waiting()), width: 80, height: 24)
        let row = try #require(screen.lines.firstIndex { $0.contains("resetting bravo") }, "\(screen.text)")
        #expect(screen.lines[row] == " △ resetting bravo: a human must confirm it is off, dead 2m05s, with meatware", "\(screen.text)")
        #expect(screen.text.contains("CRIT bravo is dead and its reset waits for a human"))
    }

    @Test("haconsole status says the same in its fencing lines")
    func statusText() {
        let lines = StatusReportFencingTests.fencingLines(StatusReportFencingTests.report(Self.waiting()))
        #expect(lines.contains("  fencing now: resetting bravo: a human must confirm it is off, dead 2m05s, with meatware"), "\(lines)")
    }
}
