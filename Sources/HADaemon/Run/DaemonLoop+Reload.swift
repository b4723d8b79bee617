import HADaemonCore
import HAProtocol

extension DaemonLoop {
    /// SIGHUP: re-read the three files and refuse a configuration that does not validate; the
    /// core judges a valid one (``NodeStateMachine/reload(_:into:)``) and the effects rekey and
    /// reopen the logs (Heartbeat would restart itself).
    func reload() {
        noteActivity()
        let loaded = ConfigFiles.load(
            directory: settings.configDirectory, nodeName: settings.node, onNode: true, allowUnfenced: settings.allowUnfenced)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            log.daemon(.error, "Configuration error on reload; keeping the running configuration:")
            for error in errors { log.daemon(.error, error.description) }
            return
        }
        handle(.reload(loaded.value))
        watchdog?.adjustTimeout(deadtimeMilliseconds: cf.deadtime)
    }
}
