/// One sub-command of `cl_status` at work: its arguments, the daemon's view and what it printed
/// so far. Messages, spellings (`No enough parameter.`) and exit codes follow `cl_status.c`.
struct ClStatusCommand {
    typealias Exit = ClStatusOutput.ExitCode

    let name: String
    let arguments: ClStatusArguments
    /// Nil only for `hbstatus`, the one sub-command that runs without signing on.
    let view: ClStatusView?
    let context: ClStatusContext
    var output: ClStatusOutput

    /// `-m`: "make the output more human readable".
    var human: Bool { arguments.has("m") }
    /// The node (or first) operand: getopt's `argv[optind+1]`.
    var operand: String? { arguments.operands.first }

    mutating func run() {
        if arguments.refused, let complaint = arguments.complaints.first {
            output.printError(complaint)
            // hbstatus has no `default:` in its option switch: it carries on.
            if name != "hbstatus" {
                let word = ["listnodes", "listhblinks", "hbparameter"].contains(name) ? "character code" : "character"
                // Two adjacent C literals without a space between them: "returnedcharacter".
                output.printError(context.errorLine("Error: getopt returned\(word) ?."))
                return exit(.parameterError)
            }
        }
        guard let view else { return hbstatusStopped() }
        switch name {
        case "hbstatus": hbstatus(view)
        case "listnodes": listNodes(view, normalOnly: arguments.has("n"), pingOnly: arguments.has("p"), verbose: arguments.has("v"))
        case "nodestatus": nodeStatus(view)
        case "nodeweight":
            nodeQuery(view, missing: "Not enough parameters.", unknown: "Error. Maybe due to incorrect node name.") { _ in ("weight", "100") }
        case "nodesite": nodeQuery(view, missing: "Not enough parameters.", unknown: "Error. May be due to incorrect node name") { _ in ("site", "") }
        case "nodetype": nodeType(view)
        case "listhblinks": listLinks(view)
        case "hblinkstatus": linkStatus(view)
        case "clientstatus": clientStatus()
        case "rscstatus": output.print(human ? "This node is holding \(view.resources) resources." : view.resources)
        case "hbparameter": parameter(view)
        default:
            output.print(
                "Dead time: \(view.snapshot.timers.deadtime)\n keeplive time: \(view.snapshot.timers.keepalive)\n"
                    + " mynodeid: \(view.snapshot.localNode)\n rsc: \(view.resources)")
        }
    }

    mutating func exit(_ code: Exit) { output.exitCode = code.rawValue }

    mutating func hbstatusStopped() {
        output.print("Heartbeat is stopped on this machine.")
        if arguments.has("v") { output.print("(\(ClStatus.signonFailure))") }
        exit(.normalFailure)
    }

    mutating func hbstatus(_ view: ClStatusView) {
        guard arguments.has("v") else { return output.print("Heartbeat is running on this machine.") }
        if human {
            output.print("Heartbeat version \(context.version)")
            output.print("Resources controlled by \"haresources\"")
        } else {
            output.print("version:\t\(context.version)")
            output.print("managed by:\t\"haresources\"")
        }
        // No CCM in haresources mode: `try_to_show_ccm_status()` prints nothing.
        listNodes(view, normalOnly: false, pingOnly: false, verbose: true)
    }

    mutating func listNodes(_ view: ClStatusView, normalOnly: Bool, pingOnly: Bool, verbose: Bool) {
        let both = normalOnly && pingOnly  // both flags mean neither
        if human { output.print("The nodes are as follow:") }
        for node in view.nodes {
            if !both, normalOnly, node.type != .normal { continue }
            if !both, pingOnly, node.type != .ping { continue }
            if verbose {
                output.print("\n\(node.name)\t\(view.statusWord(node))\t(nodetype: \(node.type.rawValue))")
                listLinks(view, of: node, verbose: true)
            } else {
                output.print(node.name)
            }
        }
    }

    mutating func nodeStatus(_ view: ClStatusView) {
        guard let operand else { return missing("Not enough parameters.") }
        guard let node = view.node(operand) else { return unknownNode("Error. May be due to incorrect node name") }
        let status = view.statusWord(node)
        output.print(human ? "The cluster node \(operand) is \(status)" : status)
        exit(["active", "up", "ping"].contains(status) ? .ok : .normalFailure)
    }

    mutating func nodeType(_ view: ClStatusView) {
        guard let operand else { return missing("No enough parameter.") }
        guard let node = view.node(operand) else { return unknownNode("Error. May be due to incorrect node name") }
        output.print(human ? "The node \(operand)'s type: \(node.type.rawValue)" : node.type.rawValue)
    }

    /// `nodeweight` and `nodesite`: values the snapshot does not carry, so Heartbeat's defaults
    /// (weight 100, empty site) for every node.
    mutating func nodeQuery(_ view: ClStatusView, missing text: String, unknown: String, value: (NodeSnapshot) -> (String, String)) {
        guard let operand else { return missing(text) }
        guard let node = view.node(operand) else { return unknownNode(unknown) }
        let (what, answer) = value(node)
        output.print(human ? "The \(what) of the cluster node \(operand) is \(answer)" : answer)
    }

    mutating func listLinks(_ view: ClStatusView) {
        guard let operand else { return missing("No enough parameter.") }
        guard let node = view.node(operand) else {
            output.printError(context.errorLine("Cannot start heartbeat link interface walk."))
            output.printError(context.errorLine("REASON: "))
            return exit(.unknownError)
        }
        listLinks(view, of: node, verbose: arguments.has("v"))
    }

    mutating func listLinks(_ view: ClStatusView, of node: NodeSnapshot, verbose: Bool) {
        if human { output.print("\tthis node has the following heartbeat links:") }
        for interface in view.interfaces(of: node) {
            output.print(verbose ? "\t\(interface)\t\(view.linkStatus(node, interface) ?? "dead")" : "\t\(interface)")
        }
    }

    mutating func linkStatus(_ view: ClStatusView) {
        guard arguments.operands.count >= 2 else { return missing("No enough parameter.") }
        let (nodeName, interface) = (arguments.operands[0], arguments.operands[1])
        guard let node = view.node(nodeName), let status = view.linkStatus(node, interface) else {
            output.printError(context.errorLine("Cannot get heartbeat link status"))
            output.printError(context.errorLine("REASON: "))
            return exit(.unknownError)
        }
        output.print(human ? "The node \(nodeName)'s heartbeat link \(interface) is \(status)" : status)
        exit(status == "up" ? .ok : .normalFailure)
    }

    /// hadaemon has no API clients (no ipfail, no ccm), so every client is `offline`.
    mutating func clientStatus() {
        guard arguments.operands.count >= 2 else { return missing("No enough parameter.") }
        output.print("offline")
        exit(.normalFailure)
    }

    mutating func parameter(_ view: ClStatusView) {
        guard let name = arguments.parameter else {
            output.printError(context.errorLine("parameter name required"))
            return exit(.parameterError)
        }
        guard let value = view.parameter(name, version: context.version) else {
            output.printError(context.errorLine("Cannot get parameter \(name)'s value"))
            output.printError(context.errorLine("REASON: "))
            return exit(.normalFailure)
        }
        output.print(human ? "Heartbeat parameter \(name)'s value: \(value)" : value)
    }

    mutating func missing(_ text: String) {
        output.printError(text)
        exit(.parameterError)
    }

    mutating func unknownNode(_ text: String) {
        output.printError(text)
        exit(.parameterError)
    }
}
