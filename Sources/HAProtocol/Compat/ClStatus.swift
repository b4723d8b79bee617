/// Heartbeat 3.0.6's `cl_status` (spec §7, observed §4) as a pure function of a snapshot.
///
/// ``run(_:snapshot:context:)`` returns what `cl_status ARGS` prints, byte for byte, and its
/// exit code. `snapshot` is nil when the daemon could not be reached; a snapshot taken while the
/// daemon is still in initdead counts as unreachable too, as Heartbeat's API opens only then.
public enum ClStatus {
    /// The sub-commands and their getopt option letters, in `cl_status.c`'s table order.
    static let subcommands: [(name: String, options: String, needsDaemon: Bool)] = [
        ("hbstatus", "mv", false), ("listnodes", "mpnv", true), ("nodestatus", "m", true), ("nodeweight", "m", true),
        ("nodesite", "m", true), ("nodetype", "m", true), ("listhblinks", "mv", true), ("hblinkstatus", "m", true),
        ("clientstatus", "m", true), ("rscstatus", "m", true), ("hbparameter", "mp:", true), ("test", "", true),
    ]

    /// Whether `cl_status ARGS` talks to the daemon at all (usage and unknown sub-commands do not).
    public static func needsSnapshot(_ arguments: [String]) -> Bool {
        guard let first = arguments.first, first != "-h" || arguments.count > 1 else { return false }
        return subcommands.contains { $0.name == first }
    }

    /// What `cl_status` prints for `arguments` (argv without the program name).
    ///
    /// `deniedSocket` is the control socket when connecting to it failed for lack of permission.
    /// Heartbeat's `cl_status` cannot tell that from a stopped daemon and says "stopped"; here
    /// every sub-command that asks the daemon (`hbstatus` too) says permission denied instead,
    /// naming the socket, on stderr only, and exits 13 (`UNKNOWN_ERROR`), never 1, so no script
    /// reads it as a stopped daemon or a dead node.
    public static func run(_ arguments: [String], snapshot: ClusterSnapshot?, deniedSocket: String? = nil, context: ClStatusContext)
        -> ClStatusOutput
    {
        var output = ClStatusOutput()
        guard let name = arguments.first, name != "-h" || arguments.count > 1 else {
            output.stdout = usage
            return output
        }
        guard let subcommand = subcommands.first(where: { $0.name == name }) else {
            output.printError(context.errorLine("\(name): invalid sub-command."))
            output.exitCode = ClStatusOutput.ExitCode.parameterError.rawValue
            return output
        }
        if let deniedSocket {
            output.printError(context.errorLine("Cannot signon with heartbeat"))
            output.printError(context.errorLine("REASON: permission denied on \(deniedSocket) (needs root or the socket's group)"))
            output.exitCode = ClStatusOutput.ExitCode.unknownError.rawValue
            return output
        }
        let view = ClStatusView(snapshot)
        if view == nil, subcommand.needsDaemon {
            output.printError(context.errorLine("Cannot signon with heartbeat"))
            output.printError(context.errorLine("REASON: \(signonFailure)"))
            output.exitCode = ClStatusOutput.ExitCode.normalFailure.rawValue
            return output
        }
        var command = ClStatusCommand(
            name: name, arguments: ClStatusArguments(subcommand: name, Array(arguments.dropFirst()), optionLetters: subcommand.options),
            view: view, context: context, output: output)
        command.run()
        return command.output
    }

    /// `errmsg()` after a failed sign-on: the daemon's API socket is not there.
    static let signonFailure = "hb_api_signon: Can't initiate connection to heartbeat"

    /// The text of `cl_status` with no arguments or `-h` (exit 0), from Heartbeat 3.0.6's `cl_status.c`.
    public static let usage = """
        Usage: cl_status <sub-command> [<options>] [<parameters>]

        Sub-commands:
        clientstatus <node-name> <client-id> [<timeout>]
        \tShow the status of heartbeat clients.
        hblinkstatus <node-name> <link-name>
        \tShow the status of a heartbeat link
        hbstatus
        \tIndicate if heartbeat is running on the local system.
        \tOptions:
        \t\t-v\tverbose: also add "listnodes -v" output
        listnodes [<option>]
        \tList the nodes in the cluster.
        \tOptions:
        \t\t-p\tlist only 'ping' type nodes
        \t\t-n\tlist only 'normal' type nodes
        \t\t-v\tverbose: also list type and status,
        \t\t\tthen add "listhblinks -v" output
        listhblinks <node-name>
        \tList the network interfaces used as hearbeat links.
        \tOptions:
        \t\t-v\tverbose: list link status as well
        nodestatus <node-name>
        \tList the node status.
        nodeweight <node-name>
        \tList the node weight.
        nodesite <node-name>
        \tList the node site.
        nodetype <node-name>
        \tList the nodes of a given type.
        rscstatus
        \tShow the status of cluster resources.
        hbparameter -p <parameter-name>
        \tRetrieve the value of a cluster parameter.
        \tAs for the valid parameter names, please refer to the man page.

        """
}
