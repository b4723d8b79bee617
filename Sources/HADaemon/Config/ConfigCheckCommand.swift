import ArgumentParser
import HAProtocol

/// `hadaemon config check`: the daemon's own validation as a dry run.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate ha.cf, authkeys and haresources as the daemon would at start.",
        discussion: """
            Prints one line per problem, FILE:LINE: error|warning: message, and exits 1 if any is an \
            error, else 0. Facts about this host (its name is a node, the interfaces and resource \
            scripts exist) are warnings, because a configuration is often checked before it is \
            deployed; with --on-node they are errors. A line hadaemon does not honour is an error \
            naming the way out; --allow-unfenced shows what 'hadaemon run --allow-unfenced' accepts.

            Examples:
              hadaemon config check
              hadaemon config check --config-dir ./staging/ha.d --node alpha --on-node
            """
    )

    @OptionGroup var configDirectory: ConfigDirectoryOption
    var configDir: String { configDirectory.configDir }

    @Flag(name: .customLong("on-node"), help: "Treat host-specific problems as errors (run on the node itself).")
    var onNode = false

    @OptionGroup var nodeOption: NodeNameOption
    var node: String? { nodeOption.node }

    @OptionGroup var unfenced: AllowUnfencedOption

    func run() throws {
        let loaded = ConfigFiles.load(directory: configDir, nodeName: node, onNode: onNode, allowUnfenced: unfenced.allowUnfenced)
        let files = ClusterConfig.Files(directory: configDir)
        let order = [files.haCF, files.authKeys, files.haResources]
        let sorted = loaded.diagnostics.enumerated().sorted {
            ((order.firstIndex(of: $0.element.file) ?? 3), $0.element.line, $0.offset)
                < ((order.firstIndex(of: $1.element.file) ?? 3), $1.element.line, $1.offset)
        }.map(\.element)
        for diagnostic in sorted {
            print(diagnostic)
        }
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        let warnings = loaded.diagnostics.count - errors
        printToStandardError(
            "\(configDir): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                + (errors == 0 ? "; configuration is valid" : ""))
        if errors > 0 { throw ExitCode(1) }
    }
}
