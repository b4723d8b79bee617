import HAProtocol
import Testing

@testable import HADaemonCore

/// Every answer the control socket gives to a change, decided by the core in memory: the same
/// cases the namespace tests reach through a live daemon (ControlSocketAbuseTests, FailoverTests).
@Suite struct ControlPolicyTests {
    static let root = ControlRequester(name: "uid 0 pid 1", mayChange: true)
    static let stranger = ControlRequester(name: "uid 1000 pid 2", mayChange: false)

    func change(_ op: ControlRequest.Operation, node: String? = "alpha", reason: String? = nil) -> ControlRequest {
        ControlRequest(id: 7, op: op, node: node, resources: op == .shutdown ? nil : .all, reason: reason)
    }

    /// The answer's JSON line as the socket writes it.
    func line(_ response: ControlResponse?) -> String {
        response.map { String(decoding: ControlCodec.encode($0), as: UTF8.self) } ?? "no answer"
    }

    func refusal(_ code: ControlError.Code, _ message: String) -> String {
        line(.failure(id: 7, ControlError(code, message)))
    }

    /// Alpha alone, past initdead: it has declared bravo dead and is starting bravo's groups.
    func loneTakingOver() -> (NodeStateMachine, [NodeEffect]) {
        var node = AlphaCore.machine()
        let effects = node.handle(.tick, at: .milliseconds(1001))
        return (node, effects)
    }

    func answer(_ effects: [NodeEffect]) -> ControlResponse? {
        effects.compactMap { if case .answer(let response) = $0 { response } else { nil } }.first
    }

    @Test(
        "a change from a client neither root nor in haclient is forbidden, and nothing is logged",
        arguments: [
            ControlRequest.Operation.standby, .takeover, .shutdown,
        ])
    func forbidden(op: ControlRequest.Operation) {
        var sim = ClusterSimulation.settledPair()
        let logged = sim.log("alpha").count
        let response = sim.control("alpha", change(op), from: Self.stranger)
        #expect(line(response) == refusal(.forbidden, "changes need root or the haclient group"))
        #expect(
            line(response) == #"{"error":{"code":"forbidden","message":"changes need root or the haclient group"},"id":7,"v":1}"# + "\n")
        #expect(sim.log("alpha").count == logged)
        #expect(sim.holders() == ["alpha"])
    }

