import Foundation
import Glibc
import HAHost
import HAProtocol
import Testing

@testable import HAConsole

/// ``HeartbeatFeed`` against a stand-in node: its `via` prefix is a script that records the
/// `sh -c` script it was asked to run and answers like a Heartbeat node would (a canned probe
/// output, or an action's exit status). The real pair is in ConsoleHeartbeatTmuxTests.
@Suite(.serialized)
struct HeartbeatFeedTests {
    /// A directory with `node` (the prefix) and what it recorded.
    final class StandIn {
        let directory: String
        var node: String { directory + "/node" }

        init(probeOutput: String, actionStatus: Int32 = 0) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("hbfeed-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try probeOutput.write(toFile: directory + "/probe.out", atomically: true, encoding: .utf8)
            // argv: sh -c SCRIPT. A probe gets the canned output; anything else is an action.
            let script = """
                #!/bin/sh
                case "$3" in
                  *"@@hb end"*) cat \(directory)/probe.out ;;
                  *) printf '%s\\n' "$3" > \(directory)/action; echo "Going standby [all]."; exit \(actionStatus) ;;
                esac

                """
            try script.write(toFile: node, atomically: true, encoding: .utf8)
            chmod(node, 0o755)
        }

        var action: String? { try? String(contentsOfFile: directory + "/action", encoding: .utf8) }

        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    static let bothUp = """
        @@hb host bravo
        @@hb hbstatus 0
        @@hb section listnodes

        bravo\tactive\t(nodetype: normal)
        \thb0\tup

        alpha\tactive\t(nodetype: normal)
        \thb0\tup
        @@hb rc 0
        @@hb section rscstatus
        all
        @@hb rc 0
        @@hb section ha.cf
        keepalive 200ms
        deadtime 1
        ucast hb0 192.0.2.11
        node alpha
        node bravo

        @@hb rc 0
        @@hb section haresources
        alpha 192.0.2.100 hbdummy
        @@hb rc 0
        @@hb end
        """

    /// Drives the feed like the console's loop until `done` holds (bounded); returns the newest
    /// snapshot it delivered.
    @discardableResult
    func pump(_ feed: HeartbeatFeed, until done: () -> Bool) -> ClusterSnapshot? {
        pump(feed, until: { _ in done() }).compactMap { if case .snapshot(let snapshot) = $0 { snapshot } else { nil } }.last
    }

    /// Drives the feed like the console's loop until `done` holds for what it delivered so far
    /// (bounded); returns all of it.
    func pump(_ feed: HeartbeatFeed, until done: ([FeedInput]) -> Bool) -> [FeedInput] {
        var inputs: [FeedInput] = []
        let deadline = SystemClock.milliseconds() + 5000
        while !done(inputs) && SystemClock.milliseconds() < deadline {
            inputs += feed.poll(now: SystemClock.now())
            usleep(5000)
        }
        return inputs
    }

    /// The answer to request `id` among `inputs`.
    func reply(to id: Int, in inputs: [FeedInput]) -> ControlResponse? {
        inputs.lazy.compactMap { if case .answer(let answer) = $0, answer.id == id { answer } else { nil } }.first
    }

    @Test("a probe through the prefix becomes a snapshot with the peer's share (its alerts are the console model's)")
    func probe() throws {
        let node = try StandIn(probeOutput: Self.bothUp)
        let feed = HeartbeatFeed(via: [node.node], drbdCommand: nil, claims: HeartbeatClaims(), log: nil, initialLogLines: 0)
        var snapshot: ClusterSnapshot?
        snapshot = pump(feed) { snapshot != nil || feed.connection != .connecting }
        snapshot = snapshot ?? pump(feed) { false }
        let got = try #require(snapshot, "\(feed.connection)")
        #expect(feed.connection == .connected)
        #expect(got.localNode == "bravo" && got.groups.first?.holders == ["bravo"])
        #expect(got.node("alpha")?.holds == ResourceClass.none)
        #expect(feed.origin == "cl_status via \(node.node)")
    }

    @Test(
        "actions become Heartbeat's commands on the node, answered by their exit status",
        arguments: [
            (ControlRequest.Operation.standby, ControlRequest.Resources.local, "hb_standby\" local", "hb_standby local done"),
            (.takeover, .all, "hb_takeover\" all", "hb_takeover all done"),
            (.shutdown, nil, "/etc/init.d/heartbeat stop", "service heartbeat stop done"),
            // Heartbeat runs the meatware plugin itself: its meatclient confirms (the node is the victim).
            (.confirmFence, nil, "echo y | meatclient -c ", "meatclient -c bravo done"),
        ] as [(ControlRequest.Operation, ControlRequest.Resources?, String, String)])
    func actions(_ operation: ControlRequest.Operation, _ resources: ControlRequest.Resources?, _ command: String, _ message: String) throws {
        let node = try StandIn(probeOutput: Self.bothUp)
        let feed = HeartbeatFeed(via: [node.node], drbdCommand: nil, claims: HeartbeatClaims(), log: nil, initialLogLines: 0)
        feed.send(ControlRequest(id: 7, op: operation, node: "bravo", resources: resources))
        let answer = reply(to: 7, in: pump(feed) { reply(to: 7, in: $0) != nil })
        #expect(node.action?.contains(command) == true, "\(node.action ?? "nothing ran")")
        #expect(answer?.error == nil && answer?.message?.hasPrefix(message) == true, "\(String(describing: answer))")
    }

    @Test("a failing command is a failure that says which command and how it ended")
    func failingAction() throws {
        let node = try StandIn(probeOutput: Self.bothUp, actionStatus: 3)
        let feed = HeartbeatFeed(via: [node.node], drbdCommand: nil, claims: HeartbeatClaims(), log: nil, initialLogLines: 0)
        feed.send(ControlRequest(id: 7, op: .standby, node: "bravo", resources: .all))
        let answer = reply(to: 7, in: pump(feed) { reply(to: 7, in: $0) != nil })
        #expect(answer?.error?.message.hasPrefix("hb_standby all failed (exit 3)") == true, "\(String(describing: answer))")
    }

    @Test("an unreachable node is said with the prefix's own words")
    func unreachable() {
        let feed = HeartbeatFeed(
            via: ["/nonexistent/ssh", "bravo"], drbdCommand: nil, claims: HeartbeatClaims(), log: nil, initialLogLines: 0)
        pump(feed) { feed.connection != .connecting }
        guard case .unreachable(let why) = feed.connection else {
            Issue.record("still \(feed.connection)")
            return
        }
        #expect(why.contains("/nonexistent/ssh"), "\(why)")
    }
}
