import Foundation
import HAFixtures
import HAProtocol
import Testing

@testable import HAConsole

/// Builders for the live state a run sees: snapshots, log lines, DRBD status and time.
enum Fake {
    static let vip = "IPaddr2::192.0.2.100/24/hb0"
    /// 2026-11-22T04:50:55Z in milliseconds since the epoch.
    static let epoch: Int64 = 1_795_323_055_000

    static func node(_ name: String, _ status: NodeStatus = .active) -> NodeSnapshot {
        NodeSnapshot(name: name, status: status, links: [LinkSnapshot(interface: "hb0", status: status == .active ? .up : .dead)])
    }

    /// A two-node snapshot from `local`: `holders` hold the VIP group (running unless empty).
    static func snapshot(
        local: String = "bravo", alpha: NodeStatus = .active, bravo: NodeStatus = .active, holders: [String] = ["alpha"],
        since: Int64 = epoch, alerts: [Alert] = []
    ) -> ClusterSnapshot {
        let group = GroupSnapshot(
            key: vip, preferredNode: "alpha", resources: [vip, "hbdummy"], holders: holders,
            state: holders.isEmpty ? .stopped : .running, since: since)
        return ClusterSnapshot(
            takenAt: since, localNode: local, timers: .init(keepalive: 100, warntime: 200, deadtime: 500, initdead: 1000),
            autoFailback: .on, nodes: [node("alpha", alpha), node("bravo", bravo)], groups: [group], alerts: alerts)
    }

    static let splitBrainAlert = Alert(
        kind: .splitBrain, severity: .critical, message: "alpha and bravo both hold \(vip)", group: vip)

    /// ha-log entries parsed from daemon-layout lines (`Nov 22 04:51:02 bravo heartbeat: [1]: info: TEXT`).
    static func log(_ node: String, _ messages: String..., at time: String = "04:51:02") -> [HALogEntry] {
        messages.map { HALogEntry(parsing: "Nov 22 \(time) \(node) heartbeat: [4242]: info: \($0)") }
    }

    /// A DRBD status with one resource `r0` connected to `peer`.
    static func drbd(
        role: DRBDRole, connection: DRBDConnectionState = .connected, disk: DRBDDiskState = .upToDate,
        replication: DRBDReplicationState = .established, peer: String
    ) -> DRBDStatus {
        let peerDevice = DRBDPeerDevice(volume: 0, replication: replication, peerDisk: connection == .connected ? .upToDate : .dUnknown)
        return DRBDStatus(resources: [
            DRBDResource(
                name: "r0", role: role, devices: [DRBDDevice(volume: 0, minor: 0, disk: disk)],
                connections: [DRBDConnection(name: peer, state: connection, peerRole: .unknown, peerDevices: [peerDevice])])
        ])
    }

    /// The shipped procedure `name`, read from the package's own `sop/`.
    static func procedureText(_ name: String) throws -> String {
        let url = try Fixtures.shippedSOPDirectory().appendingPathComponent("\(name).sop")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func procedure(_ name: String) throws -> Procedure {
        let result = ProcedureParser.parse(try procedureText(name), file: "sop/\(name).sop")
        #expect(result.diagnostics == [])
        return try #require(result.procedure)
    }

    /// Every shipped procedure's file name (none when `sop/` is missing: the test that names
    /// them all then fails and says why).
    static func shippedNames() -> [String] {
        guard let directory = try? Fixtures.shippedSOPDirectory(),
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".sop") }.sorted()
    }
}

/// Drives a run with a fake monotonic clock and wall clock, collecting every effect.
struct Driver {
    var run: SOPRun
    /// The monotonic instant (ms) the run begins at; arbitrary, only differences count.
    let start: SOPRun.Instant = 5_000_000
    var elapsed: Duration = .zero
    var effects: [SOPRun.Effect] = []

    init(_ procedure: Procedure) { run = SOPRun(procedure: procedure, firstRequestID: 100) }

    /// `2026-11-22T04:50:55Z` plus the elapsed time, to the second.
    var wallTime: String {
        let seconds = Int(Fake.epoch / 1000) + Int(elapsed.components.seconds)
        let day = seconds % 86_400
        return "2026-11-22T\(SOPText.twoDigits(day / 3600)):\(SOPText.twoDigits(day / 60 % 60)):\(SOPText.twoDigits(day % 60))Z"
    }

    @discardableResult
    mutating func send(_ event: SOPRun.Event) -> [SOPRun.Effect] {
        let new = run.handle(event, at: at(elapsed), wallTime: wallTime)
        effects += new
        return new
    }

    /// The monotonic instant `offset` after the start.
    func at(_ offset: Duration) -> SOPRun.Instant {
        start + offset.components.seconds * 1000 + offset.components.attoseconds / 1_000_000_000_000_000
    }

    /// Lets `duration` pass, then ticks.
    @discardableResult
    mutating func wait(_ duration: Duration) -> [SOPRun.Effect] {
        elapsed += duration
        return send(.tick)
    }

    var records: [SOPAuditRecord] {
        effects.compactMap { if case .audit(let record) = $0 { record } else { nil } }
    }

    var requests: [ControlRequest] {
        effects.compactMap { if case .send(let request) = $0 { request } else { nil } }
    }
}
