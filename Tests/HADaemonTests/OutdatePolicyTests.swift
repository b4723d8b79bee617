import HAProtocol
import Testing

@testable import HADaemonCore

/// DRBD peer outdating decided by the core in memory, alpha asking and answering bravo with
/// dopd's messages (`t=start_outdate dop_res=…`, `t=outdate_rc dop_value=…`).
@Suite struct OutdatePolicyTests {
    static let root = ControlRequester(name: "uid 0 pid 1", mayChange: true)

    func request(_ resource: String? = "r0", peer: String? = nil, timeout: Int? = 5, token: String? = "t1", id: Int = 1) -> ControlRequest {
        var request = ControlRequest(id: id, op: .outdatePeer)
        request.resource = resource
        request.peer = peer
        request.timeout = timeout
        request.token = token
        return request
    }

    func answer(_ effects: [NodeEffect]) -> ControlResponse? {
        effects.compactMap { if case .answer(let response) = $0 { response } else { nil } }.first
    }

    /// Alpha with bravo alive (one status heard at 100 ms).
    func pairUp() -> NodeStateMachine {
        var node = AlphaCore.machine()
        _ = node.handle(.received(AlphaCore.fromBravo(.status("active", deadTimeMilliseconds: 500), seq: 1), link: "eth0"), at: .milliseconds(100))
        return node
    }

    @Test("a request sends dopd's start_outdate to bravo, waits, and bravo's dop_value becomes the exit code", arguments: ["3", "4", "6", "7"])
    func askAndCollect(value: String) throws {
        var node = pairUp()
        let asked = node.handle(.control(request(), from: Self.root), at: .milliseconds(150))
        let sent = try #require(AlphaCore.sent(asked).first { $0.type == "start_outdate" })
        #expect(sent.fields.map(\.name) == ["t", "dest", "dop_res"])
        #expect(sent.dest == "bravo" && sent["dop_res"] == "r0")
        #expect(answer(asked)?.exitCode == nil && answer(asked)?.message == "waiting for bravo's answer")
        #expect(AlphaCore.logs(asked).contains("sending start_outdate message to the other node alpha -> bravo"))

        let again = node.handle(.control(request(id: 2), from: Self.root), at: .milliseconds(200))
        #expect(answer(again)?.exitCode == nil)

        let reply = HAMessage.outdateReply(to: "alpha", resource: "r0", OutdateResult(dopValue: value)!)
        _ = node.handle(.received(AlphaCore.fromBravo(reply, seq: 2), link: "eth0"), at: .milliseconds(250))
        let collected = node.handle(.control(request(id: 3), from: Self.root), at: .milliseconds(300))
        #expect(answer(collected)?.exitCode == Int32(value))
        // Collected once: the same token again starts a new request.
        let next = node.handle(.control(request(id: 4), from: Self.root), at: .milliseconds(350))
        #expect(AlphaCore.sent(next).contains { $0.type == "start_outdate" })
    }

    @Test("no answer within the timeout is 5, peer unreachable, logged")
    func timeout() {
        var node = pairUp()
        _ = node.handle(.control(request(timeout: 1), from: Self.root), at: .milliseconds(150))
        // Bravo keeps beating, but never answers.
        let late = node.handle(
            .received(AlphaCore.fromBravo(.status("active", deadTimeMilliseconds: 500), seq: 2), link: "eth0"), at: .milliseconds(1151))
        #expect(AlphaCore.logs(late).contains("outdate of r0: no answer from bravo in time: peer is unreachable"))
        #expect(node.nextDeadline <= .milliseconds(1151) + .seconds(30))
        #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(1200)))?.exitCode == 5)
    }

    @Test("a peer that is dead is 5 at once, and nothing is sent")
    func deadPeer() {
        var node = AlphaCore.machine()
        _ = node.handle(.tick, at: .milliseconds(1001))
        let effects = node.handle(.control(request(), from: Self.root), at: .milliseconds(1100))
        #expect(answer(effects)?.exitCode == 5)
        #expect(!AlphaCore.sent(effects).contains { $0.type == "start_outdate" })
    }