    @Test(
        "unstandby and move are the console's for Pacemaker: a daemon refuses them, naming its own way, and nothing moves",
        arguments: [
            ControlRequest.Operation.unstandby, .move,
        ])
    func pacemakerOnly(op: ControlRequest.Operation) {
        var sim = ClusterSimulation.settledPair()
        let logged = sim.log("alpha").count
        let response = sim.control("alpha", change(op), from: Self.root)
        #expect(
            line(response)
                == refusal(
                    .badRequest, "\(op.rawValue) is a Pacemaker operation; hadaemon moves groups with standby and takeover (hb_standby, hb_takeover)")
        )
        #expect(sim.log("alpha").count == logged && sim.holders() == ["alpha"])
    }

    @Test("a change that names no node is a bad request that names this node")
    func noNode() {
        var sim = ClusterSimulation.settledPair()
        let response = sim.control("alpha", change(.standby, node: nil))
        #expect(line(response) == refusal(.badRequest, #"a change must name the node it is for ("node":"alpha")"#))
    }

    @Test("a change meant for another node is refused as wrong_node")
    func wrongNode() {
        var sim = ClusterSimulation.settledPair()
        let response = sim.control("alpha", change(.takeover, node: "bravo"))
        #expect(line(response) == refusal(.wrongNode, "this is alpha; the request is for bravo"))
        #expect(line(response).contains(#""code":"wrong_node""#))
    }

    @Test("before initdead ends, every change is not ready", arguments: [ControlRequest.Operation.standby, .takeover, .shutdown])
    func initdead(op: ControlRequest.Operation) {
        var node = AlphaCore.machine()
        _ = node.handle(.tick, at: .milliseconds(10))
        let effects = node.handle(.control(change(op), from: Self.root), at: .milliseconds(20))
        #expect(line(answer(effects)) == refusal(.notReady, "still waiting for the other nodes (initdead)"))
        #expect(AlphaCore.logs(effects).isEmpty)
        #expect(!node.shutdownRequested)
    }

    @Test("a standby while another runs is busy; the request is still logged with who asked")
    func standbyInProgress() {
        var sim = ClusterSimulation.settledPair()
        let first = sim.control("alpha", change(.standby, reason: "test"))
        #expect(line(first) == line(ControlResponse(id: 7, message: "standby of all resources started on alpha")))
        #expect(sim.log("alpha").contains("info: standby [all] requested by uid 0 pid 1, reason: test"))
        let second = sim.control("alpha", change(.standby))
        #expect(line(second) == refusal(.busy, "a standby is already in progress"))
        #expect(sim.log("alpha").last == "info: standby [all] requested by uid 0 pid 1")
    }

    @Test("a standby while resources are in transition is busy")
    func standbyInTransition() {
        var (node, effects) = loneTakingOver()
        #expect(effects.contains { if case .runGroup(_, .start) = $0 { true } else { false } }, "alpha is starting its group")
        let response = answer(node.handle(.control(change(.standby), from: Self.root), at: .milliseconds(1002)))
        #expect(line(response) == refusal(.busy, "resources are in transition on alpha; try again when it is stable"))
    }

    @Test("standby and takeover with no other node up are not ready; shutdown goes ahead")
    func noPeerUp() {
        var (node, effects) = loneTakingOver()
        for case .runGroup(let key, let action) in effects {
            _ = node.handle(.groupActionFinished(key: key, action: action, succeeded: true, detail: nil), at: .milliseconds(1010))
        }
        #expect(node.isStable)
        let standby = answer(node.handle(.control(change(.standby), from: Self.root), at: .milliseconds(1020)))
        #expect(line(standby) == refusal(.notReady, "no other node is up to take the resources"))
        let takeover = answer(node.handle(.control(change(.takeover), from: Self.root), at: .milliseconds(1030)))
        #expect(line(takeover) == refusal(.notReady, "no other node is up to take resources from"))
        let shutdown = node.handle(.control(change(.shutdown), from: Self.root), at: .milliseconds(1040))
        #expect(line(answer(shutdown)) == line(ControlResponse(id: 7, message: "alpha is releasing its resources and stopping")))
        #expect(AlphaCore.logs(shutdown).first == "shutdown requested by uid 0 pid 1")
        #expect(node.shutdownRequested)
    }

    @Test("takeover is asked of the peer and answered at once")
    func takeoverAccepted() {
        var sim = ClusterSimulation.settledPair()
        let response = sim.control("alpha", change(.takeover))
        #expect(line(response) == line(ControlResponse(id: 7, message: "takeover of all resources asked of the peer by alpha")))
        #expect(sim.log("alpha").last == "info: takeover [all] requested by uid 0 pid 1")
    }

    @Test("a node that has stopped answers not ready instead of starting anything")
    func afterExit() {
        var sim = ClusterSimulation()
        sim.start("alpha")
        sim.run(for: .seconds(2))
        sim.command("alpha", .shutdown)
        sim.run(for: .seconds(1))
        #expect(!sim.running.contains("alpha"), "alpha released and exited")
        let response = sim.control("alpha", change(.takeover))
        #expect(line(response) == refusal(.notReady, "alpha has stopped"))
    }

    @Test(
        "an unknown op, a line that is not JSON, another version and an oversized line are refused by the codec, before the core",
        arguments: [
            (
                #"{"id":4,"op":"reboot"}"#,
                #"{"error":{"code":"unknown_op","message":"unknown op \"reboot\" (known: status, subscribe, standby, takeover, shutdown, outdate-peer, confirm-fence)"},"id":4,"v":1}"#
            ),
            ("this is not json", #"{"error":{"code":"bad_request","message":"not a JSON object with an integer \"id\" and an \"op\""},"v":1}"#),
            (
                #"{"v":2,"id":6,"op":"status"}"#,
                #"{"error":{"code":"unsupported_version","message":"this daemon speaks control protocol v1, the request v2"},"id":6,"v":1}"#
            ),
            (String(repeating: "x", count: 200_000), #"{"error":{"code":"too_large","message":"request longer than 65536 bytes"},"v":1}"#),
        ])
    func codecRefusals(request: String, expected: String) throws {
        guard case .failure(let refusal) = ControlCodec.decodeRequest(Array(request.utf8)) else {
            Issue.record("\(request) was accepted")
            return
        }
        #expect(line(refusal.response) == expected + "\n")
    }
}
