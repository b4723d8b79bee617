import ArgumentParser
import Foundation
import HAHost
import HAProtocol

/// Options every control subcommand shares.
struct SocketOptions: ParsableArguments {
    @Option(help: "The daemon's control socket.")
    var socket = "/run/hadaemon/hadaemon.sock"
}

/// `hadaemon status`: this node's view of the cluster.
struct StatusCommand: ParsableCommand {
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

/// `hadaemon standby` / `takeover` / `stop`: ask this node's daemon for a change.
struct ChangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standby", abstract: "Give this node's resources to the peer (like hb_standby).")

    @OptionGroup var options: SocketOptions
    @Argument(help: "all, local, foreign or failback (Heartbeat's classes).") var resources: ControlRequest.Resources = .all
    @Option(help: "Why, for the log.") var reason: String?

    func run() throws { try change(.standby, resources: resources, reason: reason, socket: options.socket) }
}

struct TakeoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "takeover", abstract: "Take resources from the peer (like hb_takeover).")

    @OptionGroup var options: SocketOptions
    @Argument(help: "all, local, foreign or failback (Heartbeat's classes).") var resources: ControlRequest.Resources = .all
    @Option(help: "Why, for the log.") var reason: String?

    func run() throws { try change(.takeover, resources: resources, reason: reason, socket: options.socket) }
}

extension ControlRequest.Resources: ExpressibleByArgument {}

/// Sends a change for the node the daemon says it is, and prints what it answered.
func change(_ op: ControlRequest.Operation, resources: ControlRequest.Resources, reason: String?, socket: String) throws {
    let client = ControlClient(path: socket)
    guard let node = try client.send(ControlRequest(id: 1, op: .status)).snapshot?.localNode else {
        throw DaemonError("the daemon did not say which node it is")
    }
    let response = try client.send(ControlRequest(id: 2, op: op, node: node, resources: resources, reason: reason))
    if response.error != nil { throw failure(response) }
    print(response.message ?? "ok")
}

func failure(_ response: ControlResponse) -> Error {
    printToStandardError("hadaemon: \(response.error?.code.rawValue ?? "error"): \(response.error?.message ?? "no answer")")
    return ExitCode(1)
}
