import HAProtocol

extension DaemonLoop {
    /// SIGHUP: re-read the three files; apply what can change while resources stay held, refuse
    /// a bad configuration and keep the old one (Heartbeat would restart itself).
    func reload() {
        let loaded = ConfigFiles.load(directory: settings.configDirectory, nodeName: settings.node, onNode: true)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            log.daemon(.error, "Configuration error on reload; keeping the running configuration:")
            for error in errors { log.daemon(.error, error.description) }
            return
        }
        let new = loaded.value
        let old = settings.cluster
        var refused: [String] = []
        if new.haCF.nodes != old.haCF.nodes { refused.append("node list") }
        if new.haCF.media != old.haCF.media { refused.append("media") }
        if new.haResources != old.haResources { refused.append("haresources") }
        guard refused.isEmpty else {
            log.daemon(.error, "Reload refused: changes to \(refused.joined(separator: ", ")) need a restart; keeping the running configuration")
            return
        }
        guard new != old else {
            log.daemon(.info, "Configuration unchanged.")
            return
        }
        if new.authKeys != old.authKeys, let key = new.authKeys.signingKey {
            log.daemon(.info, "Rereading authentication file.")
            authenticator = MessageAuthenticator(outbound: key, accepting: Array(new.authKeys.keys.values))
            settings.authenticator = authenticator
        }
        if new.haCF.logfile != old.haCF.logfile || new.haCF.debugfile != old.haCF.debugfile {
            log.reopen(logfile: new.haCF.logfile, debugfile: new.haCF.debugfile)
        }
        var config = core.config
        config.keepalive = .milliseconds(new.haCF.keepalive)
        config.warntime = .milliseconds(new.haCF.warntime)
        config.deadtime = .milliseconds(new.haCF.deadtime)
        config.initdead = .milliseconds(new.haCF.initdead)
        config.autoFailback = new.haCF.autoFailback
        config.negotiationDelay = max(.milliseconds(2 * new.haCF.keepalive), .milliseconds(100))
        core.config = config
        settings.cluster = new
        log.daemon(.info, "Configuration reloaded; resources held: \(core.heldKeys.isEmpty ? "none" : core.heldKeys.joined(separator: ", "))")
        handle(.tick)
    }
}
