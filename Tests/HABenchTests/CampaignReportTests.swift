import Foundation
import HATestSupport
import Testing

@testable import HABench

/// The printed report, the log follower and the small parsers the campaign reads the system with.
@Suite struct CampaignReportTests {
    static func record(_ step: Int, _ kind: FaultKind, noHolder: Int, two: Int = 0, failures: [AuditFailure] = []) -> StepRecord {
        let observation = CampaignAuditTests.step(spans: [
            CampaignAuditTests.span([], 0, noHolder),
            CampaignAuditTests.span(two > 0 ? ["alpha", "bravo"] : ["alpha"], noHolder, noHolder + max(two, 1)),
            CampaignAuditTests.span(["alpha"], noHolder + max(two, 1), 3000),
        ])
        return StepRecord(
            step: step, plan: FaultPlan(kind: kind, target: .holder, phaseMS: 0, holdMS: 1000), target: "alpha", observation: observation,
            failures: failures)
    }

    @Test("the table has one row per kind that ran, with longest and median outage and failed steps")
    func table() {
        let stale = AuditFailure(audit: .stale, node: "alpha", detail: "alpha carries the address with no daemon running")
        let records = [
            Self.record(1, .kill, noHolder: 900), Self.record(2, .kill, noHolder: 1100, failures: [stale]), Self.record(3, .kill, noHolder: 1000),
            Self.record(4, .standby, noHolder: 10, two: 40),
        ]
        let lines = CampaignReport.table(records).split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[2] == "| kill | 3 | 1100 | 1000 | 0 | 0 | 1 | stale ×1 |")
        #expect(lines[3] == "| standby | 1 | 10 | 10 | 40 | 0 | 0 | – |")
        #expect(lines[4].hasPrefix("| **all** | 4 | 1100 | 950 | 40 | 0 | 1 |"))
        #expect(CampaignReport.median([3, 1, 2]) == 2)
        #expect(CampaignReport.median([]) == 0)
    }

    @Test("a step's line names the fault, its figures and every failed audit")
    func line() {
        let failure = AuditFailure(audit: .storm, node: "alpha", detail: "5000 datagrams/s into alpha once settled (bound 100)")
        let line = CampaignReport.line(Self.record(7, .stall, noHolder: 0, failures: [failure]))
        #expect(line.hasPrefix("   7 stall alpha(holder) hold=1.00s | settled +0.50 s | no holder 0 ms"))
        #expect(line.hasSuffix("FAIL storm: 5000 datagrams/s into alpha once settled (bound 100)"))
    }

    @Test("the log follower reads whole lines, flags torn and unterminated ones, and notices a shrink")
    func logFollower() throws {
        let path = NSTemporaryDirectory() + "campaign-log-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        let good = "Nov 22 03:04:51 alpha heartbeat: [25506]: info: Running /x/IPaddr2 192.0.2.100/24/hb0 start\n"
        try "".write(toFile: path, atomically: false, encoding: .utf8)
        var follower = LogFollower(path: path, checksLayout: true, recheckDelay: .zero)
        try (good + good).write(toFile: path, atomically: false, encoding: .utf8)
        var check = follower.read(diskWasFull: false, address: "192.0.2.100")
        #expect(check.lines == 2 && check.addressLines == 2 && check.tornLines.isEmpty && !check.unterminated)

        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("Nov 22 03:04:52 alpha heartbeat: [255".utf8))
        check = follower.read(diskWasFull: true, address: "192.0.2.100")
        #expect(check.unterminated && check.lines == 0)
        handle.write(Data(good.utf8))
        check = follower.read(diskWasFull: false, address: "192.0.2.100")
        #expect(check.tornLines.count == 1 && !check.unterminated, "the rest glued to the next line is in no layout")
        handle.closeFile()

        try good.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(follower.read(diskWasFull: false, address: "192.0.2.100").shrank)
    }

    @Test("InDatagrams is read from /proc/net/snmp by its column name")
    func snmp() {
        let text = """
            Ip: Forwarding DefaultTTL
            Ip: 2 64
            Udp: InDatagrams NoPorts InErrors OutDatagrams
            Udp: 1234 0 0 987
            UdpLite: InDatagrams NoPorts
            UdpLite: 0 0
            """
        #expect(NetnsCluster.udpInDatagrams(snmp: text) == 1234)
        #expect(NetnsCluster.udpInDatagrams(snmp: "Udp: InDatagrams\n") == nil)
    }

    @Test("a captured IPv4 packet yields its UDP payload only from the right source to the right port")
    func udpPayload() {
        let payload: [UInt8] = Array("###\nx\n%%%\n".utf8)
        let udpLength = 8 + payload.count
        let total = 20 + udpLength
        var packet: [UInt8] = [0x45, 0, UInt8(total >> 8), UInt8(total & 0xff), 0, 0, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 12, 192, 0, 2, 11]
        packet += [0x12, 0x34, 0x02, 0xb6, UInt8(udpLength >> 8), UInt8(udpLength & 0xff), 0, 0] + payload
        #expect(PacketCapture.udpPayload(packet[...], source: [192, 0, 2, 12], port: 694) == payload)
        #expect(PacketCapture.udpPayload(packet[...], source: [192, 0, 2, 11], port: 694) == nil)
        #expect(PacketCapture.udpPayload(packet[...], source: [192, 0, 2, 12], port: 695) == nil)
        #expect(PacketCapture.udpPayload(packet.prefix(30), source: [192, 0, 2, 12], port: 694) == nil, "truncated")
    }
}
