import Foundation
import HAProtocol
import Testing

@testable import HAConsole

/// Runs whose console died: found in the audit trail and resumed under the same run id.
@Suite struct SOPResumeTests {
    /// 2026-11-22T04:50:55Z, the fake clock's start, in seconds.
    static let epochSeconds = Fake.epoch / 1000

    /// A failover run's records up to stop-primary's confirmation, sent (the console died then).
    static func killedAfterConfirmation() throws -> [SOPAuditRecord] {
        var driver = try SOPRunTests.atConfirmation()
        driver.send(.confirm(node: "alpha"))
        return driver.records
    }

    /// A failover run's records with healthy verified and stop-primary shown (not confirmed).
    static func killedAtStopPrimary() throws -> [SOPAuditRecord] {
        var driver = Driver(try Fake.procedure("failover"))
        driver.send(.snapshot(Fake.snapshot()))
        driver.send(.start(SOPRunTests.operatorStart))
        driver.send(.proceed)
        driver.send(.proceed)
        return driver.records
    }

    static func trail(_ records: [SOPAuditRecord]) -> String { records.map(\.jsonLine).joined(separator: "\n") + "\n" }

    @Test("an unfinished run is found with its last verified step; finished and aborted runs are not offered")
    func findsOnlyUnfinished() throws {
        let killed = try Self.killedAtStopPrimary()
        let found = SOPInterruptedRun.find(in: killed, now: Self.epochSeconds + 180, maxAgeSeconds: 3600)
        #expect(found.count == 1)
        let run = try #require(found.first)
        #expect(run.runID == "failover-20261122T045055Z" && run.procedure == "failover" && run.file == "sop/failover.sop")
        #expect(run.lastSettledStep == "healthy" && run.performedActions == [:])
        #expect(run.roles == ["local": "bravo", "primary": "alpha", "secondary": "bravo"])
        #expect(run.user == "alice" && run.ageSeconds == 180 && run.age == "3 min")

        let aborted = try SOPAuditTests.records()
        #expect(SOPInterruptedRun.find(in: aborted, now: Self.epochSeconds + 60, maxAgeSeconds: 3600) == [])
        var finished = killed
        finished.append(SOPAuditRecord(time: "2026-11-22T04:52:00Z", run: run.runID, event: .runFinished, procedure: "failover"))
        #expect(SOPInterruptedRun.find(in: finished, now: Self.epochSeconds + 60, maxAgeSeconds: 3600) == [])
    }

    @Test("a torn last line (the console killed mid-write) is tolerated: the run is still found")
    func tornLine() throws {
        let records = try Self.killedAfterConfirmation()
        var text = Self.trail(records)
        text += String(SOPAuditRecord(time: "2026-11-22T04:51:09Z", run: "x", event: .actionResult, procedure: "failover").jsonLine.prefix(31))
        let parsed = SOPAuditRecord.records(in: text)
        #expect(parsed.badLines == [records.count + 1])
        let run = try #require(SOPInterruptedRun.find(in: parsed.records, now: Self.epochSeconds + 10, maxAgeSeconds: 3600).first)
        #expect(run.performedActions == ["stop-primary": "2026-11-22T04:50:55Z"])
        #expect(run.lastSettledStep == "healthy")
    }

