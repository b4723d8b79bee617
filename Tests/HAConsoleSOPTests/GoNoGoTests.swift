import HAProtocol
import Testing

@testable import HAConsole

/// The go/no-go in memory: each check red and green on constructed states (``GoNoGo``), the
/// gate driven through ``ConsoleModel`` keys, and what the audit trail gets.
@Suite
struct GoNoGoTests {
    typealias Base = ConsoleModelTests

    /// A pair it is safe to fail over: both active on an up link, alpha holding, same config,
    /// bravo fencing with external/ssh, r0 UpToDate on both sides.
    static func healthy(_ change: (inout ClusterSnapshot) -> Void = { _ in }) -> ConsoleState {
        var snapshot = Fake.snapshot(local: "bravo")
        snapshot.fenceDevice = "external/ssh"
        snapshot.configDigest = "1a2b3c4d5e6f"
        for index in snapshot.nodes.indices { snapshot.nodes[index].configDigest = "1a2b3c4d5e6f" }
        change(&snapshot)
        var model = Base.model()
        Base.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(snapshot)), to: &model)
        var state = model.state
        state.receiveDRBD(Fake.drbd(role: .secondary, peer: "alpha"), of: "bravo", source: "drbdsetup status", problem: nil)
        state.receiveDRBD(Fake.drbd(role: .primary, peer: "bravo"), of: "alpha", source: "heartbeat", problem: nil)
        return state
    }

    /// bravo's r0 resyncing from alpha, as its heartbeat summary tells it.
    static func syncingBravo(_ replication: DRBDReplicationState = .syncTarget) -> DRBDStatus {
        var status = Fake.drbd(role: .secondary, disk: .inconsistent, replication: replication, peer: "alpha")
        status.resources[0].connections[0].peerDevices[0].sync = DRBDSyncProgress(percentDone: 42)
        return status
    }

    @Test("a healthy, fenced pair is GO on every check, each with the value seen")
    func healthyIsGo() {
        let verdict = GoNoGo.evaluate(Self.healthy())
        #expect(verdict.isGo, "\(verdict.redItems.map(\.line))")
        #expect(verdict.items.map(\.check) == GoNoGo.Check.allCases)
        let evidence = verdict.items.map(\.line).joined(separator: "\n")
        #expect(evidence.contains("alpha active") && evidence.contains("held by alpha"), "\(evidence)")
        #expect(evidence.contains("bravo hb0 up"), "\(evidence)")
        #expect(evidence.contains("bravo fences with external/ssh"), "\(evidence)")
        #expect(evidence.contains("(bravo's daemon)"), "where it was read: \(evidence)")
    }

    /// One broken thing and the check it must turn red, with a piece of the evidence it must show.
    struct RedCase: Sendable, CustomTestStringConvertible {
        var name: String
        var check: GoNoGo.Check
        var evidence: String
        var breakIt: @Sendable (inout ConsoleState) -> Void
        var testDescription: String { name }
    }

    static let redCases: [RedCase] = [
        RedCase(name: "peer dead", check: .nodes, evidence: "alpha dead") { state in
            state.snapshot?.nodes[0].status = .dead
        },
        RedCase(name: "two holders", check: .nodes, evidence: "held by alpha and bravo") { state in
            state.snapshot?.groups[0].holders = ["alpha", "bravo"]
        },
        RedCase(name: "stale data", check: .nodes, evidence: "stale") { state in
            state.connection = .disconnected(reason: "connection refused")
        },
        RedCase(name: "config mismatch", check: .config, evidence: "config_mismatch alert") { state in
            state.snapshot?.alerts.append(Alert(kind: .configMismatch, severity: .critical, message: "alpha and bravo differ"))
        },
        RedCase(name: "digests differ", check: .config, evidence: "digests differ") { state in
            state.snapshot?.nodes[0].configDigest = "ffff0000"
        },
        RedCase(name: "link down", check: .links, evidence: "alpha hb0 dead") { state in
            state.snapshot?.nodes[0].links[0].status = .dead
        },
        RedCase(name: "peer SyncTarget", check: .drbd, evidence: "bravo r0: SyncTarget with alpha 42") { state in
            state.drbd["bravo"] = syncingBravo()
        },
        RedCase(name: "SyncSource", check: .drbd, evidence: "alpha r0: SyncSource with bravo") { state in
            state.drbd["alpha"] = Fake.drbd(role: .primary, replication: .syncSource, peer: "bravo")
        },
        RedCase(name: "peer Inconsistent", check: .drbd, evidence: "bravo r0: disk Inconsistent") { state in
            state.drbd["bravo"] = Fake.drbd(role: .secondary, disk: .inconsistent, peer: "alpha")
        },
        RedCase(name: "out of sync", check: .drbd, evidence: "out of sync with bravo") { state in
            state.drbd["alpha"]?.resources[0].connections[0].peerDevices[0].outOfSyncKiB = 2048
        },
        RedCase(name: "failed resource", check: .resources, evidence: "failed on alpha: start timed out") { state in
            state.snapshot?.groups[0].state = .failed
            state.snapshot?.groups[0].lastError = "start timed out"
        },
        RedCase(name: "no fencing", check: .fencing, evidence: "no fencing configured") { state in
            state.snapshot?.fenceDevice = nil
        },
        RedCase(name: "cl_status", check: .fencing, evidence: "cl_status does not say") { state in
            state.source = .heartbeat(origin: "cl_status on this host")
        },
    ]

    @Test("each broken thing turns its check red with the value seen, and only that check", arguments: redCases)
    func redItem(_ red: RedCase) {
        var state = Self.healthy()
        red.breakIt(&state)
        let verdict = GoNoGo.evaluate(state)
        #expect(!verdict.isGo)
        let item = verdict.items.first { $0.check == red.check }
        #expect(item?.go == false, "\(verdict.items.map(\.line))")
        #expect(item?.line.contains(red.evidence) == true, "\(item?.line ?? "")")
        #expect(item?.line.hasPrefix("NO-GO ") == true)
        let others = verdict.redItems.filter { $0.check != red.check }
        #expect(others.isEmpty, "\(others.map(\.line))")
    }

    @Test("no snapshot: every check is red and says why")
    func noData() {
        let verdict = GoNoGo.evaluate(ConsoleState(source: .daemon(socket: "/run/hadaemon/hadaemon.sock")))
        #expect(verdict.redItems.count == GoNoGo.Check.allCases.count)
        #expect(verdict.items.allSatisfy { $0.line.contains("no cluster data") })
    }
}
