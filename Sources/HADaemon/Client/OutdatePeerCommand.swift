import ArgumentParser
import Glibc
import HAHost
import HAProtocol

/// `hadaemon outdate-peer`: DRBD's `fence-peer` handler, in place of Heartbeat's
/// `drbd-peer-outdater` (same options, environment and exit codes).
///
/// It asks the local daemon, which asks the peer over the heartbeat links to run
/// `drbdadm outdate RESOURCE`, and exits with the answer (``OutdateResult``). Every failure to
/// get one (no daemon, no answer in time) is 5, "peer unreachable", as drbd-peer-outdater's.
struct OutdatePeerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outdate-peer",
        abstract: "Ask the peer to outdate its DRBD disk (DRBD's fence-peer handler; replaces drbd-peer-outdater).",
        discussion: """
            Put it in drbd.conf where drbd-peer-outdater was, with resource-level fencing:

              resource r0 {
                disk     { fencing resource-only; }
                handlers { fence-peer "/usr/sbin/hadaemon outdate-peer -t 5"; }
              }

            DRBD runs it with DRBD_RESOURCE (and DRBD_PEER) set; -r and -p override
            them. Without a peer the daemon asks the only other node. The peer runs
            'drbdadm outdate RESOURCE' (a peer still running Heartbeat's dopd does the
            same) and the exit code says what happened:

              3  the peer's disk is inconsistent
              4  the peer's disk is now outdated
              5  the peer is unreachable (dead, no answer within -t, no daemon)
              6  the peer is primary: do not become primary here
              7  the peer is dead and was reset by this node's STONITH device
              1  wrong usage (no resource)
            """)

    @Option(name: .customShort("t"), help: ArgumentHelp("Seconds to wait for the peer's answer (1 to 3600).", valueName: "seconds")) var timeout = 60
    @Option(name: .customShort("r"), help: ArgumentHelp("The DRBD resource (default: $DRBD_RESOURCE).", valueName: "resource")) var resource: String?
    @Option(
        name: .customShort("p"), help: ArgumentHelp("The DRBD peer's node name (default: $DRBD_PEER, else the only other node).", valueName: "node"))
    var peer: String?
    @Flag(name: .customShort("V"), help: "Say on standard error what is asked and answered.") var verbose = false
    @OptionGroup var socket: SocketOptions

    func run() throws {
        func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        guard let resource = resource ?? environment("DRBD_RESOURCE"), !resource.isEmpty else {
            printToStandardError("hadaemon outdate-peer: no resource: give -r RESOURCE or set DRBD_RESOURCE (DRBD sets it for its handlers)")
            throw ExitCode(1)
        }
        guard (1...3600).contains(timeout) else {
            printToStandardError("hadaemon outdate-peer: -t must be from 1 to 3600 seconds, not \(timeout)")
            throw ExitCode(1)
        }
        let peer = self.peer ?? environment("DRBD_PEER").flatMap { $0.isEmpty ? nil : $0 }
        let token = "\(getpid())-\(SystemClock.milliseconds())"
        // The daemon answers 5 at its own deadline; this one only covers a daemon that stops answering.
        let giveUp = SystemClock.now() + .seconds(Int64(timeout) + 5)
        var request = ControlRequest(id: 1, op: .outdatePeer)
        request.resource = resource
        request.peer = peer
        request.timeout = timeout
        request.token = token
        while SystemClock.now() < giveUp {
            let response: ControlResponse
            do {
                response = try ControlClient(path: socket.socket).send(request)
            } catch {
                printToStandardError("hadaemon outdate-peer: cannot reach the local daemon at \(socket.socket): \(error)")
                throw ExitCode(OutdateResult.peerUnreachable.rawValue)
            }
            if let code = response.exitCode {
                let meaning = OutdateResult(rawValue: code)?.meaning ?? "unknown answer"
                if verbose || code != OutdateResult.peerOutdated.rawValue {
                    printToStandardError("hadaemon outdate-peer: \(resource): \(response.message ?? meaning) (exit \(code))")
                }
                throw ExitCode(code)
            }
            if let error = response.error, error.code != .busy {
                printToStandardError("hadaemon outdate-peer: \(error.code.rawValue): \(error.message)")
                throw ExitCode(error.code == .badRequest ? 1 : OutdateResult.peerUnreachable.rawValue)
            }
            if verbose { printToStandardError("hadaemon outdate-peer: \(resource): \(response.error?.message ?? response.message ?? "waiting")") }
            usleep(100_000)
            request.id += 1
        }
        printToStandardError("hadaemon outdate-peer: error: no answer from the daemon after \(timeout) seconds: timeout reached")
        throw ExitCode(OutdateResult.peerUnreachable.rawValue)
    }
}
