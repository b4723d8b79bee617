import ArgumentParser
import Glibc
import HAHost
import HAProtocol

/// `hadaemon cleanup`: after this node's daemon has died, removes the service addresses it left
/// on the interfaces, so the peer that took them over is not one of two holders.
///
/// Meant for the unit's `ExecStopPost=`: a daemon that crashed and is not restarted
/// (`Restart=on-failure` gave up, or the operator stopped the failed unit) would otherwise keep
/// its addresses until the host reboots; a restarted daemon releases them itself before it joins
/// (``StaleAddressRelease``, the same code). Contract:
/// - Nothing is touched while a daemon for this node holds the state-dir lock (``StateDirLock``);
///   the lock is held for the whole cleanup, so no daemon starts meanwhile.
/// - Nothing is touched when systemd says the daemon ended cleanly (``endedCleanly(_:)``): its
///   clean stop released its resources.
/// - Otherwise every `IPaddr`/`IPaddr2` address of `haresources` still on an interface is removed
///   and logged to ha-log; each `ip` run is killed after `--ip-timeout` seconds.
/// - Exit 0 when there was nothing to do or all was released; 1 when an address could not be
///   removed; 6 when the configuration is invalid (nothing is then known, nothing touched).
struct CleanupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "After this node's daemon died, remove the service addresses it left behind (the unit's ExecStopPost).",
        discussion: """
            A daemon that is SIGKILLed or crashes keeps its haresources addresses on the \
            interfaces while the peer takes them over: two holders on the segment. A restarted \
            daemon removes them before it joins; this command does the same when it is not \
            restarted. Put it in the unit:

              ExecStopPost=/usr/local/bin/hadaemon cleanup --config-dir /etc/ha.d

            It does nothing while a daemon for this node still runs (it holds the lock in \
            --state-dir), nor when systemd says the daemon ended cleanly (SERVICE_RESULT=success, \
            EXIT_CODE=exited, EXIT_STATUS=0: a clean stop has released everything). After any \
            other end (signal, core-dump, watchdog, exit-code, timeout…), or when run by hand, it \
            removes every IPaddr/IPaddr2 address of haresources found on this host's interfaces \
            and logs each one to ha-log, as a starting daemon does. Other resources are left to \
            the next start, which stops the groups whose scripts still run.
            """)

    @OptionGroup var configDirectory: ConfigDirectoryOption

    @Option(name: .customLong("state-dir"), help: "The daemon's state directory, whose lock says whether it still runs.")
    var stateDir = RunCommand.defaultStateDir

    @OptionGroup var nodeOption: NodeNameOption

    @Option(name: .customLong("ip-timeout"), help: "Seconds each 'ip' run may take before it is killed (1 to 60).")
    var ipTimeout: Double = 10

    func validate() throws {
        if !(1...60).contains(ipTimeout) { throw ValidationError("--ip-timeout must be from 1 to 60 seconds, not \(ipTimeout)") }
    }

    /// Why the last run needs no cleanup, from the variables systemd gives `ExecStopPost`; nil
    /// when it may have left addresses behind, or when not run by systemd (no `SERVICE_RESULT`).
    ///
    /// `success` alone is not enough: systemd counts a death by SIGTERM as success too, and
    /// hadaemon ends a clean stop with exit 0 only after releasing.
    static func endedCleanly(_ environment: [String: String]) -> String? {
        guard environment["SERVICE_RESULT"] == "success", environment["EXIT_CODE"] == "exited", environment["EXIT_STATUS"] == "0" else {
            return nil
        }
        return "hadaemon ended cleanly (SERVICE_RESULT=success, exit status 0): its stop released its resources; nothing to clean up"
    }

    /// How the last run ended, as systemd told, for the log.
    static func lastEnd(_ environment: [String: String]) -> String {
        guard let result = environment["SERVICE_RESULT"] else { return "run by hand" }
        return "SERVICE_RESULT=\(result) EXIT_CODE=\(environment["EXIT_CODE"] ?? "") EXIT_STATUS=\(environment["EXIT_STATUS"] ?? "")"
    }

    func run() throws {
        let environment = Self.environment()
        if let clean = Self.endedCleanly(environment) {
            print(clean)
            return
        }
        let lock: StateDirLock
        do {
            lock = try StateDirLock.acquire(directory: stateDir)
            // StateDirLock's words for a lock held by a live daemon; any other failure proves nothing.
        } catch let error as DaemonError where error.description.hasPrefix("another hadaemon") {
            print("hadaemon still runs for this node (\(error)): nothing to clean up")
            return
        } catch {
            printToStandardError("hadaemon cleanup: \(error); released nothing, as a daemon may still run")
            throw ExitCode(1)
        }
        let nodeName = (nodeOption.node ?? ConfigFiles.localNodeName()).lowercased()
        // Only haresources and the log files are used: lines the daemon would refuse unfenced
        // must not stop a cleanup, which starts nothing.
        let loaded = ConfigFiles.load(directory: configDirectory.configDir, nodeName: nodeName, onNode: true, allowUnfenced: true)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            errors.forEach { printToStandardError($0.description) }
            printToStandardError("Configuration error: hadaemon cleanup released nothing.")
            throw ExitCode(6)
        }
        try withExtendedLifetime(lock) { try release(loaded.value, end: Self.lastEnd(environment)) }
    }

    private func release(_ cluster: ClusterConfig, end: String) throws {
        let log = HALogWriter(
            logfile: cluster.haCF.logfile ?? (cluster.haCF.debugfile == nil ? DefaultPaths.haLog : nil), debugfile: cluster.haCF.debugfile,
            host: ConfigFiles.localNodeName(), echo: false, syslogFacility: cluster.haCF.logfacility)
        let ip = IPCommand(path: nil, netns: nil, runner: ProcessGroupRunner(timeout: .milliseconds(Int64(ipTimeout * 1000)), killGrace: .seconds(1)))
        let released: [InterfaceAddress]
        do {
            released = try StaleAddressRelease(ip: ip).releaseBlocking(cluster.haResources.groups) { stale in
                log.daemon(.warn, StaleAddressRelease.logMessage(stale))
            }
        } catch {
            log.daemon(.error, "hadaemon cleanup (\(end)): cannot release the service addresses left behind: \(error)")
            printToStandardError("hadaemon cleanup: cannot release the service addresses left behind: \(error)")
            throw ExitCode(1)
        }
        guard !released.isEmpty else {
            print("hadaemon is not running and left no service address on this host (\(end)): nothing to clean up")
            return
        }
        let names = released.map { "\($0.address)/\($0.prefixLength) on \($0.label)" }
        log.daemon(.info, "hadaemon cleanup (\(end)): released \(names.joined(separator: ", "))")
        names.forEach { print("released \($0)") }
    }

    /// The variables systemd sets for `ExecStopPost` that say how the main process ended.
    static func environment() -> [String: String] {
        let names = ["SERVICE_RESULT", "EXIT_CODE", "EXIT_STATUS"]
        return Dictionary(uniqueKeysWithValues: names.compactMap { name in getenv(name).map { (name, String(cString: $0)) } })
    }
}
