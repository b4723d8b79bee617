import HAProtocol
import Testing

@testable import HAConsole

/// What a node holds, in words that do not mislead: `cl_status rscstatus` says `local` for a
/// node holding its own groups, also when it has none (the demo's bravo), so both nodes of a
/// healthy pair read `holds local`.
@Suite struct NodesHoldRenderTests {
    @Test("a node with no groups of its own that says 'local' is shown holding nothing")
    func localWithNoGroupsOfItsOwn() {
        let snapshot = Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .local), Pair.node("bravo", holds: .local)])
        let screen = ConsoleView.render(Pair.state(snapshot), width: 100, height: 30)
        let alpha = screen.lines.first { $0.contains("alpha") && $0.contains("gen ") } ?? ""
        let bravo = screen.lines.first { $0.contains("bravo") && $0.contains("gen ") } ?? ""
        #expect(alpha.contains("holds local") && !alpha.contains("nothing"), "\(screen.text)")
        #expect(bravo.contains("holds nothing (local)"), "\(screen.text)")
    }
}
