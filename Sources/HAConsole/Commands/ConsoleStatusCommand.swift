import ArgumentParser

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `haconsole status`: one answer for scripts and monitoring, from the same sources as the screen.
struct ConsoleStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the cluster's state once (text, or JSON with --json) and exit.",
        discussion: """
            Reads the daemon's snapshot, this node's DRBD state and the end of ha-log. With no \
            daemon reachable it still reports DRBD and the log, and says so. The alerts are the \
            screen's: the same derivation over the same facts.

            Exit status: 0 no critical alert (warnings and notices included), 1 the daemon cannot \
            be reached, 2 a critical alert (split brain, a failed resource, a dead node). For a \
            monitoring system use 'haconsole check', which follows the plugin conventions.
            """
    )

    @OptionGroup var sources: SourceOptions
    @Flag(
        help: """
            One JSON object, schema haconsole-status/1 (docs/status-json.md, docs/status.schema.json): \
            check, statusExitCode, alerts, daemon, snapshot, drbd, log.
            """) var json = false
    @Option(help: "How many ha-log lines to include.") var lines = 10

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("--lines: \(lines) is negative; give 0 or more lines") }
    }

    func run() throws {
        let report = StatusReport.gather(sources: sources, logLines: lines)
        let alerts = report.alerts
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text(alerts: alerts))
        }
        let code = report.exitCode(alerts: alerts)
        if code != 0 { throw ExitCode(code) }
    }
}