    @Test("a run older than the limit is not offered; inside it, its age is said", arguments: [(3599, true), (3601, false)])
    func age(seconds: Int64, offered: Bool) throws {
        let found = SOPInterruptedRun.find(in: try Self.killedAtStopPrimary(), now: Self.epochSeconds + seconds, maxAgeSeconds: 3600)
        #expect(found.isEmpty == !offered)
        if offered { #expect(found.first?.age == "59 min") }
    }

    @Test("ISO-8601 wall times read as epoch seconds; anything else does not")
    func isoTimes() {
        #expect(SOPInterruptedRun.epochSeconds("2026-11-22T04:50:55Z") == Self.epochSeconds)
        #expect(SOPInterruptedRun.epochSeconds("1970-01-01T00:00:00Z") == 0)
        #expect(SOPInterruptedRun.epochSeconds("2024-02-29T23:59:59Z") == 1_709_251_199)
        for bad in ["", "2026-11-22 04:50:55Z", "2026-13-22T04:50:55Z", "2026-11-22T04:50:55+01", "２026-11-22T04:50:55Z"] {
            #expect(SOPInterruptedRun.epochSeconds(bad) == nil, "\(bad)")
        }
    }

    @Test("resuming re-checks the last verified step on the state now, then goes on at the next step under the same run id")
    func resumeReverifies() throws {
        let interrupted = try #require(
            SOPInterruptedRun.find(in: try Self.killedAtStopPrimary(), now: Self.epochSeconds + 120, maxAgeSeconds: 3600).first)
        var driver = Driver(try Fake.procedure("failover"))
        driver.elapsed = .seconds(120)
        driver.send(.snapshot(Fake.snapshot(local: "alpha")))
        let bob = SOPRunStart(user: "bob", host: "console2", pid: 4242)
        driver.send(.resume(SOPRunResume(interrupted: interrupted, start: bob)))
        #expect(driver.run.runID == interrupted.runID)
        #expect(driver.run.roles?.nodes == ["local": "bravo", "primary": "alpha", "secondary": "bravo"], "the recorded roles, not re-resolved")
        #expect(
            driver.run.state == .passed(step: 0, evidence: driver.run.outcomes[0].flatMap { if case .passed(let e, _) = $0 { e } else { nil } } ?? [])
        )
        let resumed = try #require(driver.records.first)
        #expect(resumed.event == .runResumed && resumed.run == interrupted.runID && resumed.user == "bob" && resumed.pid == 4242)
        #expect(resumed.detail?.contains("after its console (alice on console1) stopped") == true, "\(resumed.detail ?? "")")
        #expect(driver.records[1].event == .verificationPassed && driver.records[1].detail?.hasPrefix("re-verified after resume: ") == true)
        driver.send(.proceed)
        #expect(driver.run.state == .showing(step: 1))
        driver.send(.proceed)
        #expect(driver.run.state == .awaitingConfirmation(step: 1, action: .shutdown, node: "alpha"))
        #expect(driver.records.allSatisfy { $0.run == interrupted.runID })
    }

    @Test("an action confirmed before the console died is verified on resume, never sent again")
    func resumeDoesNotResend() throws {
        let interrupted = try #require(
            SOPInterruptedRun.find(in: try Self.killedAfterConfirmation(), now: Self.epochSeconds + 30, maxAgeSeconds: 3600).first)
        var driver = Driver(try Fake.procedure("failover"))
        driver.send(.snapshot(Fake.snapshot(holders: ["bravo"])))
        let effects = driver.send(.resume(SOPRunResume(interrupted: interrupted, start: SOPRunStart(user: "bob", host: "console2"))))
        #expect(
            effects.contains(
                .refused(
                    "resumed run failover-20261122T045055Z; shutdown of step stop-primary was already sent at 2026-11-22T04:50:55Z: Enter verifies it without sending it again; re-checking step healthy on the state now before going on"
                )))
        // healthy no longer holds as it did (bravo holds the group now): the re-check waits, then fails.
        #expect(driver.run.state == .verifying(step: 0, deadline: driver.at(.seconds(15))))

        var second = Driver(try Fake.procedure("failover"))
        var noneVerified = interrupted
        noneVerified.lastSettledStep = nil
        noneVerified.performedActions = ["healthy": "x", "stop-primary": "2026-11-22T04:50:55Z"]
        second.send(.snapshot(Fake.snapshot()))
        second.send(.resume(SOPRunResume(interrupted: noneVerified, start: SOPRunStart(user: "bob", host: "console2"))))
        #expect(second.run.state == .showing(step: 0))
        second.send(.proceed)
        second.send(.proceed)
        second.send(.proceed)
        #expect(second.run.state == .verifying(step: 1, deadline: second.at(.seconds(120))), "straight to the verification")
        #expect(second.requests == [])
    }

    @Test("a procedure file that changed since the run started is not resumed")
    func changedText() throws {
        var interrupted = try #require(
            SOPInterruptedRun.find(in: try Self.killedAtStopPrimary(), now: Self.epochSeconds, maxAgeSeconds: 3600).first)
        interrupted.digest = String(repeating: "0", count: 64)
        var driver = Driver(try Fake.procedure("failover"))
        driver.send(.snapshot(Fake.snapshot()))
        let effects = driver.send(.resume(SOPRunResume(interrupted: interrupted, start: SOPRunStart(user: "bob", host: "c2"))))
        #expect(driver.run.state == .notStarted && driver.records == [])
        #expect(effects.first.map { if case .refused(let why) = $0 { why.contains("is not the text it ran") } else { false } } == true)
    }

    @Test("the console offers the run once it has cluster data, and Enter resumes it")
    func consoleOffer() throws {
        let interrupted = try #require(
            SOPInterruptedRun.find(in: try Self.killedAtStopPrimary(), now: Self.epochSeconds + 240, maxAgeSeconds: 3600).first)
        var model = ConsoleModelTests.model()
        model.resumeOffer = interrupted
        #expect(model.apply(.tick) == [], "nothing before cluster data")
        ConsoleModelTests.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot())), to: &model)
        #expect(model.apply(.tick) == [.readProcedure("sop/failover.sop"), .redraw])
        _ = model.apply(.procedureText(path: "sop/failover.sop", .success(try Fake.procedureText("failover"))))
        #expect(
            model.session?.notice
                == "Run failover-20261122T045055Z did not finish: its console (alice on console1) stopped 4 min ago. Last verified: step 1/6 healthy. Enter re-checks it on the state now, then goes on with step 2/6 stop-primary. Esc leaves it unfinished; a then y aborts it for good."
        )
        let effects = model.apply(.key(.enter, pageSize: 10))
        let records = effects.compactMap { if case .audit(let record) = $0 { record } else { nil } }
        #expect(records.first?.event == .runResumed && records.first?.user == "oncall")
        #expect(model.session?.run.currentStep == 0 && model.session?.started == true)
    }

    @Test("aborting an offered run ends it in the trail, so that it is not offered again")
    func abortOffer() throws {
        let killed = try Self.killedAtStopPrimary()
        let interrupted = try #require(SOPInterruptedRun.find(in: killed, now: Self.epochSeconds + 60, maxAgeSeconds: 3600).first)
        var model = ConsoleModelTests.model()
        model.resumeOffer = interrupted
        ConsoleModelTests.apply(.feed(0, .connection(.connected)), .feed(0, .snapshot(Fake.snapshot())), to: &model)
        _ = model.apply(.tick)
        _ = model.apply(.procedureText(path: "sop/failover.sop", .success(try Fake.procedureText("failover"))))
        let effects = ConsoleModelTests.apply(.key(.character("a"), pageSize: 10), .key(.character("y"), pageSize: 10), to: &model)
        let aborted = try #require(effects.compactMap { if case .audit(let record) = $0 { record } else { nil } }.first)
        #expect(aborted.event == .runAborted && aborted.run == interrupted.runID)
        #expect(SOPInterruptedRun.find(in: killed + [aborted], now: Self.epochSeconds + 60, maxAgeSeconds: 3600) == [])
        #expect(model.apply(.key(.escape, pageSize: 10)) == [.redraw] && model.session == nil)
    }

    @Test("a console killed but not yet reaped (a zombie) is gone: its run is offered; a live process is not")
    func zombieIsGone() throws {
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("true"), nil]
        defer { arguments.forEach { free($0) } }
        #expect(posix_spawnp(&pid, "true", nil, nil, arguments, environ) == 0)
        var status: Int32 = 0
        // Wait until it has exited without reaping it: WNOWAIT leaves the zombie.
        var info = siginfo_t()
        #expect(waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == 0)
        #expect(!SOPResumeOffer.isRunning(pid), "a zombie runs no console")
        waitpid(pid, &status, 0)
        #expect(SOPResumeOffer.isRunning(getppid()), "the test's parent runs")
        #expect(!SOPResumeOffer.isRunning(getpid()), "this console itself is not another one")
    }

    @Test("only the trail's end is read at start, from its first whole line")
    func trailTail() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trail-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "first line\nsecond line\nthird\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SOPFiles.readTail(path, maxBytes: 14) == "third\n", "the cut end of the second line is dropped")
        #expect(try SOPFiles.readTail(path, maxBytes: 1000) == "first line\nsecond line\nthird\n")
        #expect(throws: SOPFileError.self) { try SOPFiles.readTail(path + ".missing", maxBytes: 10) }
    }
}
