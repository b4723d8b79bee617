import HAFixtures
import HAPacemaker
import HAProtocol
import Testing

/// crm_mon's XML, captured from a real Pacemaker 2.1.5 pair (Fixtures/pacemaker/README.md),
/// read into ``PacemakerStatus`` and the console's snapshot.
@Suite struct PacemakerStatusParserTests {
    func status(_ name: String, constraints: String? = nil) throws -> PacemakerStatus {
        let crmMon = try Fixtures.bytes("pacemaker/\(name).xml")
        return try PacemakerStatusParser.parse(crmMon: crmMon, constraints: try constraints.map { try Fixtures.bytes("pacemaker/\($0).xml") })
    }

    func snapshot(_ name: String, constraints: String? = "moved-constraints") throws -> ClusterSnapshot {
        try status(name, constraints: constraints).snapshot(localNode: "alpha", takenAt: 0)
    }

    @Test("a healthy pair: both nodes active, web and the Promoted disk on alpha, at home, no alert")
    func healthy() throws {
        let status = try status("healthy")
        #expect(status.apiVersion == "2.25" && status.designatedController == "bravo" && status.hasQuorum)
        let snapshot = status.snapshot(localNode: "alpha", takenAt: 0)
        #expect(snapshot.nodes.map(\.status) == [.active, .active])
        #expect(snapshot.groups.map(\.key) == ["web", "disk-clone"])
        #expect(snapshot.groups.map(\.holders) == [["alpha"], ["alpha"]])
        #expect(snapshot.groups[0].resources == ["vip (ocf:heartbeat:IPaddr2)", "app (ocf:pacemaker:Dummy)"])
        #expect(snapshot.groups.allSatisfy { $0.state == .running })
        #expect(snapshot.alerts.isEmpty, "\(snapshot.alerts)")
    }

    @Test("the constraints give each group its home; a move left behind is a warning naming the command that clears it")
    func moved() throws {
        let snapshot = try snapshot("moved")
        #expect(snapshot.groups[0].preferredNode == "alpha" && snapshot.groups[0].holders == ["bravo"])
        #expect(snapshot.node("bravo")?.holds == .foreign)
        let alert = try #require(snapshot.alerts.first { $0.kind == .moveConstraint })
        #expect(alert.message == "web is pinned to bravo by cli-prefer-web, left by a move" && alert.group == "web")
        #expect(alert.evidence == ["crm_resource --clear --resource web removes it"])
    }

    @Test("a ban shows from crm_mon's own bans section, even without the constraints")
    func banned() throws {
        let snapshot = try status("banned").snapshot(localNode: "alpha", takenAt: 0)
        #expect(
            snapshot.alerts.contains { $0.kind == .moveConstraint && $0.message == "web is banned from alpha by cli-ban-web-on-alpha, left by a ban" }
        )
    }

    @Test("standby is a notice on the node, and the group runs on the peer")
    func standby() throws {
        let snapshot = try snapshot("standby", constraints: "constraints")
        #expect(snapshot.alerts.map(\.kind) == [.nodeStandby] && snapshot.alerts[0].node == "alpha")
        #expect(snapshot.groups[0].holders == ["bravo"] && snapshot.node("alpha")?.status == .active)
    }

    @Test("a failed start: the resource is a failed group with the reason, a critical alert while it runs nowhere")
    func failedStart() throws {
        let snapshot = try snapshot("failed")
        let broken = try #require(snapshot.groups.first { $0.key == "broken" })
        #expect(broken.state == .failed && broken.holders.isEmpty)
        #expect(broken.lastError == "broken start on bravo: not configured ([findif] failed) at 2026-12-06 06:57:08Z")
        let alert = try #require(snapshot.alerts.first { $0.kind == .resourceFailed })
        #expect(alert.severity == .critical && alert.node == "bravo" && alert.group == "broken")
    }

    @Test("a killed node is dead, not a clean stop; the group and the Promoted disk are on the survivor")
    func killed() throws {
        let snapshot = try status("killed").snapshot(localNode: "bravo", takenAt: 0)
        #expect(snapshot.node("alpha")?.status == .dead && snapshot.node("alpha")?.stoppedCleanly == nil)
        #expect(snapshot.groups.map(\.holders) == [["bravo"], ["bravo"]])
    }

    @Test("maintenance mode is a warning")
    func maintenance() throws {
        #expect(try snapshot("maintenance", constraints: nil).alerts.contains { $0.kind == .maintenance && $0.severity == .warning })
    }

    @Test("another API major version, an error document, or not crm_mon at all is refused with what it was")
    func refused() {
        #expect(throws: PacemakerStatusParser.Failure.self) {
            try PacemakerStatusParser.parse(crmMon: Array(#"<pacemaker-result api-version="3.0"><status code="0"/></pacemaker-result>"#.utf8))
        }
        let error =
            #"<pacemaker-result api-version="2.25"><status code="102" message="Not connected"><errors><error>crm_mon: Connection to cluster failed</error></errors></status></pacemaker-result>"#
        do {
            _ = try PacemakerStatusParser.parse(crmMon: Array(error.utf8))
            Issue.record("an error document was read")
        } catch {
            #expect(error.description == "crm_mon: Not connected")
        }
        #expect(throws: PacemakerStatusParser.Failure.self) { try PacemakerStatusParser.parse(crmMon: Array("Connection to cluster failed\n".utf8)) }
    }
}

