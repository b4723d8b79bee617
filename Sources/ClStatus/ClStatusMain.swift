import Glibc
import HAHost
import HAProtocol

/// `cl_status`: Heartbeat 3.0.6's status query tool, answered from hadaemon's control socket (or
/// by Heartbeat's own `cl_status` on a node that does not run hadaemon yet).
@main
struct ClStatusMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        CompatCommandLine.handOverToHeartbeatIfItRunsHere("cl_status", arguments: arguments)
        var snapshot: ClusterSnapshot?
        var deniedSocket: String?
        if ClStatus.needsSnapshot(arguments) {
            let path = DefaultPaths.socket
            do {
                snapshot = try ControlClient(path: path).send(ControlRequest(id: 1, op: .status)).snapshot
            } catch let error where error.isPermissionDenied {
                deniedSocket = path
            } catch {
                // Unreachable, busy or unreadable all read as Heartbeat's failed sign-on.
            }
        }
        let context = ClStatusContext(timestamp: CompatCommandLine.now(), host: CompatCommandLine.hostName, pid: Int(getpid()))
        let output = ClStatus.run(arguments, snapshot: snapshot, deniedSocket: deniedSocket, context: context)
        CompatCommandLine.write(output.stdout, to: STDOUT_FILENO)
        CompatCommandLine.write(output.stderr, to: STDERR_FILENO)
        exit(output.exitCode)
    }
}
