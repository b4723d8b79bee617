import ArgumentParser
import HAHost
import HAProtocol

/// What `hadaemon standby` and `hadaemon takeover` both take: the socket, which resources
/// (Heartbeat's classes) and why.
struct ResourceMoveOptions: ParsableArguments {
    @OptionGroup var socket: SocketOptions
    @Argument(help: "all, local, foreign or failback (Heartbeat's classes).") var resources: ControlRequest.Resources = .all
    @Option(help: "Why, for the log.") var reason: String?

    /// Asks for `op` for the node the daemon says it is, and prints what it answered.
    func send(_ op: ControlRequest.Operation) throws {
        let client = ControlClient(path: socket.socket)
        guard let node = try client.send(ControlRequest(id: 1, op: .status)).snapshot?.localNode else {
            throw DaemonError("the daemon did not say which node it is")
        }
        let response = try client.send(ControlRequest(id: 2, op: op, node: node, resources: resources, reason: reason))
        if response.error != nil { throw failure(response) }
        print(response.message ?? "ok")
    }
}

extension ControlRequest.Resources: ExpressibleByArgument {}

/// `hadaemon standby`: give this node's resources to the peer.
struct StandbyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standby", abstract: "Give this node's resources to the peer (like hb_standby).")

    @OptionGroup var options: ResourceMoveOptions

    func run() throws { try options.send(.standby) }
}

/// `hadaemon takeover`: take resources from the peer.
struct TakeoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "takeover", abstract: "Take resources from the peer (like hb_takeover).")

    @OptionGroup var options: ResourceMoveOptions

    func run() throws { try options.send(.takeover) }
}
