import HAFixtures
import HAProtocol
import Testing

@testable import HAConsole

@Suite struct RenderPropertyTests {
    private static let names = ["alpha", "bravo", "東京-1", "🚀node", "x", "a-very-long-node-name-that-goes-on", "e\u{301}", "bad\u{1B}[2J", ""]
    private static let words = ["info", "WARN", "ERROR", "CRIT", "debug"]

    /// A state with random nodes, groups, DRBD, alerts, log lines and interaction state.
    static func randomState(_ random: inout SeededGenerator) -> ConsoleState {
        let sources: [ConsoleState.Source] = [.daemon(socket: "/s"), .heartbeat(origin: "cl_status on this host"), .none]
        var state = ConsoleState(source: sources.randomElement(using: &random)!, hostNode: names.randomElement(using: &random))
        state.clock = DisplayClock(now: Int64.random(in: -1_000_000...Pair.now * 2, using: &random))
        let statuses: [NodeStatus] = [.active, .dead, .up, .`init`, .ping, .stopping]
        let nodes = (0..<Int.random(in: 0...8, using: &random)).map { index in
            Pair.node(
                (names.randomElement(using: &random) ?? "n") + "\(index)", status: statuses.randomElement(using: &random)!,
                heard: Bool.random(using: &random) ? Int.random(in: 0...10_000_000, using: &random) : nil,
                links: (0..<Int.random(in: 0...4, using: &random)).map { _ in Bool.random(using: &random) ? .up : .dead },
                holds: ResourceClass.allCases.randomElement(using: &random)!,
                digest: Bool.random(using: &random) ? Pair.digest : "cf=1 res=2 keys=3",
                drbd: Bool.random(using: &random) ? Pair.drbd(DRBDFamily.allCases.randomElement(using: &random)!.lines.alpha) : nil)
        }
        if Bool.random(using: &random) || !nodes.isEmpty {
            var snapshot = Pair.snapshot(nodes: nodes)
            let states: [GroupSnapshot.State] = [.running, .failed, .stopped, .starting, .stopping]
            snapshot.groups = (0..<Int.random(in: 0...12, using: &random)).map { index in
                GroupSnapshot(
                    key: (names.randomElement(using: &random) ?? "") + "::\(index)", preferredNode: names.randomElement(using: &random)!,
                    resources: ["r\(index)"], holders: Array(names.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))),
                    state: states.randomElement(using: &random)!,
                    since: Bool.random(using: &random) ? Int64.random(in: 0...Pair.now, using: &random) : nil,
                    lastError: Bool.random(using: &random) ? "exit \(index)\u{7}" : nil)
            }
            if let local = nodes.randomElement(using: &random) { snapshot.localNode = local.name }
            state.receive(snapshot: snapshot, at: state.clock.now - Int64.random(in: -5000...100_000, using: &random))
        }
        if Bool.random(using: &random) {
            state.receiveLocalDRBD(Pair.drbd(DRBDFamily.allCases.randomElement(using: &random)!.lines.bravo), source: "/proc/drbd")
        }
        for index in 0..<Int.random(in: 0...60, using: &random) {
            let word = words.randomElement(using: &random)!
            let name = names.randomElement(using: &random)!
            let texts = [
                "Nov 22 03:04:51 alpha heartbeat: [1]: \(word): node \(name): is dead",
                "Nov 22 03:04:51 alpha heartbeat: [1]: WARN: Late heartbeat: Node \(name): interval \(index) ms",
                "Nov 22 03:04:51 alpha heartbeat: [1]: CRIT: Cluster node \(name) returning after partition.",
                "garbage \u{0} \u{1B}[31m 中文 \(index)", "",
            ]
            state.appendLog([HALogEntry(parsing: texts.randomElement(using: &random)!)])
        }
        let actions: [ConsoleAction] = [.scrollUp, .pageUp, .toggleFollow, .focusNext, .toggleHelp, .nextMatch, .scrollDown]
        for _ in 0..<Int.random(in: 0...6, using: &random) { state.apply(actions.randomElement(using: &random)!) }
        state.filter = ["", "node", "中", "zzz"].randomElement(using: &random)!
        state.search = ["", "dead", "E"].randomElement(using: &random)!
        state.inputMode = [.normal, .normal, .filter].randomElement(using: &random)!
        return state
    }

    @Test("random states at random sizes from 1x1 to 300x100 never crash and never write outside the grid")
    func randomStatesAndSizes() {
        var random = SeededGenerator(seed: 0x4841_434F_4E53_4F4C)
        for _ in 0..<400 {
            let state = Self.randomState(&random)
            let width = Int.random(in: 1...300, using: &random)
            let height = Int.random(in: 1...100, using: &random)
            let options = RenderOptions(
                color: Bool.random(using: &random), ascii: Bool.random(using: &random), readOnly: Bool.random(using: &random))
            let screen = ConsoleView.render(state, width: width, height: height, options: options)
            #expect(screen.cells.count == width * height)
            #expect(screen.lines.count == height)
            #expect(screen.lines.allSatisfy { DisplayWidth.of($0) <= width })
            for (index, cell) in screen.cells.enumerated() where cell.isContinuation {
                #expect(index % width > 0 && screen.cells[index - 1].width == 2)
            }
            #expect(!screen.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
            if options.ascii { #expect(screen.cells.allSatisfy { $0.text.allSatisfy(\.isASCII) }) }
            if !options.color { #expect(screen.rolesInUse == [.normal]) }
        }
    }
}
