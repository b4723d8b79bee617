import HAProtocol

@testable import HAConsole

/// The pair of ``Pair`` with fencing: alpha fences with `external/ssh`; bravo is dead while
/// a reset is owed.
enum FencingPair {
    static let device = "external/ssh"
    static let noRoute = "ssh: connect to host bravo port 22: No route to host"

    /// alpha's snapshot with its device, the resets in progress and the finished ones.
    static func snapshot(
        device: String? = FencingPair.device, bravo: NodeStatus = .active, inProgress: [FenceInProgress] = [],
        history: [FenceRecord]? = [], alerts: [Alert] = []
    ) -> ClusterSnapshot {
        let nodes = [
            Pair.node("alpha", heard: nil, holds: bravo == .dead ? .all : .local),
            bravo == .dead ? Pair.node("bravo", status: .dead, heard: 3_200, links: [.dead, .dead]) : Pair.node("bravo"),
        ]
        var snapshot = Pair.snapshot(
            nodes: nodes, holders: bravo == .dead ? [] : ["alpha"], state: bravo == .dead ? .stopped : .running, alerts: alerts)
        snapshot.fenceDevice = device
        snapshot.fencing = device == nil ? nil : history
        snapshot.fencesInProgress = inProgress.isEmpty ? nil : inProgress
        return snapshot
    }

    /// bravo dead 3.2 s, the first reset running: the daemon's "not fenced yet" alert.
    static func resetting() -> ClusterSnapshot {
        snapshot(
            bravo: .dead, inProgress: [FenceInProgress(victim: "bravo", device: device, phase: .running, age: 3_200)],
            alerts: [
                Alert(
                    kind: .nodeDead, severity: .warning, message: "bravo is dead and not fenced yet; its groups wait for the reset",
                    evidence: ["external/ssh has been resetting bravo for 3 s"], node: "bravo")
            ])
    }

    /// bravo dead 12 s, two resets failed, the third due in 4 s: the daemon's critical alert.
    static func failing() -> ClusterSnapshot {
        snapshot(
            bravo: .dead,
            inProgress: [
                FenceInProgress(
                    victim: "bravo", device: device, phase: .retrying, age: 12_000, failures: 2, nextAttemptIn: 4_000, lastFailure: noRoute)
            ],
            history: [failed(age: 6_000), failed(age: 1_000)],
            alerts: [
                Alert(
                    kind: .nodeDead, severity: .critical,
                    message: "fencing bravo is failing: 2 attempt(s) with external/ssh; its groups stay stopped",
                    evidence: ["STONITH of bravo failed.  Retrying...", noRoute], node: "bravo")
            ])
    }

    /// A reset that failed, then one that worked a second later: bravo is fenced.
    static func failedThenOK() -> ClusterSnapshot {
        snapshot(history: [
            failed(age: 61_000), FenceRecord(fencer: "alpha", victim: "bravo", device: device, result: "OK", duration: 1_250, age: 54_600),
        ])
    }

    static func failed(age: Int) -> FenceRecord {
        FenceRecord(fencer: "alpha", victim: "bravo", device: device, result: "bad", duration: 2_000, age: age, detail: noRoute)
    }
}
