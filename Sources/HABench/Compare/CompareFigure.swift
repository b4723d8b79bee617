/// One row of the side-by-side table: what is timed, from which instant to which, the same way
/// for every implementation (a `VIPWatcher` on both nodes, every 2 ms by default).
enum CompareFigure: String, CaseIterable, Sendable, Codable {
    case killTakeover, cutTakeover
    case stopTakeover, stopNoHolder, stopExit
    case failbackReturn, failbackNoHolder
    case healNoHolder, healDoubleHolding

    var scenario: Scenario {
        switch self {
        case .killTakeover: .kill
        case .cutTakeover: .cut
        case .stopTakeover, .stopNoHolder, .stopExit: .stop
        case .failbackReturn, .failbackNoHolder: .failback
        case .healNoHolder, .healDoubleHolding: .heal
        }
    }

    /// The row heading.
    var title: String {
        switch self {
        case .killTakeover: "kill → address on the peer"
        case .cutTakeover: "cut → address on the peer"
        case .stopTakeover: "clean stop → address on the peer"
        case .stopNoHolder: "clean stop: longest with no holder"
        case .stopExit: "clean stop: SIGTERM → daemon exited"
        case .failbackReturn: "failback (after a kill) → address home"
        case .failbackNoHolder: "failback: longest with no holder"
        case .healNoHolder: "heal: longest with no holder"
        case .healDoubleHolding: "heal: double holding after the heal"
        }
    }

    /// From what to what, for the README and the JSON.
    var definition: String {
        switch self {
        case .killTakeover: "SIGKILL of every process of alpha's daemon → address up on bravo"
        case .cutTakeover: "bravo's INPUT rule in place (udp/694, or VRRP for keepalived; alpha's follows) → address up on bravo"
        case .stopTakeover: "SIGTERM to alpha's daemon (Heartbeat: its master control process) → address up on bravo"
        case .stopNoHolder: "longest span with the address on neither node after the SIGTERM"
        case .stopExit: "SIGTERM → alpha's daemon (keepalived: its parent; Heartbeat: its master control process) has exited"
        case .failbackReturn: "alpha started again after a kill, bravo holding → address back on alpha"
        case .failbackNoHolder: "longest span with no holder after alpha's start"
        case .healNoHolder: "both nodes cut until both hold the address, then both rules removed → longest span with no holder"
        case .healDoubleHolding: "both rules removed → only one node holds the address"
        }
    }
}
