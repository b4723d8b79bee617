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
/// hadaemon does not honour yet (`stonith`, `stonith_host`, `watchdog`, `respawn`, `failfast`,
/// `apiauth`). Not an ha.cf line: Heartbeat refuses directives it does not know.
struct AllowUnfencedOption: ParsableArguments {
    @Flag(
        name: .customLong("allow-unfenced"),
        help: ArgumentHelp(
            "Run although ha.cf has stonith, stonith_host, watchdog, respawn, failfast or apiauth lines hadaemon does not honour yet.",
            discussion: """
                Without it those lines stop the start with an error. With it each becomes a warning in \
                ha-log and the snapshot carries a critical unfenced_override alert naming them, while \
                this node may take over a dead peer's resources without fencing it. Accept that risk \
                only when the peer cannot hold the resources at the same time.
                """))
    var allowUnfenced = false
}
