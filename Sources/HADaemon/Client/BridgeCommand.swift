import ArgumentParser
import Glibc
import HAHost

/// `hadaemon bridge`: this node's control socket on standard input and output, so a console on
/// another machine can subscribe and act through any command that carries a byte stream
/// (`haconsole --daemon-via 'ssh root@alpha'` runs `ssh root@alpha hadaemon bridge`). The daemon
/// sees this process as the peer: changes need it to run as root, as they do locally.
struct BridgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridge",
        abstract: "Relay the control socket over standard input and output (for haconsole --daemon-via).",
        discussion: """
            Ends when either side closes: standard input (the console went away) or the socket \
            (the daemon stopped; exit 1).
            """)

    @OptionGroup var options: SocketOptions

    func run() throws {
        let path = options.socket
        let fd: Int32
        do {
            fd = try ControlClient(path: path).connect()
        } catch {
            printToStandardError("hadaemon bridge: \(error)")
            throw ExitCode(1)
        }
        defer { close(fd) }
        signal(SIGPIPE, SIG_IGN)
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { throw ValidationError("poll: \(String(cString: strerror(errno)))") }
            // The console's requests go to the daemon; its answers and pushed snapshots come back.
            for (from, to) in [(0, fd), (1, STDOUT_FILENO)] where fds[from].revents != 0 {
                let n = read(fds[from].fd, &buffer, buffer.count)
                if n <= 0 {
                    if from == 0 { return }
                    printToStandardError("hadaemon bridge: the daemon at \(path) closed the connection")
                    throw ExitCode(1)
                }
                guard Self.writeAll(to, buffer[0..<n]) else {
                    if from == 1 { return }  // nobody reads any more
                    printToStandardError("hadaemon bridge: the daemon at \(path) closed the connection")
                    throw ExitCode(1)
                }
            }
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            rest = rest.dropFirst(n)
        }
        return true
    }
}
