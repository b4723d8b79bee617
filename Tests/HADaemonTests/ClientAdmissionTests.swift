import HAProtocol
import Testing

@testable import HADaemon

@Suite struct ClientAdmissionTests {
    let limits = ClientAdmission.Limits(maxClients: 4, rootReserve: 1, evictableAfter: .seconds(1))
    let now = MonotonicTime.milliseconds(100_000)

    func clients(_ specs: [(root: Bool, idleFor: Duration?)]) -> [ClientAdmission.Client] {
        specs.enumerated().map { index, spec in
            ClientAdmission.Client(
                fd: Int32(10 + index), isRoot: spec.root, idleSince: spec.idleFor.map { MonotonicTime(nanoseconds: now.nanoseconds - $0.nanoseconds) }
            )
        }
    }

    func decide(root: Bool, _ specs: [(root: Bool, idleFor: Duration?)]) -> ClientAdmission.Decision {
        ClientAdmission.decide(isRoot: root, clients: clients(specs), limits: limits, at: now)
    }

    @Test("other users fill all but the reserve; root still gets in")
    func reserve() {
        let busy: Duration? = nil
        #expect(decide(root: false, [(false, busy), (false, busy)]) == .admit)
        #expect(decide(root: false, [(false, busy), (false, busy), (false, busy)]) == .refuse)
        #expect(decide(root: true, [(false, busy), (false, busy), (false, busy)]) == .admit)
        #expect(decide(root: false, [(true, busy), (true, busy), (false, busy)]) == .admit, "root's clients do not use up others' slots")
    }

    @Test("when full, root takes the place of the longest-idle client, another user's first")
    func rootEvicts() {
        #expect(decide(root: true, [(true, .seconds(50)), (false, .milliseconds(10)), (false, .seconds(3)), (true, nil)]) == .admitEvicting(12))
        #expect(decide(root: true, [(true, .seconds(50)), (true, nil), (true, .seconds(3)), (true, nil)]) == .admitEvicting(10))
        #expect(decide(root: true, [(true, nil), (false, nil), (false, nil), (true, nil)]) == .refuse, "nobody idle")
    }

    @Test("when full, another user takes only the place of another user's client idle for a while")
    func othersEvict() {
        #expect(decide(root: false, [(false, .milliseconds(500)), (false, .seconds(2)), (false, .seconds(5))]) == .admitEvicting(12))
        #expect(decide(root: false, [(false, .milliseconds(500)), (false, nil), (false, nil)]) == .refuse, "fresh connections stay")
        #expect(decide(root: false, [(true, .seconds(50)), (true, .seconds(50)), (true, .seconds(50)), (true, .seconds(50))]) == .refuse)
    }
}