/// crm_mon's fencing history (`--fence-history=2`), captured with Pacemaker's `fence_dummy`.
@Suite struct PacemakerFencingHistoryTests {
    @Test("a finished fence is in the snapshot's fencing history with its executor, victim, result and age")
    func fenced() throws {
        let status = try PacemakerStatusParser.parse(crmMon: try Fixtures.bytes("pacemaker/fenced.xml"))
        #expect(
            status.fenceEvents == [.init(action: "reboot", target: "bravo", executor: "alpha", status: "success", completed: "2026-12-06 07:31:41Z")])
        let taken = try #require(CivilDate.utcMilliseconds("2026-12-06T07:31:51Z"))
        let snapshot = status.snapshot(localNode: "alpha", takenAt: taken)
        #expect(
            snapshot.fencing == [FenceRecord(fencer: "alpha", victim: "bravo", device: "Pacemaker (reboot)", result: "OK", duration: 0, age: 10_000)])
        #expect(snapshot.fenceDevice != nil && !snapshot.alerts.contains { $0.kind == .nodeDead })
    }

    @Test("the newest fence of a node failed: a critical alert with Pacemaker's reason; the history keeps both, oldest first")
    func failed() throws {
        let snapshot = try PacemakerStatusParser.parse(crmMon: try Fixtures.bytes("pacemaker/fence-failed.xml")).snapshot(
            localNode: "alpha", takenAt: 0)
        #expect(snapshot.fencing?.map(\.result) == ["OK", "failed"])
        let alert = try #require(snapshot.alerts.first { $0.kind == .nodeDead })
        #expect(alert.severity == .critical && alert.message == "fencing of bravo failed" && alert.node == "bravo")
        #expect(alert.evidence.first?.contains("Fence agent did not complete within 20s") == true)
    }

    @Test("Pacemaker's UTC stamps (a space before the time) and the audit trail's ('T'); anything else is nil")
    func stamps() throws {
        #expect(CivilDate.utcMilliseconds("2026-12-06 07:31:41Z", separator: UInt8(ascii: " ")) == 1_796_542_301_000)
        #expect(CivilDate.utcMilliseconds("2026-12-06T07:31:41Z") == 1_796_542_301_000)
        #expect(CivilDate.utcMilliseconds("2026-12-06 07:31:41Z") == nil, "the audit trail's form has a T")
        for bad in ["2026-12-06 07:31:41", "2026-13-06 07:31:41Z", "2026-12-06 07:61:41Z", "２026-12-06 07:31:41Z", ""] {
            #expect(CivilDate.utcMilliseconds(bad, separator: UInt8(ascii: " ")) == nil, "\(bad)")
        }
        #expect(CivilDate.isoUTC(epochSeconds: 1_796_542_301) == "2026-12-06T07:31:41Z")
    }
}
