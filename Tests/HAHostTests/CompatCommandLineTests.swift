import Testing

@testable import HAHost

/// Where the compatible commands look for Heartbeat's own copy to hand over to on a node that
/// still runs Heartbeat (issue 13): hadaemon's package diverts Heartbeat's to `PATH.heartbeat`,
/// and the plain path is then ours, so without the diverted name a node mid-migration lost
/// `cl_status` (it answered "no daemon" while Heartbeat ran).
@Suite struct CompatCommandLineTests {
    @Test("each command looks for Heartbeat's diverted copy first, then Heartbeat's own paths")
    func divertedCopyFirst() {
        #expect(CompatCommandLine.heartbeatCopies["cl_status"] == ["/usr/bin/cl_status.heartbeat", "/usr/bin/cl_status"])
        for command in ["hb_standby", "hb_takeover"] {
            #expect(CompatCommandLine.heartbeatCopies[command]?.first == "/usr/share/heartbeat/\(command).heartbeat")
            #expect(CompatCommandLine.heartbeatCopies[command]?.contains("/usr/share/heartbeat/\(command)") == true)
        }
    }
}
