import Foundation
import HAHost
import Testing

@testable import HADaemon

/// `hadaemon cleanup` (the unit's ExecStopPost): when systemd's variables say the last run needs
/// none, and the help an operator reads.
@Suite struct CleanupCommandTests {
    @Test(
        "only a clean exit 0 skips the cleanup; a SIGTERM death (success to systemd), any failure, and a run by hand clean up",
        arguments: [
            (["SERVICE_RESULT": "success", "EXIT_CODE": "exited", "EXIT_STATUS": "0"], true),
            (["SERVICE_RESULT": "success", "EXIT_CODE": "killed", "EXIT_STATUS": "TERM"], false),
            (["SERVICE_RESULT": "signal", "EXIT_CODE": "killed", "EXIT_STATUS": "KILL"], false),
            (["SERVICE_RESULT": "core-dump", "EXIT_CODE": "dumped", "EXIT_STATUS": "ABRT"], false),
            (["SERVICE_RESULT": "watchdog", "EXIT_CODE": "dumped", "EXIT_STATUS": "ABRT"], false),
            (["SERVICE_RESULT": "exit-code", "EXIT_CODE": "exited", "EXIT_STATUS": "1"], false),
            ([:], false),
        ])
    func cleanEnd(environment: [String: String], clean: Bool) {
        #expect((CleanupCommand.endedCleanly(environment) != nil) == clean)
    }

    @Test("--help shows the unit line and says when nothing is touched")
    func help() throws {
        let result = try run("hadaemon", ["cleanup", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ExecStopPost=/usr/local/bin/hadaemon cleanup --config-dir /etc/ha.d"), "\(result.stdout)")
        #expect(result.stdout.contains("SERVICE_RESULT=success"))
        #expect(result.stdout.contains("--state-dir"))
    }

    @Test("the shipped unit runs the cleanup after the daemon stops")
    func unitLine() throws {
        let lines = try String(contentsOfFile: SystemdUnitTests.unit, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains("ExecStopPost=/usr/local/bin/hadaemon cleanup --config-dir /etc/ha.d"))
    }
}
