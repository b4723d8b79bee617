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
/// hadaemon does not honour (`respawn`, `failfast` or `apiauth` naming a client of Heartbeat's
/// API) and with a `watchdog` device that cannot be opened. Not an ha.cf line: Heartbeat refuses directives it does not know.
struct AllowUnfencedOption: ParsableArguments {
    @Flag(
        name: .customLong("allow-unfenced"),
        help: ArgumentHelp(
            "Run although ha.cf names clients of Heartbeat's API (respawn, failfast or apiauth lines such as ccm or mgmtd) or a watchdog hadaemon cannot open.",
            discussion: """
                hadaemon does not serve Heartbeat's client API, so such a client could not run; ipfail and \
                dopd lines need no flag, as hadaemon does their work itself. Without the flag those lines \
                stop the start with an error. With it each becomes a warning in ha-log, the client is not \
                started, and the snapshot carries a critical unfenced_override alert naming them (a \
                watchdog that cannot be opened is logged as Heartbeat logs it, and the node runs \
                without it). Accept that risk only when you know what the lines were protecting.
                """))
    var allowUnfenced = false
}
