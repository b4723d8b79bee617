import Glibc
import HAProtocol

/// The body of `hb_standby` and `hb_takeover`: parse the one argument, ask the local daemon,
/// return at once. On a node that does not run hadaemon yet, Heartbeat's own script runs instead.
///
/// Heartbeat's scripts write into a FIFO and exit 0 whatever happens next; hadaemon's daemon
/// answers, so a refusal (not root, still in initdead, a standby already running, no peer) is
/// printed on stderr and exits 1.
public enum ResourceMoveRunner {
    public static func main(_ command: ResourceMoveCommand) -> Never {
        let program = CommandLine.arguments.first ?? command.rawValue
        CompatCommandLine.handOverToHeartbeatIfItRunsHere(command.rawValue, arguments: Array(CommandLine.arguments.dropFirst()))
        let resources: ControlRequest.Resources
        switch command.parse(Array(CommandLine.arguments.dropFirst()), program: program) {
        case .ask(let asked): resources = asked
        case .usage(let out, let err):
            CompatCommandLine.write(out, to: STDOUT_FILENO)
            CompatCommandLine.write(err, to: STDERR_FILENO)
            exit(1)
        }
        if let line = command.announcement(resources, at: CompatCommandLine.now(), onTerminal: isatty(STDIN_FILENO) == 1) {
            CompatCommandLine.write(line, to: STDERR_FILENO)
        }
        let client = ControlClient(path: DefaultPaths.socket)
        do {
            // A change names the node it is meant for: the one this daemon runs as (not
            // necessarily the host name).
            let node = try client.send(ControlRequest(id: 1, op: .status)).snapshot?.localNode
            let request = ControlRequest(
                id: 2, op: command == .standby ? .standby : .takeover, node: node, resources: resources, reason: command.rawValue)
            let response = try client.send(request)
            if let error = response.error {
                CompatCommandLine.write("\(command.rawValue): hadaemon refused: \(error.message)\n", to: STDERR_FILENO)
                exit(1)
            }
            exit(0)
        } catch {
            CompatCommandLine.write("\(command.rawValue): \(error.description)\n", to: STDERR_FILENO)
            exit(1)
        }
    }
}
