import HAProtocol
import Testing

@Suite struct HALogEventTests {
    @Test(
        "Heartbeat's key messages classify with the names and numbers they carry",
        arguments: [
            ("node bravo: is dead", HALogEvent.nodeDead(node: "bravo")),
            (
                "Late heartbeat: Node alpha: interval 7000 ms",
                .lateHeartbeat(node: "alpha", intervalMilliseconds: 7000, beyondDeadtime: false)
            ),
            (
                "Late heartbeat: Node bravo: interval 24000 ms (> deadtime)",
                .lateHeartbeat(node: "bravo", intervalMilliseconds: 24000, beyondDeadtime: true)
            ),
            (
                "Late heartbeat: Node 192.168.0.2: interval 5510 ms",
                .lateHeartbeat(node: "192.168.0.2", intervalMilliseconds: 5510, beyondDeadtime: false)
            ),
            ("Link bravo:hb0 up.", .linkUp(node: "bravo", interface: "hb0")),
            ("Link alpha:eth1 dead.", .linkDead(node: "alpha", interface: "eth1")),
            ("Status update for node bravo: status init", .statusUpdate(node: "bravo", status: "init")),
            ("Local status now set to: 'active'", .localStatus("active")),
            ("Comm_now_up(): updating status to active", .communicationUp),
            ("Heartbeat restart on node alpha", .heartbeatRestart(node: "alpha")),
            ("Cluster node bravo returning after partition.", .returningAfterPartition(node: "bravo")),
            ("Resources being acquired from bravo.", .resourcesBeingAcquired(from: "bravo")),
            ("Dead node alpha gave up resources.", .deadNodeGaveUpResources(node: "alpha")),
            (
                "Acquiring resource group: alpha IPaddr2::192.0.2.100/24/hb0 hbdummy",
                .acquiringResourceGroup(node: "alpha", resources: ["IPaddr2::192.0.2.100/24/hb0", "hbdummy"])
            ),
            (
                "Releasing resource group: alpha IPaddr2::192.0.2.100/24/hb0 hbdummy",
                .releasingResourceGroup(node: "alpha", resources: ["IPaddr2::192.0.2.100/24/hb0", "hbdummy"])
            ),
            (
                "Taking over resource group IPaddr2::192.0.2.100/24/hb0",
                .takingOverResourceGroup(key: "IPaddr2::192.0.2.100/24/hb0")
            ),
            (
                "Initial resource acquisition complete (T_RESOURCES(us))",
                .initialAcquisitionComplete(reason: "T_RESOURCES(us)")
            ),
            ("mach_down takeover complete.", .takeoverComplete(node: nil)),
            ("mach_down takeover complete for node alpha.", .takeoverComplete(node: "alpha")),
            (
                "Return code 1 from /etc/ha.d/resource.d/IPaddr2",
                .resourceScriptFailed(returnCode: 1, path: "/etc/ha.d/resource.d/IPaddr2")
            ),
            (
                "Giving up resources due to failure of drbddisk::r0",
                .givingUpResourcesAfterFailure(resource: "drbddisk::r0")
            ),
            ("Resource STOP failure. Reboot required!", .resourceStopFailure),
            ("No STONITH device configured.", .noStonithDevice),
            ("bravo wants to go standby [foreign]", .standbyRequested(node: "bravo", class: "foreign")),
            (
                "all HA resource acquisition completed (standby).",
                .standbyTransitionCompleted(class: "all", acquired: true)
            ),
            (
                "foreign HA resource release completed (standby).",
                .standbyTransitionCompleted(class: "foreign", acquired: false)
            ),
            ("Standby resource acquisition done [all].", .standbyAcquisitionDone(class: "all")),
            ("Going standby [all].", .goingStandby(class: "all")),
            ("Local standby process completed [foreign].", .localStandbyCompleted(class: "foreign")),
            ("Local standby process completed.", .localStandbyCompleted(class: nil)),
            (
                "Other node completed standby takeover of all resources.",
                .otherNodeCompletedStandbyTakeover(class: "all")
            ),
            ("Heartbeat shutdown in progress. (25506)", .shutdownInProgress(pid: 25506)),
            ("Giving up all HA resources.", .givingUpAllResources),
            ("All HA resources relinquished.", .allResourcesRelinquished),
            ("alpha Heartbeat shutdown complete.", .shutdownComplete(node: "alpha")),
            ("Received shutdown notice from 'gw1'.", .shutdownNotice(from: "gw1")),
            ("Heartbeat restart triggered.", .restartTriggered),
            (
                "authtoken does not match, authtoken=e931aa, authstr=0b12ff",
                .authenticationFailure(.tokenMismatch(received: "e931aa", expected: "0b12ff"))
            ),
            ("netstring authentication failed, s=###", .authenticationFailure(.netstringRejected)),
            ("string2msg_ll: node [bravo] failed authentication", .authenticationFailure(.nodeFailed(node: "bravo"))),
            (
                "should_drop_message: attempted replay attack [bravo]? [gen = 1795316671, curgen = 1795316674]",
                .replayAttack(node: "bravo", generation: 1_795_316_671, currentGeneration: 1_795_316_674)
            ),
            ("1 lost packet(s) for [bravo] [13:15]", .lostPackets(node: "bravo", count: 1, from: 13, to: 15)),
            ("Irretrievably lost packet: node bravo seq 42", .packetIrretrievablyLost(node: "bravo", sequence: 42)),
        ])
    func classifies(message: String, event: HALogEvent) {
        #expect(HALogEvent(message: message) == event)
    }

    @Test(
        "other messages, and near misses of key ones, are no event",
        arguments: [
            "", "Pacemaker support: off", "glib: ucast: started on port 694 interface hb0 to 192.0.2.12",
            "Running /etc/ha.d//rc.d/status status", "No pkts missing from bravo!",
            "standby: bravo can take our all resources",
            "node bravo: is dead.", "node two words: is dead", "node : is dead",
            "Late heartbeat: Node alpha: interval soon ms",
            "Link bravo up.", "Return code x from /bin/false", "Status update for node bravo: status ",
            "1 lost packet(s) for [bravo] [13-15]", "Local status now set to: ''", " mach_down takeover complete.",
            "Acquiring resource group: ", "wants to go standby [all]",
        ])
    func ignores(message: String) {
        #expect(HALogEvent(message: message) == nil)
    }

    @Test("a line's event comes from its message, whatever its layout")
    func lineEvent() throws {
        let daemon = try #require(
            HALogLine(parsing: "Nov 22 03:04:51 alpha heartbeat: [17920]: info: mach_down takeover complete."))
        #expect(daemon.event == .takeoverComplete(node: nil))
        let script = try #require(
            HALogLine(
                parsing:
                    "mach_down(default)[32508]:\t2026/11/22_03:04:51 info: mach_down takeover complete for node bravo.")
        )
        #expect(script.event == .takeoverComplete(node: "bravo"))
    }
}
