import Foundation
import Glibc
import HAFixtures
import HAHost
import HAProtocol
import Testing

@testable import HATestSupport

/// `haconsole status [--json]`, the real binary, as a script or a monitoring check runs it: with
/// no daemon listening, against a live daemon (the demo's two nodes on loopback), and with each
/// DRBD source (`--proc-drbd`, `--drbdsetup`, neither). The samples are the shared
/// fixtures' (`Tests/HAFixtures/Fixtures/drbd/`).
@Suite(.serialized)
struct ConsoleStatusTests {
    /// One DRBD source and what `drbd.local` must say about its first resource.
    struct DRBDCase: Sendable, CustomTestStringConvertible {
        enum Option: Sendable { case procDRBD, drbdsetup }
        var option: Option
        var fixture: String
        var resource: String
        var role: String
        var connection: String
        var peerRole: String
        var disk: String
        var peerDisk: String?

        var testDescription: String { "\(option == .procDRBD ? "--proc-drbd" : "--drbdsetup") \(fixture)" }
    }

    /// /proc/drbd has no resource names: a resource is called by its minor (`drbd0`).
    static let drbdCases: [DRBDCase] = [
        DRBDCase(
            option: .procDRBD, fixture: "proc-drbd/8.4-healthy-primary.txt", resource: "drbd0", role: "Primary", connection: "Connected",
            peerRole: "Secondary", disk: "UpToDate", peerDisk: "UpToDate"),
        DRBDCase(
            option: .procDRBD, fixture: "proc-drbd/8.4-splitbrain-nodeB-standalone-primary.txt", resource: "drbd0", role: "Primary",
            connection: "StandAlone", peerRole: "Unknown", disk: "UpToDate", peerDisk: "DUnknown"),
        DRBDCase(
            option: .drbdsetup, fixture: "status-text/8.4-ug84-drbdsetup-status-verbose-statistics.txt", resource: "home", role: "Secondary",
            connection: "Connected", peerRole: "Secondary", disk: "UpToDate", peerDisk: "UpToDate"),
        DRBDCase(
            option: .drbdsetup, fixture: "status-text/9-pacemaker-cfs-drbdadm-status-connecting.txt", resource: "wwwdata", role: "Secondary",
            connection: "Connecting", peerRole: "Unknown", disk: "Inconsistent", peerDisk: nil),
    ]