    @Test("a dead peer this node's STONITH device reset since it was last heard is 7, peer fenced")
    func fencedPeer() {
        var node = pairUp()
        _ = node.handle(.tick, at: .milliseconds(700))
        node.fenceHistory.append(FinishedFence(victim: "bravo", device: "null", result: .ok, duration: .seconds(1), at: .milliseconds(800)))
        #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(900)))?.exitCode == 7)
        node.fenceHistory = [FinishedFence(victim: "bravo", device: "null", result: .failed, duration: .seconds(1), at: .milliseconds(800))]
        #expect(answer(node.handle(.control(request(token: "t2"), from: Self.root), at: .milliseconds(950)))?.exitCode == 5)
    }

    @Test("a dead peer still being reset: the answer waits for the device, 7 when it confirms, 5 at the deadline when it does not")
    func waitsForReset() {
        for confirms in [true, false] {
            var node = pairUp()
            _ = node.handle(.tick, at: .milliseconds(700))
            let device = StonithDevice(host: "*", type: "external/hadtest", parameters: .positional(["/tmp/x"]), line: 9)
            node.fences["bravo"] = PendingFence(
                victim: "bravo", device: device, phase: .running(since: .milliseconds(700)), since: .milliseconds(700), takeOver: [])
            let asked = node.handle(.control(request(timeout: 2), from: Self.root), at: .milliseconds(800))
            #expect(answer(asked)?.exitCode == nil && !AlphaCore.sent(asked).contains { $0.type == "start_outdate" })
            if confirms {
                _ = node.handle(.fenceFinished(node: "bravo", result: .ok, detail: nil), at: .milliseconds(1500))
                #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(1600)))?.exitCode == 7)
            } else {
                #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(2700)))?.exitCode == nil)
                _ = node.handle(.tick, at: .milliseconds(2800))
                #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(2900)))?.exitCode == 5)
            }
        }
    }

    @Test("bravo dying while alpha waits ends the wait with 5")
    func diesWhileWaiting() {
        var node = pairUp()
        _ = node.handle(.control(request(timeout: 60), from: Self.root), at: .milliseconds(150))
        let effects = node.handle(.tick, at: .milliseconds(700))
        #expect(AlphaCore.logs(effects).contains("outdate of r0: bravo is dead: peer is unreachable (5)"))
        #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(750)))?.exitCode == 5)
    }

    @Test("an unreadable dop_value is 20, drbd-peer-outdater's undefined answer", arguments: ["0", "8", "x", "", "04", "-4", "44444", "20"])
    func unreadable(value: String) {
        var node = pairUp()
        _ = node.handle(.control(request(), from: Self.root), at: .milliseconds(150))
        let reply = HAMessage(strings: [("t", "outdate_rc"), ("dest", "alpha"), ("dop_value", value)])
        _ = node.handle(.received(AlphaCore.fromBravo(reply, seq: 2), link: "eth0"), at: .milliseconds(200))
        #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(250)))?.exitCode == (value == "04" ? 4 : 20))
    }

    @Test("a reply naming another resource is not the answer; one naming ours, or none (the 2006 dopd), is")
    func replyResource() {
        for (named, answered) in [("r1", false), ("r0", true), (nil, true)] as [(String?, Bool)] {
            var node = pairUp()
            _ = node.handle(.control(request(), from: Self.root), at: .milliseconds(150))
            var reply = HAMessage(strings: [("t", "outdate_rc"), ("dop_value", "4"), ("dest", "alpha")])
            if let named { reply.append(.string("dop_res", named)) }
            _ = node.handle(.received(AlphaCore.fromBravo(reply, seq: 2), link: "eth0"), at: .milliseconds(200))
            #expect(answer(node.handle(.control(request(), from: Self.root), at: .milliseconds(250)))?.exitCode == (answered ? 4 : nil))
        }
    }

    @Test("a second request while one waits is busy; a peer named that is this node or unknown is 5")
    func busyAndPeers() {
        var node = pairUp()
        _ = node.handle(.control(request(), from: Self.root), at: .milliseconds(150))
        #expect(answer(node.handle(.control(request(token: "t2"), from: Self.root), at: .milliseconds(160)))?.error?.code == .busy)
        var other = pairUp()
        let me = other.handle(.control(request(peer: "alpha"), from: Self.root), at: .milliseconds(150))
        #expect(answer(me)?.exitCode == 5 && AlphaCore.logs(me).contains("drbd peer node alpha is me!"))
        let unknown = other.handle(.control(request(peer: "charlie"), from: Self.root), at: .milliseconds(160))
        #expect(answer(unknown)?.exitCode == 5 && AlphaCore.logs(unknown).contains("drbd peer charlie was not found"))
    }

