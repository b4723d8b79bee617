import Foundation
import HAFixtures
import HAProtocol
import Testing

@testable import HADaemonCore

/// What a packet can carry must not crash the core, wedge it, or keep a dead node alive
/// (issue 10). Each test here failed on the core as it landed before that issue.
@Suite struct HostileInputTests {
    let groups = AlphaCore.groups

    func machine(at start: MonotonicTime = .milliseconds(0)) -> NodeStateMachine { AlphaCore.machine(at: start) }

    func fromBravo(_ message: HAMessage, seq: UInt64, generation: UInt64 = 20) -> HAMessage {
        AlphaCore.fromBravo(message, seq: seq, generation: generation)
    }

    func logs(_ effects: [NodeEffect]) -> [String] { AlphaCore.logs(effects) }

    /// Bravo's status every 100 ms from `from` (its sequence continuing at `seq`), ticking alpha too.
    func beat(_ node: inout NodeStateMachine, bravo seq: inout UInt64, from: Int64, to: Int64, generation: UInt64 = 20) -> [String] {
        var lines: [String] = []
        for t in stride(from: from, to: to, by: 100) {
            lines += logs(
                node.handle(
                    .received(fromBravo(.status("active", deadTimeMilliseconds: 500), seq: seq, generation: generation), link: "hb0"),
                    at: .milliseconds(t)))
            seq += 1
            lines += logs(node.handle(.tick, at: .milliseconds(t + 50)))
        }
        return lines
    }

    @Test("a forged sequence number at the top of the range neither traps nor silences the real peer")
    func maximalSequence() {
        var node = machine()
        var seq: UInt64 = 1
        var lines = beat(&node, bravo: &seq, from: 0, to: 500)
        for forged in [UInt64.max, UInt64.max - 1, UInt64.max] {
            lines += logs(
                node.handle(.received(fromBravo(.status("dead", deadTimeMilliseconds: 0), seq: forged), link: "hb0"), at: .milliseconds(520)))
        }
        lines += beat(&node, bravo: &seq, from: 600, to: 3000)
        #expect(node.peers["bravo"]!.status == .active)
        #expect(!lines.contains("node bravo: is dead"))
        #expect(node.droppedPackets.total >= 3, "the forged packets are counted")
    }

    @Test("the receive fuzzer's first crash, two crc-signed datagrams claiming bravo, is counted and dropped, not a trap")
    func fuzzerCrashReplayed() throws {
        var node = machine()
        let crc = MessageAuthenticator(outbound: SigningKey(index: 1, method: .crc, secret: []))
        for (index, name) in ["receive-seq-overflow-1", "receive-seq-overflow-2"].enumerated() {
            let message = try crc.open(try Fixtures.bytes("fuzz-crashes/\(name).msg"))
            _ = node.handle(.received(message, link: "hb0"), at: .milliseconds(Int64(10 * index)))
        }
        #expect(node.droppedPackets.total == 2, "\(node.droppedPackets)")
        #expect(node.peers["bravo"]!.lastSeq == nil)
    }

    @Test("a packet claiming a huge generation does not lock the real peer out")
    func hugeGeneration() {
        var node = machine()
        var seq: UInt64 = 1
        var lines = beat(&node, bravo: &seq, from: 0, to: 500)
        lines += logs(
            node.handle(
                .received(fromBravo(.status("active", deadTimeMilliseconds: 500), seq: 1, generation: .max), link: "hb0"), at: .milliseconds(510)))
        lines += beat(&node, bravo: &seq, from: 600, to: 3000)
        #expect(node.peers["bravo"]!.generation == 20)
        #expect(node.peers["bravo"]!.status == .active)
        #expect(!lines.contains("node bravo: is dead"))
        #expect(!lines.contains("Heartbeat restart on node bravo"))
    }

    @Test("a real restart is still recognised: the old generation fell silent and the new one speaks")
    func realRestartAdopted() {
        var node = machine()
        var seq: UInt64 = 1
        _ = beat(&node, bravo: &seq, from: 0, to: 500)
        var newSeq: UInt64 = 1
        let lines = beat(&node, bravo: &newSeq, from: 520, to: 1000, generation: 21)
        #expect(lines.contains("Heartbeat restart on node bravo"))
        #expect(node.peers["bravo"]!.generation == 21)
        #expect(node.peers["bravo"]!.status == .active)
        #expect(!lines.contains("node bravo: is dead"))
    }

