import HAProtocol

@testable import HAConsole

/// A two-node pair, alpha and bravo, built up in steps for render and alert tests.
///
/// Times: the frame is at 2026-11-22 03:10:11 UTC (`now`); alpha took the group at 03:04:52.
enum Pair {
    static let now: Int64 = 1_795_317_011_000
    static let groupKey = "IPaddr2::192.0.2.100/24/hb0"
    static let digest = "cf=3f0c1a2b3c4d res=9a1b2c3d4e5f keys=77de00112233"

    static func node(
        _ name: String, status: NodeStatus = .active, heard: Int? = 80, links: [LinkSnapshot.Status] = [.up, .up],
        holds: ResourceClass = .none, generation: Int64 = 1_795_316_671, digest: String? = Pair.digest,
        drbd: DRBDStatus? = nil
    ) -> NodeSnapshot {
        NodeSnapshot(
            name: name, status: status, lastHeardAge: heard, generation: generation, advertisedDeadtime: 500,
            links: links.enumerated().map { LinkSnapshot(interface: "hb\($0.offset)", status: $0.element, lastHeardAge: heard) },
            holds: holds, stable: true, configDigest: digest, drbd: drbd.map(DRBDSummary.encode))
    }

    static func snapshot(
        nodes: [NodeSnapshot]? = nil, holders: [String] = ["alpha"], state: GroupSnapshot.State = .running,
        alerts: [Alert] = [], lastError: String? = nil
    ) -> ClusterSnapshot {
        ClusterSnapshot(
            takenAt: now - 400, localNode: "alpha", cluster: "linux-ha",
            timers: ClusterSnapshot.Timers(keepalive: 100, warntime: 200, deadtime: 500, initdead: 1000),
            autoFailback: .on,
            nodes: nodes ?? [node("alpha", heard: nil, holds: .local), node("bravo")],
            groups: [
                GroupSnapshot(
                    key: groupKey, preferredNode: "alpha", resources: [groupKey, "drbddisk::r0", "hbdummy"], holders: holders,
                    state: state, since: now - 319_000, lastError: lastError)
            ],
            alerts: alerts, configDigest: digest)
    }

    /// A console connected to alpha's daemon 400 ms after `snapshot` was taken.
    static func state(_ snapshot: ClusterSnapshot = Pair.snapshot(), log: [String] = []) -> ConsoleState {
        var state = ConsoleState(source: .daemon(socket: "/run/hadaemon/hadaemon.sock"), hostNode: "alpha")
        state.clock = DisplayClock(now: now)
        state.receive(snapshot: snapshot, at: now - 400)
        state.logPath = "/var/log/ha-log"
        state.appendLog(log.map { HALogEntry(parsing: $0) })
        return state
    }

    /// `r0` as `/proc/drbd` 8.4 prints it for one node.
    static func drbd(_ text: String) -> DRBDStatus {
        DRBDProcParser.parse(
            """
            version: 8.4.11-1 (api:1/proto:86-101)
            GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03 01:26:55
            \(text)
            """, resourceNames: [0: "r0"]
        ).status
    }

    static let healthyLog = [
        "Nov 22 03:04:30 alpha heartbeat: [25505]: info: Pacemaker support: off",
        "Nov 22 03:04:51 alpha heartbeat: [25506]: info: Link bravo:hb0 up.",
        "Nov 22 03:04:51 alpha heartbeat: [25506]: info: Status update for node bravo: status active",
        "2026/11/22_03:04:52  ResourceManager(default)[32732]:    info: Acquiring resource group: alpha IPaddr2::192.0.2.100/24/hb0 drbddisk::r0 hbdummy",
        "Nov 22 03:04:53 alpha heartbeat: [25506]: info: Initial resource acquisition complete (T_RESOURCES(us))",
    ]

    static let alphaConnected = " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----"
    static let bravoConnected = " 0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----"

    /// The healthy pair: alpha holds the group and is DRBD Primary, bravo is Secondary, both
    /// links up, the same configuration, a quiet log.
    static func healthy() -> ConsoleState {
        let snapshot = Pair.snapshot(nodes: [
            node("alpha", heard: nil, holds: .local), node("bravo", generation: 1_795_316_680, drbd: drbd(bravoConnected)),
        ])
        var state = Pair.state(snapshot, log: healthyLog)
        state.receiveLocalDRBD(drbd(alphaConnected), source: "/proc/drbd")
        return state
    }
}
