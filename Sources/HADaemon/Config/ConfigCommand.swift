import ArgumentParser

/// `hadaemon config …`: work on the three Heartbeat configuration files.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check, render or export the Heartbeat configuration files.",
        subcommands: [ConfigCheckCommand.self, ConfigRenderCommand.self, ConfigExportCommand.self]
    )
}
