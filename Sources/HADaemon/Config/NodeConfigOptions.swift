import ArgumentParser
import HAHost

/// `--config-dir`: where a node's Heartbeat configuration is, for `hadaemon run` and `hadaemon
/// config check` alike (so a check reads exactly what a start would).
struct ConfigDirectoryOption: ParsableArguments {
    @Option(name: .customLong("config-dir"), help: "Directory of ha.cf, authkeys, haresources and resource.d/.")
    var configDir = DefaultPaths.configDirectory
}

/// `--node`: the node this is, for `hadaemon run` and `hadaemon config check`.
struct NodeNameOption: ParsableArguments {
    @Option(help: "This node's name (default: uname -n, lower-cased).")
    var node: String?
}

/// `--allow-unfenced`: the operator accepts running without the fencing-class ha.cf lines
/// hadaemon does not honour yet (`respawn`, `failfast`, `apiauth`) and with a `watchdog` device
/// that cannot be opened. Not an ha.cf line: Heartbeat refuses directives it does not know.
struct AllowUnfencedOption: ParsableArguments {
    @Flag(
        name: .customLong("allow-unfenced"),
        help: ArgumentHelp(
            "Run although ha.cf has respawn, failfast or apiauth lines hadaemon does not honour yet, or a watchdog it cannot open.",
            discussion: """
                Without it those lines stop the start with an error. With it each becomes a warning in \
                ha-log and the snapshot carries a critical unfenced_override alert naming them (a \
                watchdog that cannot be opened is logged as Heartbeat logs it, and the node runs \
                without it). Accept that risk only when you know what the lines were protecting.
                """))
    var allowUnfenced = false
}
