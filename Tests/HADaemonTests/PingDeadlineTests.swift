import HAProtocol
import Testing

@testable import HADaemonCore

/// The ping-node deadline the core hands the loop must be one at which a `.tick` has work: a
/// deadline the check does not act on makes the loop wake at once, again and again.
@Suite struct PingDeadlineTests {
    @Test("a silent ping node's deadline declares it dead when reached: the next deadline moves on")
    func deadlineActsWhenReached() {
        let cf = HACF.pairWithPingNode()
        var node = NodeStateMachine(config: NodeCoreConfig(me: "alpha", cf: cf, groups: [], generation: 1), at: .milliseconds(0))
        _ = node.handle(.tick, at: .milliseconds(0))
        _ = node.handle(.pingReply(address: "192.0.2.1"), at: .milliseconds(5))
        var woke = 0
        var last = MonotonicTime.milliseconds(0)
        while node.pingStatus["192.0.2.1"]?.status != .dead, woke < 100 {
            let at = node.nextDeadline
            #expect(at > last || woke == 0, "the deadline did not move on from \(at)")
            last = at
            _ = node.handle(.tick, at: at)
            woke += 1
        }
        #expect(node.pingStatus["192.0.2.1"]?.status == .dead)
        #expect(woke < 20, "woke \(woke) times before the ping node was declared dead")
    }
}
