import Foundation
import HATestSupport
import Testing

/// `habench campaign`, the built benchmark (beside the test's hadaemon), run for real: 30
/// random steps on a hadaemon pair with 200 ms / 1 s timers and a fixed seed, every audit
/// applied after every step. Fails on any audit failure, printing the steps that failed, the
/// table and the replay command.
@Suite(.serialized)
struct FaultCampaignTests {
    /// Fixed, so CI replays the same 30 faults; `habench campaign --list --seed 0x11f` shows them; it draws every kind.
    static let seed = "0x11f"

    @Test("30 random faults on a pair: every step passes every audit once settled")
    func thirtySteps() throws {
        try NetnsCluster.requireRoot()
        let habench = try NetnsCluster.builtDaemon().executable.replacingOccurrences(of: "/hadaemon", with: "/habench")
        let json = NSTemporaryDirectory() + "habench-campaign-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json"
        defer { try? FileManager.default.removeItem(atPath: json) }
        let run = try HostCommand.run(
            [habench, "campaign", "--steps", "30", "--seed", Self.seed, "--keepalive", "200ms", "--json", json], timeout: .seconds(420))
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let failed = lines.filter { $0.contains("| FAIL ") || $0.contains("NOT settled") }
        let report = lines.drop { !$0.hasPrefix("## Fault campaign") }.joined(separator: "\n")
        #expect(run.succeeded, "habench campaign \(run.status)\n\(failed.joined(separator: "\n"))\n\(report)\n\(run.stderr.suffix(2000))")
        #expect(lines.contains { $0.hasPrefix("| **all** | 30 |") }, "no table with 30 steps:\n\(run.stdout.suffix(4000))")
        #expect(lines.contains { $0.hasPrefix("Seed: \(Self.seed). Replay: `habench campaign --steps 30 --seed \(Self.seed)") })
        #expect(FileManager.default.fileExists(atPath: json))
    }
}
