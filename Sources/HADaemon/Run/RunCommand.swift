import ArgumentParser
import Glibc
import HADaemonCore
import HAHost
import HAProtocol

/// `hadaemon run`: one node, in the foreground.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run this node in the foreground (SIGTERM: clean stop; SIGHUP: reload).",
        discussion: """
            Reads ha.cf, authkeys and haresources from --config-dir exactly as Heartbeat 3.0.6 does, \
            refuses to start on an invalid configuration (with the errors of 'config check'), and \
            serves its state and controls on --socket (see docs/control-api.md).

            At comm-up the programs of ha.cf's respawn and failfast lines are started and then kept \
            running as Heartbeat does. SIGTERM or SIGINT releases this node's resources, tells the \
            peers, stops those programs (last line first), and exits as soon as that is done. SIGHUP re-reads the configuration without dropping held \
            resources, and keeps the running one if the new one is invalid.

            Besides ha-log (Heartbeat's layout, whole seconds), every line above debug also goes \
            to timeline.log in --state-dir, after its time in epoch milliseconds, for \
            'haconsole timeline --journal'; at 2 MiB it moves to timeline.log.1.
            """
    )

    @OptionGroup var configDirectory: ConfigDirectoryOption
    var configDir: String { configDirectory.configDir }

    static let defaultStateDir = DefaultPaths.stateDirectory

    @Option(name: .customLong("state-dir"), help: "Directory for the node's uuid, generation counter and timeline journal (timeline.log).")
    var stateDir = Self.defaultStateDir

    @Option(
        name: .customLong("heartbeat-state-dir"),
        help: ArgumentHelp(
            "Heartbeat's state directory on this node, or 'none'. (default: \(DefaultPaths.heartbeatStateDirectory) with the default --state-dir, else none)",
            discussion: "The node keeps Heartbeat's uuid and one generation counter is kept in both, so the node can go back to Heartbeat."
        ))
    var heartbeatStateDir: String?

    @Option(help: "The control socket ($HADAEMON_SOCKET when set).")
    var socket = DefaultPaths.socket

    @OptionGroup var nodeOption: NodeNameOption
    var node: String? { nodeOption.node }

    @OptionGroup var unfenced: AllowUnfencedOption

    @Option(name: .customLong("script-timeout"), help: "Seconds a resource script may run before its process group is killed.")
    var scriptTimeout: Double = 60

    @Option(help: "Listen on this local address only and count it as this node's own (several nodes on one host, e.g. the demo on loopback).")
    var bind: String?

    @Option(
        name: .customLong("proc-drbd"),
        help: """
            Read this node's DRBD state from this /proc/drbd-format file (default: /proc/drbd when it lists \
            resources, as DRBD 8 does; else drbdsetup status, found on $PATH, in /usr/sbin or /sbin).
            """)
    var procDRBD: String?

    @Option(help: "Read this node's DRBD state with this drbdsetup ('status --verbose --statistics').")
    var drbdsetup: String?

    @Flag(name: .customLong("exit-with-parent"), help: "Stop cleanly when the process that started this one exits (used by 'haconsole demo').")
    var exitWithParent = false

    @Option(
        name: .customLong("fencing-delay"),
        help:
            "Seconds a node holding fewer groups waits before it resets a dead peer, so that in a partition the holder shoots first (default: 5; raise it if a reset through your device takes longer)."
    )
    var fencingDelay: Double?

    @Option(
        name: .customLong("stonith-timeout"),
        help: "Seconds a STONITH reset may run before it is killed and counts as failed (not meatware: a person has no timeout).")
    var stonithTimeout: Double = 60

    // For tests: a drbdadm stand-in that records how a peer's outdate request ran it.
    @Option(name: .customLong("drbdadm"), help: .hidden)
    var drbdadm: String?

    @Flag(help: "Also print ha-log lines on standard error.")
    var verbose = false

    /// What a dying `failfast` child runs instead of rebooting this machine: for tests only.
    @Option(name: .customLong("reboot-command"), help: .hidden)
    var rebootCommand = "/sbin/reboot -nf"

    /// Keeps the startup-only pages resident (see ``StartupPageRelease``): for the bench's
    /// before-and-after figures.
    @Flag(name: .customLong("keep-startup-pages"), help: .hidden)
    var keepStartupPages = false

    func validate() throws {
        if let fencingDelay, !(0...3600).contains(fencingDelay) {
            throw ValidationError("--fencing-delay must be from 0 to 3600 seconds, not \(fencingDelay)")
        }
        if !(1...3600).contains(stonithTimeout) {
            throw ValidationError("--stonith-timeout must be from 1 to 3600 seconds, not \(stonithTimeout)")
        }
    }

    func run() throws {
        let signals = SignalPipe.install()
        let nodeName = (node ?? ConfigFiles.localNodeName()).lowercased()
        let loaded = ConfigFiles.load(directory: configDir, nodeName: nodeName, onNode: true, allowUnfenced: unfenced.allowUnfenced)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            errors.forEach { printToStandardError($0.description) }
            printToStandardError("Configuration error, hadaemon not started.")
            throw ExitCode(6)  // Heartbeat's "not configured"
        }
        let cluster = loaded.value
        let log = HALogWriter(
            logfile: cluster.haCF.logfile ?? (cluster.haCF.debugfile == nil ? DefaultPaths.haLog : nil), debugfile: cluster.haCF.debugfile,
            host: ConfigFiles.localNodeName(), echo: verbose, syslogFacility: cluster.haCF.logfacility)
        do {
            // First of all: a second daemon for this node must not write its state, bind, or touch a resource.
            let lock = try StateDirLock.acquire(directory: stateDir)
            log.useJournal(TimelineJournal(directory: stateDir))
            for warning in loaded.diagnostics { log.daemon(.warn, warning.description) }
            log.daemon(.info, "**************************")
            log.daemon(.info, "Configuration validated. Starting hadaemon \(HADaemonVersion.string)")
            let store = StateStore(directory: stateDir, heartbeat: sharedHeartbeatStateDir)
            let (generation, fresh) = try store.nextGeneration(wallSeconds: SystemClock.wallSeconds())
            if fresh { log.daemon(.warn, "No Previous generation - starting at \(generation)") }
            log.daemon(.info, "Heartbeat generation: \(generation)")
            do {
                try store.shareGeneration(generation)
            } catch {
                log.daemon(.warn, "\(error); Heartbeat started on this node later would restart below this generation and be dropped")
            }
            let (uuid, origin) = try store.uuid()
            switch origin {
            case .kept: break
            case .created: log.daemon(.info, "No uuid found for current node - generating a new uuid.")
            case .heartbeat: log.daemon(.info, "Keeping this node's Heartbeat uuid from \(sharedHeartbeatStateDir ?? "")/hb_uuid")
            }
            let runner = ResourceScriptRunner(
                directories: [configDir + "/resource.d", "/etc/init.d"], environment: scriptEnvironment(node: nodeName, cf: cluster.haCF),
                timeout: .milliseconds(Int64(scriptTimeout * 1000)))
            try releaseStaleAddresses(cluster.haResources.groups, ip: runner.addresses.ip, log: log)
            try stopStaleGroups(cluster.haResources.groups, runner: runner, log: log)
            let digest = ConfigDigest(
                haCFText: ConfigFiles.text(configDir + "/ha.cf"), haResourcesText: ConfigFiles.text(configDir + "/haresources"),
                authKeysText: ConfigFiles.text(configDir + "/authkeys"))
            let settings = try DaemonSettings(
                node: nodeName, uuid: uuid, generation: generation, configDirectory: configDir, cluster: cluster, digest: digest,
                allowUnfenced: unfenced.allowUnfenced)
            let transport = try HeartbeatTransport(
                media: cluster.haCF.media, localAddresses: bind.map { [$0] } ?? HeartbeatTransport.localAddresses(), bindAddress: bind)
            for medium in cluster.haCF.media {
                log.daemon(.info, "\(medium.typeName): started on port \(medium.port) interface \(medium.interface)")
            }
            let control = try ControlServer(path: socket)
            var coreConfig = NodeCoreConfig(me: nodeName, cluster: cluster, generation: generation)
            coreConfig.pid = Int(getpid())
            coreConfig.slowActionAfter = min(.seconds(10), .milliseconds(Int64(scriptTimeout * 500)))
            coreConfig.statusExtras = [("hd_cfg", digest.description)]
            if let fencingDelay { coreConfig.fencingDelay = .milliseconds(Int64(fencingDelay * 1000)) }
            let inbox = EventInbox()
            let executor = GroupExecutor(
                groups: Dictionary(cluster.haResources.groups.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }), runner: runner, log: log,
                inbox: inbox)
            let loop = DaemonLoop(
                settings: settings, core: NodeStateMachine(config: coreConfig, at: SystemClock.now()), transport: transport, control: control,
                log: log, executor: executor, inbox: inbox, signals: signals,
                pinger: cluster.haCF.pingNodes.isEmpty ? nil : try ICMPPinger(), drbd: DRBDSource.choose(procDRBD: procDRBD, drbdsetup: drbdsetup))
            if exitWithParent { loop.parent = getppid() }
            loop.fencer.timeout = Int64(stonithTimeout * 1000)
            if let drbdadm { loop.outdater.program = drbdadm }
            loop.fencer.log = { log.daemon($0, $1) }
            loop.children.rebootCommand = rebootCommand.split(separator: " ").map(String.init)
            // Armed last: the steps above may run scripts longer than the watchdog's timeout.
            loop.watchdog = try Watchdog.open(cf: cluster.haCF, allowUnfenced: unfenced.allowUnfenced) { log.daemon($0, $1) }
            log.daemon(.info, "Local status now set to: 'up'")
            loop.notifier = SystemdNotifier.make(environment: SystemdNotifier.environment())
            loop.notifier?.ready()
            if keepStartupPages { loop.pageRelease = nil }
            let code = withExtendedLifetime(lock) { loop.run() }
            loop.watchdog?.close()
            if code != 0 { throw ExitCode(code) }
        } catch let error as DaemonError {
            log.daemon(.error, error.description)
            printToStandardError("hadaemon: \(error)")
            throw ExitCode(1)
        }
    }

    /// Heartbeat's state directory to share: as given, or `/var/lib/heartbeat` on a node laid out
    /// as installed (the default `--state-dir`); never for a demo or test node with its own.
    var sharedHeartbeatStateDir: String? {
        switch heartbeatStateDir {
        case "none": nil
        case let directory?: directory
        case nil: stateDir == Self.defaultStateDir ? DefaultPaths.heartbeatStateDirectory : nil
        }
    }

    /// Stops the groups whose scripts still run here from an earlier run (see ``StaleResourceStop``).
    /// Skipped with `--bind`, like the addresses: nodes sharing one host share its scripts' state.
    func stopStaleGroups(_ groups: [ResourceGroup], runner: ResourceScriptRunner, log: HALogWriter) throws {
        guard bind == nil else { return }
        let found = BlockingTask.run { await StaleResourceStop(runner: runner).stop(groups) }
        for group in found {
            log.daemon(
                .warn, "resource group \(group.group) still runs here from an earlier run (\(group.running.joined(separator: ", "))): stopping it")
            if let failure = group.stopFailure {
                throw DaemonError(
                    "resource group \(group.group) runs from an earlier run and its stop failed (\(failure)); stop it by hand, then start hadaemon")
            }
        }
    }

    /// Removes the haresources addresses this host still carries from an earlier run, before the
    /// first packet (see ``StaleAddressRelease``). Skipped with `--bind`: nodes sharing one host
    /// share its interfaces, and another node's address is not stale.
    func releaseStaleAddresses(_ groups: [ResourceGroup], ip: IPCommand, log: HALogWriter) throws {
        guard bind == nil else { return }
        do {
            _ = try StaleAddressRelease(ip: ip).releaseBlocking(groups) { stale in
                log.daemon(.warn, StaleAddressRelease.logMessage(stale))
            }
        } catch {
            throw DaemonError("cannot release the service addresses left from an earlier run: \(error)")
        }
    }

    /// Heartbeat's environment for resource scripts (spec §3.6).
    func scriptEnvironment(node: String, cf: HACF) -> [String: String] {
        var environment = [
            "HA_DIR": configDir + "/", "HA_CURHOST": node, "HA_LOGD": cf.useLogd ? "yes" : "no", "OCF_ROOT": "/usr/lib/ocf",
            "HA_DATEFMT": "%Y/%m/%d_%T\t", "PATH": ResourceScriptRunner.defaultPath,
        ]
        if let logfile = cf.logfile { environment["HA_LOGFILE"] = logfile }
        if let debugfile = cf.debugfile { environment["HA_DEBUGLOG"] = debugfile }
        if let facility = cf.logfacility { environment["HA_LOGFACILITY"] = facility }
        if cf.debug > 0 { environment["HA_debug"] = String(cf.debug) }
        return environment
    }
}
