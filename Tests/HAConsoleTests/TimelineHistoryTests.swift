import HAProtocol
import Testing

@testable import HAConsole

/// What the console keeps for the timeline as feeds deliver: whose log each line is, DRBD
/// changes only when a reading differs, everything bounded.
@Suite struct TimelineHistoryTests {
    static func model() -> ConsoleModel {
        var state = ConsoleState(source: .daemon(socket: "/run/hadaemon/hadaemon.sock"), hostNode: "console-host")
        state.clock = DisplayClock(now: Pair.now)
        return ConsoleModel(
            state: state, feedKinds: [.daemon, .daemon], readOnly: false, sopDirectory: "/nonexistent", identity: .init(user: "op", host: "h"))
    }

    @Test("the followed node's lines stay its events after it dies and the console follows the survivor's snapshots")
    func followedLogKeepsItsNode() {
        var model = Self.model()
        _ = model.apply(.feed(0, .connection(.connected)))
        _ = model.apply(.feed(0, .snapshot(Pair.snapshot())))
        _ = model.apply(.feed(0, .log(path: "/a", lines: ["Nov 22 03:09:40 vm heartbeat: [10]: info: Link bravo:hb0 up."])))
        var bravo = Pair.snapshot()
        bravo.localNode = "bravo"
        _ = model.apply(.feed(1, .snapshot(bravo)))
        _ = model.apply(.feed(1, .log(path: "/b", lines: ["Nov 22 03:09:58 vm heartbeat: [20]: WARN: node alpha: is dead"])))
        _ = model.apply(.feed(0, .connection(.unreachable("connection refused"))))
        _ = model.apply(.feed(1, .snapshot(bravo)))
        #expect(model.state.localNode == "bravo")
        let events = model.state.timeline.events
        #expect(events.map(\.source) == ["alpha", "bravo"], "\(events)")
        #expect(events.map(\.kind) == [.linkUp, .nodeDead])
    }

    @Test("a DRBD change is an event once: the first reading is the baseline, the same reading again adds nothing")
    func drbdChangesOnce() {
        var history = TimelineHistory()
        var status = DRBDStatus(resources: [DRBDResource(name: "r0", role: .secondary, devices: [DRBDDevice(volume: 0, disk: .upToDate)])])
        history.observeDRBD(status, of: "bravo", at: 1000)
        history.observeDRBD(status, of: "bravo", at: 2000)
        #expect(history.drbdEvents.isEmpty)
        status.resources[0].devices[0].disk = .outdated
        history.observeDRBD(status, of: "bravo", at: 3000)
        history.observeDRBD(status, of: "bravo", at: 4000)
        #expect(history.drbdEvents.map(\.text) == ["r0 disk UpToDate -> Outdated"])
        #expect(history.drbdEvents.map(\.time) == [3000])
    }

    @Test("a flapping resource keeps only the newest changes")
    func bounded() {
        var history = TimelineHistory()
        for round in 0..<(TimelineHistory.capacity + 50) {
            let role: DRBDRole = round % 2 == 0 ? .primary : .secondary
            history.observeDRBD(DRBDStatus(resources: [DRBDResource(name: "r0", role: role)]), of: "alpha", at: Int64(round))
        }
        #expect(history.drbdEvents.count == TimelineHistory.capacity)
        #expect(history.drbdEvents.last?.time == Int64(TimelineHistory.capacity + 49))
    }
}
