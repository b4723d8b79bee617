import HAFixtures
import Testing

@testable import HAConsole

@Suite struct ShippedProcedureTests {
    @Test(
        "the console issue's four procedures, the rolling migration, manual fencing, the Pacemaker failover and the move to Pacemaker are shipped"
    )
    func theFiveAreShipped() throws {
        _ = try Fixtures.shippedSOPDirectory()  // missing: fail with where it was looked for
        #expect(
            Fake.shippedNames() == [
                "drbd-split-brain.sop", "failover.sop", "heartbeat-split-brain.sop", "manual-fence.sop", "migrate-to-pacemaker.sop",
                "pacemaker-failover.sop",
                "rejoin.sop", "rolling-migration.sop",
            ])
    }

    @Test("the rolling migration replaces the standby first and hands over with one clean stop")
    func rollingMigrationShape() throws {
        let procedure = try Fake.procedure("rolling-migration")
        #expect(
            procedure.steps.map(\.id) == [
                "healthy", "same-config", "stop-heartbeat-secondary", "start-hadaemon-secondary", "hand-over", "primary-out",
                "start-hadaemon-primary", "done",
            ])
        let handOver = try #require(procedure.step("hand-over"))
        #expect(handOver.verificationText.contains("group held by secondary"), "\(handOver.verificationText)")
        #expect(handOver.verificationText.contains("log on secondary shows shutdown-notice primary"))
        let automatic = procedure.steps.filter { $0.action != nil }.map(\.id)
        #expect(automatic == [], "the daemons are stopped and started by the operator's own systemctl")
    }

    @Test("every shipped procedure validates", arguments: Fake.shippedNames())
    func validates(name: String) throws {
        let text = try Fake.procedureText(String(name.dropLast(4)))
        let (output, valid) = SOPCheck.check(text, file: "sop/\(name)")
        #expect(valid, "\(output.joined(separator: "\n"))")
    }

    @Test("the failover follows the seed: healthy, stop primary, takeover proven, site steps, rejoin")
    func failoverShape() throws {
        let procedure = try Fake.procedure("failover")
        #expect(procedure.steps.map(\.id) == ["healthy", "stop-primary", "primary-down", "drbd-primary", "site-specific", "rejoin"])
        let stop = try #require(procedure.step("stop-primary"))
        #expect(stop.action == .shutdown)
        #expect(stop.target == .node(.role("primary")))
        #expect(stop.confirmation?.contains("{node}") == true)
        #expect(procedure.steps.filter(\.isManual).map(\.id) == ["drbd-primary", "site-specific", "rejoin"])
    }

    @Test("the DRBD procedure carries the 8.4 and 9 recovery commands")
    func drbdCommands() throws {
        let procedure = try Fake.procedure("drbd-split-brain")
        let commands = procedure.steps.flatMap(\.commands)
        for command in [
            "drbdadm secondary r0", "drbdadm connect --discard-my-data r0", "drbdadm -- --discard-my-data connect r0",
            "drbdadm connect r0",
        ] {
            #expect(commands.contains(command))
        }
        #expect(procedure.choice == SOPRoleChoice(role: "survivor", otherRole: "victim", question: procedure.choice!.question))
    }
}
