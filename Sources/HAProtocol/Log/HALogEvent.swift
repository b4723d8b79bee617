/// A key event an ha-log line reports, with the node, interface, interval, class or key it names.
///
/// Built from a line's message text by ``init(message:)`` using Heartbeat 3.0.6's exact texts
/// (spec §6.2, observed §5). Most lines are no key event; they classify as nil.
/// Standby classes are Heartbeat's words `all`, `foreign`, `local`, kept as written.
public enum HALogEvent: Sendable, Hashable {
    // MARK: Membership and links

    /// `node NODE: is dead`: deadtime passed without a heartbeat from NODE.
    case nodeDead(node: String)
    /// `Late heartbeat: Node NODE: interval N ms`; `beyondDeadtime` for the CRIT form ending `(> deadtime)`.
    case lateHeartbeat(node: String, intervalMilliseconds: Int, beyondDeadtime: Bool)
    /// `Link NODE:IFACE up.`
    case linkUp(node: String, interface: String)
    /// `Link NODE:IFACE dead.`
    case linkDead(node: String, interface: String)
    /// `Status update for node NODE: status STATUS` (`init`, `up`, `active`, `dead`, …).
    case statusUpdate(node: String, status: String)
    /// `Local status now set to: 'STATUS'`
    case localStatus(String)
    /// `Comm_now_up(): updating status to active`: this node's communications are up.
    case communicationUp
    /// `Heartbeat restart on node NODE`: the peer came back with a new generation.
    case heartbeatRestart(node: String)
    /// `Cluster node NODE returning after partition.`: a split brain is healing.
    case returningAfterPartition(node: String)

    // MARK: Resources

    /// `Resources being acquired from NODE.`
    case resourcesBeingAcquired(from: String)
    /// `Dead node NODE gave up resources.`
    case deadNodeGaveUpResources(node: String)
    /// ResourceManager's `Acquiring resource group: NODE R…` (the group's owner and its resources).
    case acquiringResourceGroup(node: String, resources: [String])
    /// ResourceManager's `Releasing resource group: NODE R…`
    case releasingResourceGroup(node: String, resources: [String])
    /// mach_down's `Taking over resource group KEY`
    case takingOverResourceGroup(key: String)
    /// `Initial resource acquisition complete (REASON)`: `mach_down`, `auto_failback`, `T_RESOURCES(us)`, …
    case initialAcquisitionComplete(reason: String)
    /// `mach_down takeover complete.` (daemon, `node` nil) or mach_down's `… complete for node NODE.`
    case takeoverComplete(node: String?)
    /// `ERROR: Return code N from PATH`: a resource script failed.
    case resourceScriptFailed(returnCode: Int, path: String)
    /// `Giving up resources due to failure of R`
    case givingUpResourcesAfterFailure(resource: String)
    /// `Resource STOP failure. Reboot required!`
    case resourceStopFailure
    /// `No STONITH device configured.`
    case noStonithDevice

    // MARK: Standby

    /// `NODE wants to go standby [CLASS]`
    case standbyRequested(node: String, class: String)
    /// `CLASS HA resource acquisition completed (standby).` or `… release completed (standby).`
    case standbyTransitionCompleted(class: String, acquired: Bool)
    /// `Standby resource acquisition done [CLASS].`
    case standbyAcquisitionDone(class: String)
    /// hb_standby's `Going standby [CLASS].`
    case goingStandby(class: String)
    /// `Local standby process completed [CLASS].` (class nil when the line names none)
    case localStandbyCompleted(class: String?)
    /// `Other node completed standby takeover of CLASS resources.` (class nil when none is named)
    case otherNodeCompletedStandbyTakeover(class: String?)

    // MARK: Shutdown and restart

    /// `Heartbeat shutdown in progress. (PID)`
    case shutdownInProgress(pid: Int?)
    /// `Giving up all HA resources.`
    case givingUpAllResources
    /// `All HA resources relinquished.`
    case allResourcesRelinquished
    /// `NODE Heartbeat shutdown complete.`
    case shutdownComplete(node: String)
    /// `Received shutdown notice from 'NODE'.`
    case shutdownNotice(from: String)
    /// `Heartbeat restart triggered.`: this node restarts itself (after a split brain).
    case restartTriggered

    // MARK: Security and transport

    /// A packet failed authentication (spec §6.2, observed §2a).
    case authenticationFailure(AuthenticationFailure)
    /// `should_drop_message: attempted replay attack [NODE]? [gen = G, curgen = C]`
    case replayAttack(node: String, generation: Int?, currentGeneration: Int?)
    /// `N lost packet(s) for [NODE] [A:B]`
    case lostPackets(node: String, count: Int, from: Int, to: Int)
    /// `Irretrievably lost packet: node NODE seq N`
    case packetIrretrievablyLost(node: String, sequence: Int)

    /// The ways Heartbeat reports a packet that failed authentication.
    public enum AuthenticationFailure: Sendable, Hashable {
        /// `authtoken does not match, authtoken=RECEIVED, authstr=EXPECTED` (hex digests).
        case tokenMismatch(received: String, expected: String)
        /// `netstring authentication failed, s=###…`: the trailing HMAC did not verify.
        case netstringRejected
        /// `string2msg_ll: node [NODE] failed authentication`
        case nodeFailed(node: String)
    }
}
