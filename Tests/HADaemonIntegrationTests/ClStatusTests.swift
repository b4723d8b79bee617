import Foundation
import HAProtocol
import HATestSupport
import Testing

/// The real `cl_status` and `hb_standby` binaries against a real pair: the words and exit codes
/// Heartbeat users' scripts test, settled, after a standby and after the peer is killed.
@Suite(.serialized)
struct ClStatusTests {
    static let vip = NetnsCluster.serviceAddress

    /// `name` beside the running test binary, where SwiftPM puts every product of the build.
    static func tool(_ name: String) throws -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw HarnessError.missingFile(path, hint: "swift build --build-tests") }
        return path
    }

    /// Runs `tool ARGS` inside `node`'s namespace against its daemon's socket.
    static func run(_ cluster: NetnsCluster, _ node: String, _ tool: String, _ arguments: String...) throws -> CommandOutput {
        let socket = try cluster.node(node).socketPath
        return try cluster.run(in: node, ["/usr/bin/env", "HADAEMON_SOCKET=\(socket)", try Self.tool(tool)] + arguments)
    }

    static func clStatus(_ cluster: NetnsCluster, _ node: String, _ arguments: String...) throws -> (String, HATestSupport.ExitStatus) {
        let socket = try cluster.node(node).socketPath
        let output = try cluster.run(in: node, ["/usr/bin/env", "HADAEMON_SOCKET=\(socket)", try Self.tool("cl_status")] + arguments)
        return (output.stdout, output.status)
    }

    func pair() async throws -> NetnsCluster { try await startedPair() }

    @Test("settled pair: nodes active, links up, each holds its local resources")
    func settledPair() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        #expect(try Self.clStatus(cluster, "alpha", "hbstatus") == ("Heartbeat is running on this machine.\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "alpha", "listnodes") == ("bravo\nalpha\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "alpha", "nodestatus", "bravo") == ("active\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "bravo", "nodestatus", "alpha") == ("active\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "alpha", "rscstatus") == ("local\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "bravo", "rscstatus") == ("local\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "alpha", "listhblinks", "bravo") == ("\thb0\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "alpha", "hblinkstatus", "bravo", "hb0") == ("up\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "alpha", "nodestatus", "charlie") == ("", .exited(11)))
        #expect(try Self.clStatus(cluster, "alpha", "clientid").1 == .exited(11))
    }

    @Test("after the peer is killed: it is dead, its link dead, this node holds all")
    func peerKilled() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over", timeout: .seconds(5)) {
            try cluster.holdsServiceAddress("bravo") && Self.clStatus(cluster, "bravo", "rscstatus").0 == "all\n"
        }
        #expect(try Self.clStatus(cluster, "bravo", "nodestatus", "alpha") == ("dead\n", .exited(1)))
        #expect(try Self.clStatus(cluster, "bravo", "hblinkstatus", "alpha", "hb0") == ("dead\n", .exited(1)))
        #expect(try Self.clStatus(cluster, "bravo", "rscstatus", "-m") == ("This node is holding all resources.\n", .exited(0)))
        #expect(try Self.clStatus(cluster, "alpha", "hbstatus") == ("Heartbeat is stopped on this machine.\n", .exited(1)))
        let refused = try Self.run(cluster, "alpha", "cl_status", "rscstatus")
        #expect(refused.status == .exited(1))
        #expect(refused.stderr.contains("cl_status: ["))
        #expect(refused.stderr.contains("]: ERROR: REASON: hb_api_signon: Can't initiate connection to heartbeat\n"))
    }

    @Test("hb_standby on the holder moves the service address to the peer and returns at once")
    func standbyMovesAddress() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let standby = try Self.run(cluster, "alpha", "hb_standby")
        #expect(standby.status == .exited(0), "\(standby.stderr)")
        #expect(standby.stdout.isEmpty && standby.stderr.hasSuffix(" Going standby [all].\n"), "\(standby)")
        try await cluster.waitUntil("bravo holds the address", timeout: .seconds(8)) { try cluster.serviceAddressHolders() == ["bravo"] }
        try await cluster.waitUntil("rscstatus settles to none / all", timeout: .seconds(5)) {
            try Self.clStatus(cluster, "alpha", "rscstatus").0 == "none\n" && Self.clStatus(cluster, "bravo", "rscstatus").0 == "all\n"
        }
        let usage = try Self.run(cluster, "alpha", "hb_takeover", "everything")
        #expect(usage.status == .exited(1))
        #expect(usage.stdout.hasSuffix(": wrong resources(everything).\nusage:\n"))
    }
}
