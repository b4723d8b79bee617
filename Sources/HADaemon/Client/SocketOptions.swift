import ArgumentParser
import HAHost

/// The control socket every client subcommand (`status`, `standby`, `takeover`, `bridge`) talks to.
struct SocketOptions: ParsableArguments {
    @Option(
        name: .customLong("socket"),
        help: ArgumentHelp("The daemon's control socket (default: \(DefaultPaths.socketDefaultHelp)).", valueName: "socket"))
    var socketOption: String?

    /// The socket given, else ``DefaultPaths/socket``.
    var socket: String { socketOption ?? DefaultPaths.socket }
}
