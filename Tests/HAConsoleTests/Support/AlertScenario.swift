import HAProtocol
import Testing

@testable import HAConsole

/// One situation per alert kind the console derives, built on the healthy pair.
enum AlertScenario: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case groupHeldTwice, partitionInLog, drbdStandAloneUnknown, drbdPrimaryOnBothDisconnected, drbdPrimaryPrimary
    case lateHeartbeatInLog, deadLinkAmongSeveral, nodeDead, groupFailed, configDiffers

    var testDescription: String { rawValue }

    static let standAloneA =
        " 0: cs:StandAlone ro:Secondary/Unknown ds:UpToDate/DUnknown   r-----\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:76"
    static let standAloneB =
        " 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:100"
    static let waitingPrimary =
        " 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:2048"

    /// The console state of the situation, as alpha's console sees it.
    var state: ConsoleState {
        switch self {
        case .groupHeldTwice:
            return Pair.state(Pair.snapshot(holders: ["alpha", "bravo"]))
        case .partitionInLog:
            var state = ConsoleState(source: .none, hostNode: "alpha")
            state.clock = DisplayClock(now: Pair.now)
            state.appendLog([HALogEntry(parsing: "Nov 22 03:10:11 alpha heartbeat: [17920]: CRIT: Cluster node bravo returning after partition.")])
            return state
        case .drbdStandAloneUnknown: return Self.drbdPair(alpha: Self.standAloneA, bravo: Self.standAloneB)
        case .drbdPrimaryOnBothDisconnected: return Self.drbdPair(alpha: Self.waitingPrimary, bravo: Self.waitingPrimary)
        case .drbdPrimaryPrimary:
            return Self.drbdPair(alpha: " 0: cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r-----", bravo: nil)
        case .lateHeartbeatInLog:
            return Pair.state(log: ["Nov 22 03:09:58 alpha heartbeat: [25506]: WARN: Late heartbeat: Node bravo: interval 260 ms"])
        case .deadLinkAmongSeveral:
            return Pair.state(Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .local), Pair.node("bravo", links: [.up, .dead])]))
        case .nodeDead:
            return Pair.state(
                Pair.snapshot(nodes: [
                    Pair.node("alpha", heard: nil, holds: .all), Pair.node("bravo", status: .dead, heard: 12_000, links: [.dead, .dead]),
                ]))
        case .groupFailed:
            return Pair.state(Pair.snapshot(state: .failed, lastError: "IPaddr2::192.0.2.100/24/hb0 start: exit 1"))
        case .configDiffers:
            return Pair.state(
                Pair.snapshot(nodes: [
                    Pair.node("alpha", heard: nil, holds: .local),
                    Pair.node("bravo", digest: "cf=3f0c1a2b3c4d res=000000000000 keys=77de00112233"),
                ]))
        }
    }

    /// The alert's kind and severity, and its two rows in the alerts panel at 80 columns.
    var expected: (kind: Alert.Kind, severity: Alert.Severity, cause: String, evidence: String) {
        switch self {
        case .groupHeldTwice:
            (
                .splitBrain, .critical, " ▲ CRIT alpha and bravo both hold IPaddr2::192.0.2.100/24/hb0",
                "        alpha reports it holds IPaddr2::192.0.2.100/24/hb0 (running)"
            )
        case .partitionInLog:
            (
                .splitBrain, .critical, " ▲ CRIT bravo returned after a partition: both sides ran alone (split brain)",
                "        Nov 22 03:10:11 alpha heartbeat: [17920]: CRIT: Cluster node bravo retur"
            )
        case .drbdStandAloneUnknown:
            (
                .drbdSplitBrain, .warning, " △ WARN r0 may be in split brain (StandAlone, peer Unknown; or disconnected by h",
                "        alpha: r0 StandAlone Secondary/Unknown UpToDate/DUnknown oos 76K"
            )
        case .drbdPrimaryOnBothDisconnected:
            (
                .drbdSplitBrain, .critical, " ▲ CRIT r0 is Primary on both alpha and bravo while disconnected: the data is di",
                "        alpha: r0 WFConnection Primary/Unknown UpToDate/DUnknown oos 2.0M"
            )
        case .drbdPrimaryPrimary:
            (
                .drbdSplitBrain, .critical, " ▲ CRIT r0 is Primary on alpha and its peer (Primary/Primary)",
                "        alpha: r0 Connected Primary/Primary UpToDate/UpToDate"
            )
        case .lateHeartbeatInLog:
            (
                .lateHeartbeat, .warning, " △ WARN 1 late heartbeat from bravo, worst 260 ms",
                "        Nov 22 03:09:58 alpha heartbeat: [25506]: WARN: Late heartbeat: Node bra"
            )
        case .deadLinkAmongSeveral:
            (.linkDead, .warning, " △ WARN link hb1 to bravo is dead (1 of 2 up)", "        bravo:hb1 dead, last heard 80ms ago")
        case .nodeDead:
            (.nodeDead, .critical, " ▲ CRIT bravo is dead", "        last heard 12s ago; links hb0 dead, hb1 dead")
        case .groupFailed:
            (
                .resourceFailed, .critical, " ▲ CRIT group IPaddr2::192.0.2.100/24/hb0 failed on alpha",
                "        IPaddr2::192.0.2.100/24/hb0 start: exit 1"
            )
        case .configDiffers:
            (
                .configMismatch, .critical, " ▲ CRIT bravo runs another haresources than alpha",
                "        alpha: cf=3f0c1a2b3c4d res=9a1b2c3d4e5f keys=77de00112233"
            )
        }
    }

    /// alpha (local, read from `/proc/drbd`) and bravo (from its heartbeat summary).
    static func drbdPair(alpha: String, bravo: String?) -> ConsoleState {
        let nodes = [
            Pair.node("alpha", heard: nil, holds: .local),
            Pair.node("bravo", drbd: bravo.map { Pair.drbd($0) }),
        ]
        var state = Pair.state(Pair.snapshot(nodes: nodes))
        state.receiveLocalDRBD(Pair.drbd(alpha), source: "/proc/drbd")
        return state
    }
}
