import Foundation
import HAHost
import Testing

/// The package's /etc/logrotate.d/hadaemon beside Heartbeat's /etc/logrotate.d/heartbeat: the
/// usual state of a node being migrated (Heartbeat installed, or removed and not purged, keeps its
/// stanza). Both name ha-log and ha-debug; logrotate refuses a duplicate with exit 1, so the daily
/// logrotate.service would fail on every such node.
@Suite struct LogrotateStanzaTests {
    static let stanza = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("packaging/debian/logrotate").path

    /// Debian's heartbeat 1:3.0.6-13 /etc/logrotate.d/heartbeat, as installed.
    static let heartbeatStanza = "/var/log/ha-debug {\n    missingok\n}\n\n/var/log/ha-log {\n    missingok\n}\n"

    @Test("with Heartbeat's stanza present, the real logrotate rotates ha-log by ours and exits 0")
    func besideHeartbeat() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let logs = tmp.path + "/log"
        try FileManager.default.createDirectory(atPath: tmp.path + "/logrotate.d", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        func relocated(_ text: String) -> String { text.replacingOccurrences(of: "/var/log/", with: logs + "/") }
        try relocated(try String(contentsOfFile: Self.stanza, encoding: .utf8)).write(toFile: tmp.path + "/logrotate.d/hadaemon")
        try relocated(Self.heartbeatStanza).write(toFile: tmp.path + "/logrotate.d/heartbeat")
        try "include \(tmp.path)/logrotate.d\n".write(toFile: tmp.path + "/logrotate.conf")
        try "a line\n".write(toFile: logs + "/ha-log")
        let result = SpawnedCommand.run(
            ProcessLaunch(["/usr/sbin/logrotate", "-f", "-s", tmp.path + "/state", tmp.path + "/logrotate.conf"], standardError: .capture),
            timeout: .seconds(30))
        let errors = String(decoding: result.errorOutput, as: UTF8.self)
        #expect(result.outcome == .exited(0), "logrotate: \(errors)")
        #expect(!errors.contains("error"), "\(errors)")
        // Ours rotated it (delaycompress: the first rotation is not compressed yet).
        #expect(FileManager.default.fileExists(atPath: logs + "/ha-log.1"))
    }
}
