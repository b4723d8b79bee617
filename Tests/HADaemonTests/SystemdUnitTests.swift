import Foundation
import HAHost
import Testing

/// The shipped unit (contrib/hadaemon.service, issue 13): systemd accepts it, and it never
/// SIGKILLs a stop that is still releasing (Heartbeat's unit says the same, for the same reason).
@Suite struct SystemdUnitTests {
    static let unit = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("contrib/hadaemon.service").path

    @Test("systemd-analyze verify accepts the unit with this build's binaries in it")
    func verifies() throws {
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let installed = text.replacingOccurrences(of: "/usr/local/bin/hadaemon", with: try BuiltProducts.path("hadaemon"))
        try installed.write(toFile: tmp.path + "/hadaemon.service")
        let analyze = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyze) else { throw TestFailure("\(analyze) is missing: install systemd") }
        let result = SpawnedCommand.run(ProcessLaunch([analyze, "verify", tmp.path + "/hadaemon.service"]), timeout: .seconds(60))
        let complaints = result.text.split(separator: "\n").filter { $0.contains("hadaemon.service") }
        #expect(result.outcome == .exited(0) && complaints.isEmpty, "\(result.text)")
    }

    @Test("Type=notify with a watchdog, after DRBD, and no SIGKILL of a stop still releasing")
    func safeStop() throws {
        let lines = Set(try String(contentsOfFile: Self.unit, encoding: .utf8).split(separator: "\n").map(String.init))
        for line in ["Type=notify", "NotifyAccess=main", "SendSIGKILL=no", "KillMode=process", "TimeoutStopSec=30min", "Restart=on-failure"] {
            #expect(lines.contains(line), "\(line)")
        }
        #expect(lines.contains { $0.hasPrefix("After=") && $0.contains("drbd.service") && $0.contains("network-online.target") })
        #expect(lines.contains { $0.hasPrefix("WatchdogSec=") })
    }
}
