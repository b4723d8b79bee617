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
