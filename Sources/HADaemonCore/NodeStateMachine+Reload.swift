import HAProtocol

extension NodeStateMachine {
    /// What can change while resources stay held (Heartbeat would restart itself instead):
    /// timers, auto_failback, keys and log files. A new node list, new media, new groups, a new
    /// watchdog device (the running one stays open and armed) or new respawned programs are refused and the running
    /// configuration kept; the shell has already refused one that does not validate, and reads
    /// the files.
    mutating func reload(_ new: ClusterConfig, into effects: inout [NodeEffect]) {
        let old = config.cluster
        var refused: [String] = []
        if new.haCF.nodes != old.haCF.nodes { refused.append("node list") }
        if new.haCF.media != old.haCF.media { refused.append("media") }
        if new.haResources != old.haResources { refused.append("haresources") }
        if new.haCF.parameters["watchdog"] != old.haCF.parameters["watchdog"] { refused.append("watchdog") }
        if new.haCF.childSetup != old.haCF.childSetup { refused.append("respawn/failfast programs or env") }
        guard refused.isEmpty else {
            return effects.append(
                .log(.error, "Reload refused: changes to \(refused.joined(separator: ", ")) need a restart; keeping the running configuration"))
        }
        guard new != old else { return effects.append(.log(.info, "Configuration unchanged.")) }
        if new.authKeys != old.authKeys, new.authKeys.signingKey != nil {
            effects.append(.log(.info, "Rereading authentication file."))
            effects.append(.rekey(new.authKeys))
        }
        if new.haCF.logfile != old.haCF.logfile || new.haCF.debugfile != old.haCF.debugfile
            || new.haCF.logfacility != old.haCF.logfacility
        {
            effects.append(.reopenLogs(logfile: new.haCF.logfile, debugfile: new.haCF.debugfile))
        }
        config.adopt(new)
        effects.append(.log(.info, "Configuration reloaded; resources held: \(heldKeys.isEmpty ? "none" : heldKeys.joined(separator: ", "))"))
    }
}
