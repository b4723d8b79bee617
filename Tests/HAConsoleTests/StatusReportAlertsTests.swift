import HAProtocol
import Testing

@testable import HAConsole

/// `haconsole status` exits and prints by the alerts the screen shows: the daemon's snapshot
/// alone does not say a peer is dead (only the console's derivation does).
@Suite struct StatusReportAlertsTests {
    static func report(_ snapshot: ClusterSnapshot?, reachable: Bool = true, log: [String] = []) -> StatusReport {
        StatusReport(
            daemon: .init(socket: "/run/hadaemon/hadaemon.sock", reachable: reachable), snapshot: snapshot,
            drbd: .init(source: "/proc/drbd", error: nil, local: nil, nodes: [:]), log: .init(path: "/var/log/ha-log", error: nil, lines: log))
    }

    static func deadBravo(stoppedCleanly: Bool? = nil) -> ClusterSnapshot {
        var bravo = Pair.node("bravo", status: .dead, heard: 4_000, links: [.dead, .dead])
        bravo.stoppedCleanly = stoppedCleanly
        return Pair.snapshot(nodes: [Pair.node("alpha", heard: nil, holds: .all), bravo])
    }

    @Test("a dead peer in a daemon's snapshot (which carries no alert for it) is critical: status prints it and exits 2")
    func deadPeer() {
        let report = Self.report(Self.deadBravo())
        #expect(report.exitCode == 2)
        #expect(report.text.contains("  CRITICAL: bravo is dead"), "\(report.text)")
    }

    @Test("status's alerts are the screen's: the same derivation over the same facts")
    func sameAsScreen() {
        let snapshot = Self.deadBravo()
        let screen = ConsoleAlerts.derive(from: Pair.state(snapshot))
        #expect(Self.report(snapshot).alerts == screen)
        #expect(!screen.isEmpty)
    }

    @Test("a peer that stopped cleanly is a notice, not a dead-node alert: status exits 0 and says so")
    func cleanStop() {
        let report = Self.report(Self.deadBravo(stoppedCleanly: true))
        #expect(report.exitCode == 0, "\(report.text)")
        #expect(!report.text.contains("CRITICAL"), "\(report.text)")
        #expect(report.text.contains("  INFO: bravo stopped cleanly (shutdown requested)"), "\(report.text)")
        #expect(report.alerts.allSatisfy { $0.severity == .info }, "\(report.alerts)")
    }

    @Test("the healthy pair has no alert and exits 0; an unreachable daemon exits 1")
    func healthyAndUnreachable() {
        #expect(Self.report(Pair.snapshot()).exitCode == 0)
        #expect(Self.report(Pair.snapshot()).alerts.isEmpty)
        #expect(Self.report(nil, reachable: false).exitCode == 1)
    }

    @Test("on a Heartbeat node, whose cl_status cannot tell a stop from a crash, the log's shutdown notice makes the dead peer a notice")
    func cleanStopFromHeartbeatLog() {
        let notice = "Nov 22 03:04:51 alpha heartbeat: [25506]: info: Received shutdown notice from 'bravo'."
        let dead = "Nov 22 03:04:52 alpha heartbeat: [25506]: WARN: node bravo: is dead"
        var report = Self.report(ConsoleAlerts.withClStatusAlerts(Self.deadBravo()), log: [notice, dead])
        report.daemon.socket = "cl_status on this host"
        #expect(report.exitCode == 0, "\(report.text)")
        #expect(report.text.contains("  INFO: bravo stopped cleanly (shutdown requested)"), "\(report.text)")
        var crashed = Self.report(ConsoleAlerts.withClStatusAlerts(Self.deadBravo()), log: [dead])
        crashed.daemon.socket = "cl_status on this host"
        #expect(crashed.exitCode == 2, "\(crashed.text)")
    }
}
