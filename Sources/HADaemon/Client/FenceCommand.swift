import ArgumentParser
import HAHost
import HAProtocol

/// `hadaemon fence`: what an operator does about fencing on a node.
struct FenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fence", abstract: "Act on a fence this node runs (manual fencing with meatware).",
        subcommands: [ConfirmFenceCommand.self])
}

/// `hadaemon fence confirm NODE`: the human half of a meatware reset.
struct ConfirmFenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Confirm that a dead peer fenced by meatware is really off, so this node takes its resources over.",
        discussion: """
            With `stonith_host * meatware NODES` in ha.cf the "device" is a person: when a peer dies, \
            the survivor logs "OPERATOR INTERVENTION REQUIRED to reset NODE." and takes nothing over \
            until someone confirms the reset. There is no timeout: it waits for you.

            Before confirming, make sure NODE is powered off or cut from every shared disk and \
            network (power it off, pull its cables, or check its console). Confirming a node that \
            still runs lets both nodes hold the service address and write the same disks.

            Run this on the node that fences (the survivor): it asks the daemon, which runs \
            `meatclient -c NODE` for you. It is refused, with the reason, unless a meatware reset of \
            NODE waits for a human there. Running `meatclient -c NODE` by hand does the same.

              hadaemon fence confirm bravo --reason "bravo powered off at the PDU"
            """)

    @OptionGroup var socket: SocketOptions
    @Argument(help: ArgumentHelp("The dead peer you checked is off.", valueName: "node")) var node: String
    @Option(help: "Why, for the log (what you checked).") var reason: String?

    func run() throws {
        let client = ControlClient(path: socket.socket)
        let response = try client.send(ControlRequest(id: 1, op: .confirmFence, node: node.lowercased(), reason: reason))
        if response.error != nil { throw failure(response) }
        print(response.message ?? "ok")
    }
}
