import Foundation
import HAProtocol
import Testing

@testable import HAConsole

@Suite struct StatusReportFencingTests {
    static func report(_ snapshot: ClusterSnapshot, socket: String = "/run/hadaemon/hadaemon.sock") -> StatusReport {
        StatusReport(
            daemon: .init(socket: socket, reachable: true), snapshot: snapshot,
            drbd: .init(source: "/proc/drbd", error: nil, local: nil, nodes: [:]), log: .init(path: "/var/log/ha-log", error: nil, lines: []))
    }

    static func fencingLines(_ report: StatusReport) -> [String] {
        report.text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  fenc") }
    }

    @Test("status text says 'fencing: none configured' without a device")
    func textWithoutDevice() {
        #expect(Self.fencingLines(Self.report(FencingPair.snapshot(device: nil))) == ["  fencing: none configured"])
    }

    @Test("status text names the device, the reset in progress and the last results newest first, in the panel's words")
    func textWhileFailing() {
        #expect(
            Self.fencingLines(Self.report(FencingPair.failing())) == [
                "  fencing: alpha fences with external/ssh",
                "  fencing now: resetting bravo: attempt 3 in 4.0s, failed 2x, dead 12s, with external/ssh; last: \(FencingPair.noRoute)",
                "  fenced bravo with external/ssh: FAILED in 2.0s, 1.0s ago (by alpha): \(FencingPair.noRoute)",
                "  fenced bravo with external/ssh: FAILED in 2.0s, 6.0s ago (by alpha): \(FencingPair.noRoute)",
            ])
        let text = Self.report(FencingPair.failing()).text
        #expect(text.contains("  CRITICAL: fencing bravo is failing"))
    }

    @Test("status text of a cl_status snapshot says nothing about fencing")
    func textFromHeartbeat() {
        #expect(Self.fencingLines(Self.report(FencingPair.snapshot(device: nil), socket: "cl_status on this host")).isEmpty)
    }

    @Test("status --json carries the device, the reset in progress and the history, and reads back")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Self.report(FencingPair.failing()))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""fenceDevice":"external\/ssh""#))
        #expect(text.contains(#""fencesInProgress":[{"age":12000,"device":"external\/ssh","failures":2,"#))
        #expect(text.contains(#""nextAttemptIn":4000,"phase":"retrying","victim":"bravo"}]"#))
        let back = try JSONDecoder().decode(StatusReport.self, from: data)
        #expect(back.snapshot?.fencesInProgress == FencingPair.failing().fencesInProgress)
        #expect(back.snapshot?.fencing == FencingPair.failing().fencing)
    }
}
