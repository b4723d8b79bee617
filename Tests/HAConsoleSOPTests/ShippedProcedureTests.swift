import Testing

@testable import HAConsole

@Suite struct ShippedProcedureTests {
    @Test("the four procedures the console issue asks for are shipped")
    func theFourAreShipped() {
        #expect(Fake.shippedNames() == ["drbd-split-brain.sop", "failover.sop", "heartbeat-split-brain.sop", "rejoin.sop"])
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
