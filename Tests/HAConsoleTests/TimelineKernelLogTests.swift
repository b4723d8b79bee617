import HAFixtures
import Testing

@testable import HAConsole

/// `haconsole timeline --kernel-log`: DRBD's kernel messages (real ones, from the DRBD kernel
/// log fixtures) as timeline events, merged with ha-log.
@Suite struct TimelineKernelLogTests {
    let clock = TimelineClock(utcOffsetSeconds: 0, year: 2026)

    func events(_ file: String, node: String = "node") throws -> [TimelineEvent] {
        TimelineParser(clock: clock).events(inKernelLog: try Fixtures.text("drbd/kernel-log/\(file)"), node: node)
    }

    @Test("DRBD 9 state changes: one event per line, the connection's before the peer disk's, in DRBD's words")
    func drbd9StateChanges() throws {
        let events = try events("9-state-change-lines-linstor-issue213.log", node: "kube-node-2")
        #expect(events.map(\.kind) == [.drbdConnection, .drbdConnection])
        #expect(
            events.first?.text == "pvc-1ed58414-0a3d-415d-8b20-80d4fae9cf71 kube-node-6: conn( Connected -> TearDown ) peer( Secondary -> Unknown )")
        #expect(events.last?.text.hasPrefix("pvc-1ed58414-0a3d-415d-8b20-80d4fae9cf71/0 kube-node-6: pdsk( UpToDate -> Outdated )") == true)
        #expect(events.allSatisfy { $0.source == "kube-node-2" && $0.resolution == 1000 })
        #expect(clock.text(events[0].time) == "2026-01-18 11:20:01")
    }

    @Test("8.3 block-device lines: a network failure and the reconnect attempts, named by minor")
    func drbd83NetworkFailure() throws {
        let events = try events("8.3-network-failure-then-wfconnection-pastebin.log")
        #expect(events.first?.text == "drbd0: peer( Primary -> Unknown ) conn( Connected -> NetworkFailure ) pdsk( UpToDate -> DUnknown )")
        #expect(events.first?.kind == .drbdConnection)
        #expect(events.contains { $0.text == "drbd0: conn( Unconnected -> WFConnection )" })
        #expect(clock.text(events[0].time) == "2026-03-06 22:28:02", "a one-digit day with one space")
    }

    @Test("a split brain DRBD detects is a drbd_split_brain event, once per detection line")
    func splitBrain() throws {
        for file in ["8.4-splitbrain-ganeti-issue846.log", "8.4-splitbrain-one-line-hoangdh.log", "9-splitbrain-drbd-issue58.log"] {
            let split = try events(file).filter { $0.kind == .drbdSplitBrain }
            #expect(!split.isEmpty, "\(file)")
            #expect(split.allSatisfy { $0.text.contains("Split-Brain detected") }, "\(file)")
        }
    }

    @Test("kernel lines merge with ha-log in time order; lines with no syslog stamp, too long or not DRBD's are skipped")
    func mergedAndUntrusted() {
        let kernel = """
            [  118.68] block drbd6: conn( Connected -> StandAlone )
            Nov 22 04:00:04 alpha kernel: [9.1] block drbd0: role( Secondary -> Primary )
            Nov 22 04:00:04 alpha kernel: [9.2] e1000: eth0 NIC Link is Down
            Nov 99 04:00:04 alpha kernel: [9.3] block drbd0: disk( UpToDate -> Failed )
            Nov 22 04:00:05 alpha kernel: \(String(repeating: "x", count: 9000)) block drbd0: disk( UpToDate -> Failed )
            """
        let halog = "Nov 22 04:00:03 alpha heartbeat: [10]: WARN: node bravo: is dead"
        let timeline = Timeline(logs: [("alpha", halog)], kernelLogs: [("alpha", kernel)], clock: clock, deadtime: 1000)
        #expect(timeline.events.map(\.kind) == [.nodeDead, .drbdRole])
        #expect(timeline.events.last?.text == "drbd0: role( Secondary -> Primary )")
    }
}
