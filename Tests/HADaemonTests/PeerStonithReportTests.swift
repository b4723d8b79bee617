import HAProtocol
import Testing

@testable import HADaemonCore

/// `t=stonith` both ways (issue 12): this node says what it decided for a dead peer in Heartbeat's
/// fields (`n_stnth`, `unneeded`, a device's result), and what another node's device did is logged
/// and kept in this node's fencing history under that node's name.
@Suite struct PeerStonithReportTests {
    static let device = StonithDevice(host: "*", type: "external/hadtest", parameters: .positional(["/tmp/x"]), line: 9)

    func trio(results: [FenceResult]) -> ClusterSimulation {
        var sim = ClusterSimulation(nodes: ["alpha", "bravo", "charlie"])
        sim.cf.stonithDevices = [Self.device]
        sim.configure = { $0.fencingDelay = .zero }
        sim.fenceResults = results
        for name in ["alpha", "bravo", "charlie"] { sim.start(name) }
        sim.run(for: .seconds(3))
        return sim
    }

    @Test("alpha resets a dead charlie after one failure: bravo logs both results and records them as alpha's")
    func peerResultsAreRecorded() {
        var sim = trio(results: [.failed, .ok])
        sim.kill("charlie")
        sim.run(for: .seconds(8))
        #expect(sim.fences.map { "\($0.node)>\($0.victim)" } == ["alpha>charlie", "alpha>charlie"], "\(sim.log("alpha").suffix(10))")
        let log = sim.log("bravo")
        #expect(log.contains("WARN: STONITH of charlie by alpha: bad"), "\(log.suffix(10))")
        #expect(log.contains("info: STONITH of charlie by alpha: OK"))
        let records = sim.nodes["bravo"]!.bareSnapshot.fencing ?? []
        #expect(records.map { "\($0.fencer)>\($0.victim) \($0.result)" } == ["alpha>charlie bad", "alpha>charlie OK"])
    }

    @Test("a t=stonith naming an unknown node or result is ignored")
    func nonsenseIsIgnored() {
        var sim = trio(results: [])
        for (node, result) in [("zulu", "OK"), ("charlie", "exploded"), (String(repeating: "c", count: 300), "OK")] {
            var effects: [NodeEffect] = []
            sim.nodes["alpha"]!.send(.stonith(node: node, result: result), into: &effects)
            sim.apply(effects, from: "alpha")
        }
        sim.run(for: .seconds(1))
        #expect(sim.nodes["bravo"]!.bareSnapshot.fencing ?? [] == [])
        #expect(!sim.log("bravo").contains { $0.contains("STONITH of") })
    }

    func sentStonith(_ node: NodeStateMachine) -> [String] {
        node.history.map(\.message).filter { $0.type == "stonith" }.map { "\($0["node"] ?? "?")=\($0["result"] ?? "?")" }
    }

    @Test("without a device a dead holder is taken over with t=stonith result=n_stnth, as Heartbeat sends")
    func noDeviceSendsNoStonith() {
        var sim = ClusterSimulation.settledPair()
        sim.kill("alpha")
        sim.run(for: .seconds(2))
        #expect(sentStonith(sim.nodes["bravo"]!) == ["alpha=n_stnth"])
    }

    @Test("a peer that stopped cleanly and then fell silent needs no fence: t=stonith result=unneeded")
    func cleanStopSendsUnneeded() {
        var sim = ClusterSimulation.settledPair { $0.cf.stonithDevices = [Self.device] }
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(3))
        #expect(sim.fences.isEmpty)
        #expect(sentStonith(sim.nodes["bravo"]!) == ["alpha=unneeded"])
    }
}