    @Test("replayed acknowledgements from an older generation do not roll the peer's generation back")
    func ackReplayKeepsGeneration() {
        var node = machine()
        var seq: UInt64 = 1
        _ = beat(&node, bravo: &seq, from: 0, to: 300, generation: 19)
        var restarted: UInt64 = 1
        _ = beat(&node, bravo: &restarted, from: 1000, to: 1500, generation: 20)
        #expect(node.peers["bravo"]!.generation == 20)
        for t in [1510, 1520] {
            _ = node.handle(.received(fromBravo(.ack(to: "alpha", seq: 10), seq: 0, generation: 19), link: "hb0"), at: .milliseconds(Int64(t)))
        }
        #expect(node.peers["bravo"]!.generation == 20)
        let lines = beat(&node, bravo: &restarted, from: 1600, to: 2500, generation: 20)
        #expect(!lines.contains { $0.hasPrefix("should_drop_message") }, "the live generation is still accepted")
        #expect(node.peers["bravo"]!.status == .active)
    }

    @Test("replaying a dead node's status packets does not keep it alive, and the replays are counted")
    func replayIsNotLiveness() {
        var node = machine()
        var seq: UInt64 = 1
        _ = beat(&node, bravo: &seq, from: 0, to: 500)
        let captured = fromBravo(.status("active", deadTimeMilliseconds: 500), seq: seq - 1)
        // Bravo is SIGKILLed at 500 ms; an attacker replays its last status every 100 ms.
        var lines: [String] = []
        for t in stride(from: Int64(500), to: 3000, by: 100) {
            lines += logs(node.handle(.received(captured, link: "hb0"), at: .milliseconds(t)))
            lines += logs(node.handle(.tick, at: .milliseconds(t + 50)))
        }
        #expect(lines.contains("node bravo: is dead"))
        #expect(node.groupStates[groups[0].key] != .stopped, "alpha takes bravo's place")
        #expect(node.droppedPackets.total >= 20, "\(node.droppedPackets)")
    }

    @Test("unsequenced packets from a dead node neither revive it nor start a heal")
    func unsequencedIsNotLiveness() {
        var node = machine()
        var seq: UInt64 = 1
        _ = beat(&node, bravo: &seq, from: 0, to: 300)
        var lines: [String] = []
        for t in stride(from: Int64(300), to: 2000, by: 100) {
            lines += logs(node.handle(.received(fromBravo(.ack(to: "alpha", seq: 3), seq: 0), link: "hb0"), at: .milliseconds(t)))
            lines += logs(node.handle(.tick, at: .milliseconds(t + 50)))
        }
        #expect(lines.contains("node bravo: is dead"))
        #expect(!lines.contains("Cluster node bravo returning after partition."))
        #expect(node.peers["bravo"]!.status == .dead)
    }

    @Test("packets from many forged node names raise one counter and one log line, not one per name")
    func forgedNamesAreBounded() {
        var node = machine()
        var lines: [String] = []
        for index in 0..<1000 {
            let forged = SenderHeader(node: "n\(index)", uuid: Array(repeating: 3, count: 16), seq: 1, generation: 1, timestamp: 1, load: "n/a")
                .stamped(.status("active", deadTimeMilliseconds: 500))
            lines += logs(node.handle(.received(forged, link: "hb0"), at: .milliseconds(Int64(index))))
        }
        #expect(lines.count <= 2, "\(lines.prefix(3))")
        #expect(node.droppedPackets.byCause.count <= 2)
        #expect(node.droppedPackets.total == 1000)
    }

    @Test("a loop stall that makes both nodes declare each other dead heals without a message storm")
    func stallHealsWithoutStorm() {
        var sim = ClusterSimulation()
        sim.start("alpha")
        sim.start("bravo")
        sim.run(for: .seconds(2))
        #expect(sim.holders() == ["alpha"])
        sim.stall("alpha", for: .milliseconds(1500))
        sim.run(for: .seconds(5))
        #expect(sim.holders() == ["alpha"], "\(sim.log("alpha").suffix(8))")
        // Two nodes beating every 100 ms send 20 datagrams a second, plus acks.
        let rate = sim.messageRate(over: .seconds(2))
        #expect(rate < 40, "datagrams per second after the heal: \(rate)")
        #expect(sim.nodes["alpha"]!.healing.isEmpty && sim.nodes["bravo"]!.healing.isEmpty)
    }
}
