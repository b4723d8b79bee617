import ArgumentParser

/// `habench`: the project's benchmarks, each printed as Markdown against its issue's targets and
/// written as JSON under `bench/results/`. With no subcommand it runs `failover`.
@main
struct HABenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "habench",
        abstract: "Benchmarks: failover timings and idle footprint of hadaemon (default, needs root), the console's figures, or a fault campaign.",
        subcommands: [
            FailoverBenchCommand.self, CompareBenchCommand.self, FootprintBenchCommand.self, ConsoleBenchCommand.self, CampaignCommand.self,
        ],
        defaultSubcommand: FailoverBenchCommand.self
    )
}
