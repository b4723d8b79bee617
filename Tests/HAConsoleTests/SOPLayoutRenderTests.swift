import Foundation
import HAFixtures
import HAProtocol
import Testing

@testable import HAConsole

/// The console under an open SOP run: the panel the shown step verifies stays on screen,
/// however many alerts the failover raised, at the sizes an on-call laptop has.
@Suite struct SOPLayoutRenderTests {
    /// Minutes after the failover's stop: alpha dead with both links, bravo holding the group
    /// and DRBD Primary, three alerts, a busy log.
    static func afterFailover() -> ConsoleState {
        let bravoDRBD = Pair.drbd(" 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----")
        let snapshot = Pair.snapshot(
            nodes: [
                Pair.node("alpha", status: .dead, heard: 9_000, links: [.dead, .dead]),
                Pair.node("bravo", heard: nil, holds: .foreign, drbd: bravoDRBD),
            ],
            holders: ["bravo"],
            alerts: [
                Alert(kind: .nodeDead, severity: .critical, message: "alpha is dead", node: "alpha"),
                Alert(kind: .linkDead, severity: .warning, message: "link alpha:hb0 is dead", node: "alpha"),
                Alert(kind: .linkDead, severity: .warning, message: "link alpha:hb1 is dead", node: "alpha"),
            ])
        var state = Pair.state(snapshot, log: Pair.healthyLog + Pair.healthyLog)
        state.receiveLocalDRBD(Pair.drbd(" 0: cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown C r-----"), source: "/proc/drbd")
        return state
    }

    /// The console with the failover run showing step `index` (0-based).
    static func model(showing index: Int) throws -> ConsoleModel {
        var model = ConsoleModel(
            state: Pair.state(), feedKinds: [.daemon], readOnly: false, sopDirectory: "sop", identity: .init(user: "oncall", host: "alpha"))
        let file = try Fixtures.shippedSOPDirectory().appendingPathComponent("failover.sop")
        _ = model.apply(.procedureText(path: "sop/failover.sop", .success(try String(contentsOf: file, encoding: .utf8))))
        model.state = afterFailover()
        model.session?.run.state = .showing(step: index)
        return model
    }

    @Test("the DRBD step keeps the DRBD rows on screen under the alerts and the SOP panel", arguments: [(80, 24), (100, 30)])
    func drbdStepShowsDRBD(size: (width: Int, height: Int)) throws {
        let screen = ConsoleModelView.render(try Self.model(showing: 3), width: size.width, height: size.height, options: RenderOptions())
        let lines = screen.lines
        #expect(lines.contains { $0.contains("failover step 4/6") }, "\(screen.text)")
        #expect(lines.contains { $0.contains("r0") && $0.contains("bravo") && $0.contains("Primary") }, "\(screen.text)")
        #expect(lines.contains { $0.contains("alpha is dead") }, "the alerts stay too\n\(screen.text)")
    }

    @Test("a step that reads the log keeps log lines on screen", arguments: [(80, 24), (100, 30)])
    func logStepShowsLog(size: (width: Int, height: Int)) throws {
        let screen = ConsoleModelView.render(try Self.model(showing: 1), width: size.width, height: size.height, options: RenderOptions())
        #expect(screen.lines.contains { $0.contains("Initial resource acquisition") }, "\(screen.text)")
    }
}
