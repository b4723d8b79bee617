import ArgumentParser
import FoundationEssentials
import HAHost
import HAProtocol

/// `hadaemon status`: this node's daemon's view of the cluster, as text or as the snapshot's JSON.
struct DaemonStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Print the running daemon's view of the cluster (text, or the snapshot as JSON).")

    @OptionGroup var options: SocketOptions
    @Flag(help: "Print the snapshot as one JSON object (docs/control-api.md).") var json = false

    func run() throws {
        let response = try ControlClient(path: options.socket).send(ControlRequest(id: 1, op: .status))
        guard let snapshot = response.snapshot else { throw failure(response) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(snapshot), as: UTF8.self))
            return
        }
        print("node \(snapshot.localNode)  cluster \(snapshot.cluster)  auto_failback \(snapshot.autoFailback.rawValue)")
        for node in snapshot.nodes {
            let links = node.links.map { "\($0.interface) \($0.status.rawValue)" }.joined(separator: ", ")
            print(
                "  \(node.name)\t\(node.status.rawValue)\tholds \(node.holds?.rawValue ?? "-")\(node.stable == false ? " (transition)" : "")\t\(links)"
            )
        }
        for group in snapshot.groups {
            let holders = group.holders.isEmpty ? "nobody" : group.holders.joined(separator: " and ")
            print("  group \(group.key)\thome \(group.preferredNode)\t\(group.state.rawValue) on \(holders)")
        }
        for alert in snapshot.alerts { print("  \(alert.severity.rawValue.uppercased()): \(alert.message)") }
    }
}

/// Prints the daemon's refusal on standard error and returns the exit status to throw.
func failure(_ response: ControlResponse) -> Error {
    printToStandardError("hadaemon: \(response.error?.code.rawValue ?? "error"): \(response.error?.message ?? "no answer")")
    return ExitCode(1)
}