    @Test(
        "bad requests are refused by field and send nothing",
        arguments: [
            (Optional<String>.none, 5, "t"), ("all", 5, "t"), ("-x", 5, "t"), ("r 0", 5, "t"), ("r0;reboot", 5, "t"),
            (String(repeating: "r", count: 129), 5, "t"), ("r0", 0, "t"), ("r0", 3601, "t"), ("r0", 5, ""),
        ] as [(String?, Int, String)])
    func badRequests(resource: String?, timeout: Int, token: String) {
        var node = pairUp()
        let effects = node.handle(.control(request(resource, timeout: timeout, token: token), from: Self.root), at: .milliseconds(150))
        #expect(answer(effects)?.error?.code == .badRequest)
        #expect(!AlphaCore.sent(effects).contains { $0.type == "start_outdate" })
    }

    @Test("a client neither root nor in haclient may not ask")
    func forbidden() {
        var node = pairUp()
        let effects = node.handle(.control(request(), from: ControlRequester(name: "uid 1000", mayChange: false)), at: .milliseconds(150))
        #expect(answer(effects)?.error?.code == .forbidden)
    }

    @Test(
        "bravo's start_outdate runs drbdadm outdate and answers dopd's mapping of its exit status",
        arguments: [(Int32?(0), "4"), (5, "3"), (17, "6"), (1, "20"), (10, "20"), (nil, "20")] as [(Int32?, String)])
    func answering(status: Int32?, value: String) throws {
        var node = pairUp()
        let asked = HAMessage.outdateRequest(to: "alpha", resource: "r0")
        let effects = node.handle(.received(AlphaCore.fromBravo(asked, seq: 2), link: "eth0"), at: .milliseconds(150))
        #expect(effects.contains(.outdate(resource: "r0", requester: "bravo")))
        let done = node.handle(.outdateFinished(resource: "r0", requester: "bravo", exitStatus: status), at: .milliseconds(200))
        let reply = try #require(AlphaCore.sent(done).first { $0.type == "outdate_rc" })
        // Heartbeat 3.0.6's dopd looks its waiting client up by dop_res: without it, it crashes.
        #expect(reply.fields.map(\.name) == ["t", "dop_value", "dop_res", "dest"])
        #expect(reply.dest == "bravo" && reply["dop_value"] == value && reply["dop_res"] == "r0")
        #expect(AlphaCore.logs(done).contains("sending return code: \(value), alpha -> bravo"))
    }

    @Test(
        "a start_outdate naming no valid resource runs nothing and is answered 20, as dopd answers drbdadm's refusal",
        arguments: [
            "", "all", "-f", "r0 r1", "r0\nr1", "../r0", "r0$(id)", "r\u{0}", String(repeating: "x", count: 129), String(repeating: "x", count: 300),
        ])
    func hostileRequest(resource: String) throws {
        var node = pairUp()
        let asked = HAMessage(strings: [("t", "start_outdate"), ("dest", "alpha"), ("dop_res", resource)])
        let effects = node.handle(.received(AlphaCore.fromBravo(asked, seq: 2), link: "eth0"), at: .milliseconds(150))
        #expect(!effects.contains { if case .outdate = $0 { true } else { false } })
        let reply = try #require(AlphaCore.sent(effects).first { $0.type == "outdate_rc" })
        // Echoed so dopd finds (or safely misses) its client; a name no encoding carries cleanly
        // (control bytes, longer than 256 bytes) is echoed empty.
        let echoable = resource.utf8.count <= 256 && resource.utf8.allSatisfy { (0x20..<0x7F).contains($0) }
        #expect(reply["dop_value"] == "20" && reply["dop_res"] == (echoable ? resource : ""))
    }

    @Test("at most four drbdadm runs at once; a fifth request is answered 20 at once")
    func boundedRuns() {
        var node = pairUp()
        var runs = 0
        for seq in 2...6 {
            let asked = AlphaCore.fromBravo(.outdateRequest(to: "alpha", resource: "r\(seq)"), seq: UInt64(seq))
            let effects = node.handle(.received(asked, link: "eth0"), at: .milliseconds(100 + Int64(seq)))
            runs += effects.filter { if case .outdate = $0 { true } else { false } }.count
            if seq == 6 { #expect(AlphaCore.sent(effects).contains { $0["dop_value"] == "20" && $0["dop_res"] == "r6" }) }
        }
        #expect(runs == 4)
    }
}
