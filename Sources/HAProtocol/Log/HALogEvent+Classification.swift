extension HALogEvent {
    /// The key event `message` reports, or nil when it is none (most lines are none).
    ///
    /// `message` is a line's text after its level word (``HALogLine/message``). Matching is on
    /// Heartbeat's exact wording; names (nodes, interfaces, classes) must be single words and
    /// numbers must be decimal, or the line is no event. Never fails on any input.
    public init?(message: some StringProtocol) {
        let text = Array(message.utf8)
        guard
            let event = Self.membership(text) ?? Self.resources(text) ?? Self.standby(text)
                ?? Self.shutdown(text) ?? Self.security(text)
        else { return nil }
        self = event
    }

    private typealias Fields = MessageFields

    private static func membership(_ text: [UInt8]) -> HALogEvent? {
        if let f = Fields.match(text, "node ", ": is dead"), Fields.isWord(f[0]) {
            return .nodeDead(node: f[0])
        }
        for (suffix, beyond) in [(" ms (> deadtime)", true), (" ms", false)] {
            if let f = Fields.match(text, "Late heartbeat: Node ", ": interval ", suffix), Fields.isWord(f[0]),
                let interval = Int(f[1])
            {
                return .lateHeartbeat(node: f[0], intervalMilliseconds: interval, beyondDeadtime: beyond)
            }
        }
        if let f = Fields.match(text, "Link ", ":", " up."), f.allSatisfy(Fields.isWord) {
            return .linkUp(node: f[0], interface: f[1])
        }
        if let f = Fields.match(text, "Link ", ":", " dead."), f.allSatisfy(Fields.isWord) {
            return .linkDead(node: f[0], interface: f[1])
        }
        if let f = Fields.match(text, "Status update for node ", ": status ", ""), f.allSatisfy(Fields.isWord) {
            return .statusUpdate(node: f[0], status: f[1])
        }
        if let f = Fields.match(text, "Local status now set to: '", "'"), Fields.isWord(f[0]) {
            return .localStatus(f[0])
        }
        if Fields.match(text, "Comm_now_up(): updating status to active") != nil {
            return .communicationUp
        }
        if let f = Fields.match(text, "Heartbeat restart on node ", ""), Fields.isWord(f[0]) {
            return .heartbeatRestart(node: f[0])
        }
        if let f = Fields.match(text, "Cluster node ", " returning after partition."), Fields.isWord(f[0]) {
            return .returningAfterPartition(node: f[0])
        }
        return nil
    }

    private static func resources(_ text: [UInt8]) -> HALogEvent? {
        if let f = Fields.match(text, "Resources being acquired from ", "."), Fields.isWord(f[0]) {
            return .resourcesBeingAcquired(from: f[0])
        }
        if let f = Fields.match(text, "Dead node ", " gave up resources."), Fields.isWord(f[0]) {
            return .deadNodeGaveUpResources(node: f[0])
        }
        if let f = Fields.match(text, "Acquiring resource group: ", ""), let group = resourceGroup(f[0]) {
            return .acquiringResourceGroup(node: group.node, resources: group.resources)
        }
        if let f = Fields.match(text, "Releasing resource group: ", ""), let group = resourceGroup(f[0]) {
            return .releasingResourceGroup(node: group.node, resources: group.resources)
        }
        if let f = Fields.match(text, "Taking over resource group ", ""), Fields.isWord(f[0]) {
            return .takingOverResourceGroup(key: f[0])
        }
        if let f = Fields.match(text, "Initial resource acquisition complete (", ")") {
            return .initialAcquisitionComplete(reason: f[0])
        }
        if Fields.match(text, "mach_down takeover complete.") != nil {
            return .takeoverComplete(node: nil)
        }
        if let f = Fields.match(text, "mach_down takeover complete for node ", "."), Fields.isWord(f[0]) {
            return .takeoverComplete(node: f[0])
        }
        if let f = Fields.match(text, "Return code ", " from ", ""), let code = Int(f[0]) {
            return .resourceScriptFailed(returnCode: code, path: f[1])
        }
        if let f = Fields.match(text, "Giving up resources due to failure of ", "") {
            return .givingUpResourcesAfterFailure(resource: f[0])
        }
        if Fields.match(text, "Resource STOP failure. Reboot required!") != nil {
            return .resourceStopFailure
        }
        if Fields.match(text, "No STONITH device configured.") != nil {
            return .noStonithDevice
        }
        return nil
    }

    /// `alpha IPaddr2::192.0.2.100/24/hb0 hbdummy` → owner `alpha` and its resources.
    private static func resourceGroup(_ text: String) -> (node: String, resources: [String])? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let node = words.first, words.allSatisfy(Fields.isWord) else { return nil }
        return (node, Array(words.dropFirst()))
    }

    private static func standby(_ text: [UInt8]) -> HALogEvent? {
        if let f = Fields.match(text, "", " wants to go standby [", "]"), f.allSatisfy(Fields.isWord) {
            return .standbyRequested(node: f[0], class: f[1])
        }
        for (suffix, acquired) in [
            (" HA resource acquisition completed (standby).", true),
            (" HA resource release completed (standby).", false),
        ] {
            if let f = Fields.match(text, "", suffix), Fields.isWord(f[0]) {
                return .standbyTransitionCompleted(class: f[0], acquired: acquired)
            }
        }
        if let f = Fields.match(text, "Standby resource acquisition done [", "]."), Fields.isWord(f[0]) {
            return .standbyAcquisitionDone(class: f[0])
        }
        if let f = Fields.match(text, "Going standby [", "]."), Fields.isWord(f[0]) {
            return .goingStandby(class: f[0])
        }
        if let f = Fields.match(text, "Local standby process completed [", "]."), Fields.isWord(f[0]) {
            return .localStandbyCompleted(class: f[0])
        }
        if Fields.match(text, "Local standby process completed.") != nil {
            return .localStandbyCompleted(class: nil)
        }
        if let f = Fields.match(text, "Other node completed standby takeover of ", " resources."), Fields.isWord(f[0]) {
            return .otherNodeCompletedStandbyTakeover(class: f[0])
        }
        if Fields.match(text, "Other node completed standby takeover.") != nil {
            return .otherNodeCompletedStandbyTakeover(class: nil)
        }
        return nil
    }

    private static func shutdown(_ text: [UInt8]) -> HALogEvent? {
        if let f = Fields.match(text, "Heartbeat shutdown in progress. (", ")"), let pid = Int(f[0]) {
            return .shutdownInProgress(pid: pid)
        }
        if Fields.match(text, "Heartbeat shutdown in progress.") != nil {
            return .shutdownInProgress(pid: nil)
        }
        if Fields.match(text, "Giving up all HA resources.") != nil {
            return .givingUpAllResources
        }
        if Fields.match(text, "All HA resources relinquished.") != nil {
            return .allResourcesRelinquished
        }
        if let f = Fields.match(text, "", " Heartbeat shutdown complete."), Fields.isWord(f[0]) {
            return .shutdownComplete(node: f[0])
        }
        if let f = Fields.match(text, "Received shutdown notice from '", "'."), Fields.isWord(f[0]) {
            return .shutdownNotice(from: f[0])
        }
        if Fields.match(text, "Heartbeat restart triggered.") != nil {
            return .restartTriggered
        }
        return nil
    }

    private static func security(_ text: [UInt8]) -> HALogEvent? {
        if let f = Fields.match(text, "authtoken does not match, authtoken=", ", authstr=", ""),
            f.allSatisfy(Fields.isWord)
        {
            return .authenticationFailure(.tokenMismatch(received: f[0], expected: f[1]))
        }
        // The message goes on with the raw packet (`s=###…`), so only its start is fixed.
        if text.starts(with: "netstring authentication failed".utf8) {
            return .authenticationFailure(.netstringRejected)
        }
        if let f = Fields.match(text, "string2msg_ll: node [", "] failed authentication"), Fields.isWord(f[0]) {
            return .authenticationFailure(.nodeFailed(node: f[0]))
        }
        if let f = Fields.match(
            text, "should_drop_message: attempted replay attack [", "]? [gen = ", ", curgen = ", "]"),
            Fields.isWord(f[0])
        {
            return .replayAttack(node: f[0], generation: Int(f[1]), currentGeneration: Int(f[2]))
        }
        if let f = Fields.match(text, "", " lost packet(s) for [", "] [", ":", "]"), Fields.isWord(f[1]),
            let count = Int(f[0]), let from = Int(f[2]), let to = Int(f[3])
        {
            return .lostPackets(node: f[1], count: count, from: from, to: to)
        }
        if let f = Fields.match(text, "Irretrievably lost packet: node ", " seq ", ""), Fields.isWord(f[0]),
            let sequence = Int(f[1])
        {
            return .packetIrretrievablyLost(node: f[0], sequence: sequence)
        }
        return nil
    }
}

extension HALogLine {
    /// The key event this line reports (see ``HALogEvent/init(message:)``), or nil.
    public var event: HALogEvent? { HALogEvent(message: message) }
}
