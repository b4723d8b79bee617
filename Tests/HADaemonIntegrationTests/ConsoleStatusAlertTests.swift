import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `haconsole status` on the survivor of a real pair in network namespaces, as a monitoring
/// check runs it: its exit and its alert lines follow the alerts the screen shows.
@Suite(.serialized)
struct ConsoleStatusAlertTests {
    /// `haconsole status` (text) against `node`'s socket and log.
    static func status(_ cluster: NetnsCluster, on node: String) throws -> CommandOutput {
        let found = try cluster.node(node)
        return try HostCommand.run([try ConsoleStatusTests.console(), "status", "--socket", found.socketPath, "--log", found.logFile])
    }

    @Test("SIGKILL of the peer: status on the survivor exits 2 and prints that the peer is dead")
    func killedPeer() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        try cluster.kill("bravo")
        try await cluster.waitUntil("alpha declares bravo dead", timeout: .seconds(5)) {
            snapshot(cluster, "alpha")?.node("bravo")?.status == .dead
        }
        let output = try Self.status(cluster, on: "alpha")
        #expect(output.status == .exited(2), "\(output.stdout)")
        #expect(output.stdout.contains("  CRITICAL: bravo is dead"), "\(output.stdout)")
    }

    @Test("a clean stop of the peer is a notice: status on the survivor exits 0 and says the peer stopped cleanly")
    func stoppedPeer() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        try await cluster.stop("bravo")
        try await cluster.waitUntil("alpha declares bravo dead after its deadtime", timeout: .seconds(5)) {
            snapshot(cluster, "alpha")?.node("bravo")?.status == .dead
        }
        let output = try Self.status(cluster, on: "alpha")
        #expect(output.status == .exited(0), "\(output.stdout)")
        #expect(!output.stdout.contains("CRITICAL"), "\(output.stdout)")
        #expect(output.stdout.contains("  INFO: bravo stopped cleanly (shutdown requested)"), "\(output.stdout)")
    }

    @Test("a peer that never joined is dead after initdead: status on the lone node exits 2")
    func neverJoined() async throws {
        let cluster = try NetnsCluster(ClusterSpec(nodes: ["alpha", "bravo"]))
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha declares bravo dead after initdead", timeout: .seconds(5)) {
            snapshot(cluster, "alpha")?.node("bravo")?.status == .dead
        }
        let output = try Self.status(cluster, on: "alpha")
        #expect(output.status == .exited(2), "\(output.stdout)")
        #expect(output.stdout.contains("  CRITICAL: bravo is dead"), "\(output.stdout)")
    }
}
