import HAProtocol
import Testing

/// `cl_status` by a user who may not open the control socket: Heartbeat's own would say
/// "stopped"; ours says permission denied, naming the socket, and exits 13 (issue 10).
@Suite struct ClStatusPermissionTests {
    static let context = ClStatusContext(timestamp: HALogTimestamp(month: 11, day: 5, hour: 3, minute: 4, second: 35), host: "alpha", pid: 42)
    static let socket = "/run/hadaemon/hadaemon.sock"

    @Test(
        "every sub-command that asks the daemon says permission denied on stderr and exits 13",
        arguments: [["hbstatus"], ["hbstatus", "-v"], ["rscstatus"], ["nodestatus", "bravo"]])
    func denied(arguments: [String]) {
        let output = ClStatus.run(arguments, snapshot: nil, deniedSocket: Self.socket, context: Self.context)
        #expect(
            output
                == ClStatusOutput(
                    stderr: """
                        Nov 05 03:04:35 alpha cl_status: [42]: ERROR: Cannot signon with heartbeat
                        Nov 05 03:04:35 alpha cl_status: [42]: ERROR: REASON: permission denied on /run/hadaemon/hadaemon.sock (needs root or the socket's group)

                        """, exitCode: 13))
    }

    @Test("usage and unknown sub-commands do not ask the daemon, so they answer as before")
    func notAsked() {
        #expect(ClStatus.run([], snapshot: nil, deniedSocket: Self.socket, context: Self.context).exitCode == 0)
        #expect(ClStatus.run(["clientid"], snapshot: nil, deniedSocket: Self.socket, context: Self.context).exitCode == 11)
    }
}
