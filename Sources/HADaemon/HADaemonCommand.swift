import ArgumentParser
import HAHost

/// `hadaemon`: the node daemon. Subcommands are the spec of the command line.
@main
struct HADaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hadaemon",
        abstract: "A Heartbeat 3.0.6 compatible high-availability node daemon.",
        discussion: """
            hadaemon reads the same /etc/ha.d/ha.cf, authkeys and haresources as Heartbeat 3.0.6.

            Check a configuration before deploying it:
              hadaemon config check --config-dir /etc/ha.d
            Render the three files from one Moonshine-style YAML file:
              hadaemon config render moonshine.yml --out /etc/ha.d
            """,
        version: HADaemonVersion.string,
        subcommands: [
            RunCommand.self, DaemonStatusCommand.self, StandbyCommand.self, TakeoverCommand.self, ConfigCommand.self, BridgeCommand.self,
            OutdatePeerCommand.self,
            FenceCommand.self,
            CleanupCommand.self,
        ]
    )

    /// Called by another name, the binary is that command: the package installs Heartbeat's
    /// `hb_standby` and `hb_takeover` as links to it (two more static binaries would add 38 MB).
    static func main() {
        GNUFunctions.singleMallocArena()
        let name = CommandLine.arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        switch name {
        case "hb_standby": ResourceMoveRunner.main(.standby)
        case "hb_takeover": ResourceMoveRunner.main(.takeover)
        default: main(nil)
        }
    }
}

enum HADaemonVersion {
    static let string = "0.1.0 (speaks Heartbeat 3.0.6)"
}
