import Foundation
import HAProtocol
import Testing

@testable import HAConsole

@Suite struct SOPAuditTests {
    /// A short failover: healthy, stop the primary, takeover proven; then aborted at primary-down.
    static func records() throws -> [SOPAuditRecord] {
        var driver = try SOPRunTests.atConfirmation()
        driver.elapsed += .seconds(4)
        driver.send(.confirm(node: "alpha"))
        driver.elapsed += .milliseconds(350)
        driver.send(.response(ControlResponse(id: 100, message: "shutdown started")))
        driver.elapsed += .seconds(2)
        driver.send(.snapshot(Fake.snapshot(holders: ["bravo"], since: Fake.epoch + 7_000)))
        driver.elapsed += .milliseconds(650)
        driver.send(.log(node: "bravo", entries: Fake.log("bravo", "mach_down takeover complete.")))
        driver.elapsed += .seconds(5)
        driver.send(.proceed)
        driver.send(.abort(reason: "paged | handing over"))
        return driver.records
    }

    @Test("records are in the order things happened and carry who, where and which text")
    func recordOrder() throws {
        let records = try Self.records()
        #expect(
            records.map(\.event) == [
                .runStarted, .stepShown, .verificationPassed, .stepShown, .confirmationGiven, .actionResult, .verificationPassed,
                .stepShown, .runAborted,
            ])
        let start = records[0]
        #expect(start.user == "alice" && start.host == "console1" && start.file == "sop/failover.sop")
        #expect(start.digest == SOPDigest.sha256(try Fake.procedureText("failover")))
        #expect(records[6].durationMs == 2_650)
    }

    @Test("a record is one sorted JSON line and reads back")
    func jsonLine() throws {
        var record = SOPAuditRecord(
            time: "2026-11-22T04:51:02Z", run: "failover-1", event: .verificationPassed, procedure: "failover", step: "stop-primary")
        record.evidence = ["bravo holds IPaddr2::192.0.2.100/24/hb0 since 04:51:02"]
        record.durationMs = 2_650
        #expect(
            record.jsonLine
                == #"{"durationMs":2650,"event":"verification_passed","evidence":["bravo holds IPaddr2::192.0.2.100/24/hb0 since 04:51:02"],"procedure":"failover","run":"failover-1","step":"stop-primary","time":"2026-11-22T04:51:02Z"}"#
        )
        #expect(try SOPAuditRecord(jsonLine: record.jsonLine) == record)
    }

    @Test("the writer appends one line per record and the reader gets them back")
    func writerAppends() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sop-audit-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try Self.records()
        let writer = SOPAuditWriter(path: path)
        try writer.append(Array(records.prefix(3)))
        try writer.append(Array(records.dropFirst(3)))
        let text = try SOPFiles.read(path)
        #expect(text.split(separator: "\n").count == records.count)
        #expect(SOPAuditRecord.records(in: text + "not json\n").records == records)
        #expect(SOPAuditRecord.records(in: text + "not json\n").badLines == [records.count + 1])
        #expect(throws: SOPFileError.self) { try SOPAuditWriter(path: "/nonexistent-dir/x.jsonl").append(records) }
    }

    @Test("a run prints as a Markdown incident timeline")
    func timeline() throws {
        let markdown = try #require(SOPTimeline.markdown(try Self.records()))
        let vip = "IPaddr2::192.0.2.100/24/hb0"
        let digest = SOPDigest.sha256(try Fake.procedureText("failover")).prefix(12)
        #expect(
            markdown == """
                # SOP run failover-20261122T045055Z: failover

                - Operator: alice on console1
                - Procedure: failover (`sop/failover.sop`, sha256 \(digest))
                - Roles: local = bravo, primary = alpha, secondary = bravo
                - Started: 2026-11-22T04:50:55Z
                - Ended: 2026-11-22T04:51:07Z after 12 s, aborted

                | time (UTC) | step | what happened | evidence | duration |
                |---|---|---|---|---|
                | 04:50:55 |  | run started by alice on console1: Fail over from the primary to the secondary (local = bravo, primary = alpha, secondary = bravo) |  |  |
                | 04:50:55 | healthy | shown: Both nodes are up and agree (runs on any node) |  |  |
                | 04:50:55 | healthy | verified: node primary is active and node secondary is active and group held by primary and no alert split_brain and no alert config_mismatch | alpha is active; bravo is active; alpha holds \(vip) since 04:50:55; no split_brain alert; no config_mismatch alert | 0 ms |
                | 04:50:55 | stop-primary | shown: Stop the daemon on the primary (runs on alpha) |  |  |
                | 04:50:59 | stop-primary | operator confirmed shutdown on alpha |  |  |
                | 04:50:59 | stop-primary | shutdown on alpha: shutdown started |  | 350 ms |
                | 04:51:02 | stop-primary | verified: group held by secondary and log on secondary shows takeover-complete and no alert split_brain | bravo holds \(vip) since 04:51:02; log on bravo at 04:51:02: "mach_down takeover complete."; no split_brain alert | 2.6 s |
                | 04:51:07 | primary-down | shown: The old primary is out of the cluster (runs on bravo) |  |  |
                | 04:51:07 | primary-down | aborted by the operator: paged \\| handing over |  | 12 s |

                """)
    }

    @Test("durations read as an operator says them")
    func durations() {
        #expect(
            [850, 4_200, 60_000, 125_000, 3_725_000].map { SOPTimeline.duration($0) } == [
                "850 ms", "4.2 s", "1 min 00 s", "2 min 05 s", "1 h 02 min",
            ])
    }
}