    @Test("with no daemon listening, --json says unreachable, names the socket, exits 1, and still reports DRBD and the log")
    func daemonDown() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for socket in [scratch.path + "/missing.sock", try scratch.staleSocket()] {
            let run = try StatusRun(["--socket", socket, "--log", scratch.log, "--proc-drbd", try Self.fixture("proc-drbd/8.4-healthy-primary.txt")])
            let report = try run.report()
            #expect(run.output.status == .exited(1), "\(run.output.stderr)")
            #expect(report.daemon.socket == socket)
            #expect(!report.daemon.reachable)
            #expect(report.daemon.error?.contains(socket) == true, "\(report.daemon.error ?? "no error")")
            #expect(report.snapshot == nil)
            #expect(report.drbd.local?.resources.first?.role.spelling == "Primary")
            #expect(report.log.error == nil)
            #expect(report.log.lines == Array(Scratch.logLines.suffix(10)))
        }
    }

    @Test("without --json the text says the daemon is not reachable at its socket, then DRBD and the log")
    func daemonDownText() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let socket = scratch.path + "/missing.sock"
        let output = try HostCommand.run([
            try Self.console(), "status", "--socket", socket, "--log", scratch.log, "--proc-drbd",
            try Self.fixture("proc-drbd/8.4-healthy-primary.txt"),
        ])
        #expect(output.status == .exited(1))
        #expect(output.stdout.hasPrefix("hadaemon: not reachable at \(socket)"), "\(output.stdout)")
        #expect(output.stdout.contains("drbd drbd0: Primary, disk UpToDate, peer Connected Secondary"), "\(output.stdout)")
        #expect(output.stdout.contains("  | \(Scratch.logLines.last!)"), "\(output.stdout)")
    }

    @Test("with the demo's daemons up, --json on alpha's socket gives a snapshot of two active nodes, the group on alpha, and exits 0")
    func daemonUp() async throws {
        let demo = try DemoProcess(console: try Self.console(), port: 30000 + Int(getpid() % 5000))
        defer { demo.stop() }
        let alpha = try await demo.node("alpha")
        var run = try StatusRun(["--socket", alpha.socket, "--log", alpha.log, "--drbdsetup", alpha.drbdsetup])
        let deadline = SystemClock.now() + .seconds(20)
        while !(try Self.settled(run.report())), SystemClock.now() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            run = try StatusRun(["--socket", alpha.socket, "--log", alpha.log, "--drbdsetup", alpha.drbdsetup])
        }
        let report = try run.report()
        #expect(run.output.status == .exited(0), "\(run.output.stdout)")
        #expect(report.daemon.reachable)
        #expect(report.daemon.error == nil)
        let snapshot = try #require(report.snapshot)
        #expect(snapshot.localNode == "alpha")
        #expect(snapshot.nodes.map(\.name).sorted() == ["alpha", "bravo"])
        #expect(snapshot.nodes.allSatisfy { $0.status == .active }, "\(snapshot.nodes.map { "\($0.name) \($0.status)" })")
        #expect(snapshot.groups.map(\.key) == ["demo-service"])
        #expect(snapshot.holders(ofGroup: "demo-service") == ["alpha"])
        #expect(snapshot.groups.first?.state == .running)
        #expect(report.drbd.local?.resources.first?.role.spelling == "Primary")
        #expect(report.log.error == nil)
        #expect(!report.log.lines.isEmpty)
        demo.stop()
        #expect(demo.daemonsGone(), "the demo's hadaemon processes outlived it")
    }

    @Test("each DRBD source is read and parsed into drbd.local: roles, connection and disk states", arguments: drbdCases)
    func drbdSource(_ sample: DRBDCase) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let fixture = try Self.fixture(sample.fixture)
        let source: [String]
        switch sample.option {
        case .procDRBD: source = ["--proc-drbd", fixture]
        case .drbdsetup: source = ["--drbdsetup", try scratch.drbdsetup(printing: fixture)]
        }
        let run = try StatusRun(["--socket", scratch.path + "/missing.sock", "--log", scratch.log] + source)
        let report = try run.report()
        #expect(run.output.status == .exited(1))
        #expect(report.drbd.error == nil)
        #expect(report.drbd.source == (sample.option == .procDRBD ? fixture : "\(source[1]) status"))
        let resource = try #require(report.drbd.local?.resources.first, "\(run.output.stdout)")
        #expect(resource.name == sample.resource)
        #expect(resource.role.spelling == sample.role)
        #expect(resource.devices.first?.disk.spelling == sample.disk)
        let peer = try #require(resource.connections.first)
        #expect(peer.state.spelling == sample.connection)
        #expect(peer.peerRole.spelling == sample.peerRole)
        #expect(peer.peerDevices.first?.peerDisk.spelling == sample.peerDisk)
    }

    @Test("with neither --proc-drbd nor --drbdsetup the console looks for DRBD itself; without it the source is 'no DRBD'")
    func noDRBD() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let run = try StatusRun(["--socket", scratch.path + "/missing.sock", "--log", scratch.log])
        let report = try run.report()
        #expect(run.output.status == .exited(1))
        #expect(report.drbd.nodes.isEmpty)
        // A host with DRBD is read as it is; the test asserts which default was chosen either way.
        guard !Self.hostHasDRBD else {
            #expect(report.drbd.source != "no DRBD")
            return
        }
        #expect(report.drbd.source.hasPrefix("no DRBD"))
        #expect(report.drbd.local == nil)
        #expect(report.drbd.error == nil)
    }

    /// True when the default source search would find DRBD here (as `DRBDSource.choose` looks).
    static let hostHasDRBD =
        access("/proc/drbd", R_OK) == 0 || ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].contains { access($0 + "/drbdsetup", X_OK) == 0 }

    /// The haconsole built beside the test binary.
    static func console() throws -> String {
        try NetnsCluster.builtDaemon().executable.replacingOccurrences(of: "/hadaemon", with: "/haconsole")
    }

    static func fixture(_ name: String) throws -> String {
        try Fixtures.url("drbd/\(name)").path
    }

    /// Both demo nodes active and the group running on alpha alone.
    static func settled(_ report: StatusReport) -> Bool {
        guard let snapshot = report.snapshot else { return false }
        return snapshot.nodes.count == 2 && snapshot.nodes.allSatisfy { $0.status == .active }
            && snapshot.holders(ofGroup: "demo-service") == ["alpha"] && snapshot.groups.first?.state == .running
    }
}
