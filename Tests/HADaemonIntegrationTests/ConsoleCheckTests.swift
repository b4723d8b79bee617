import Glibc
import HAFixtures
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `haconsole check`, the real binary, as a monitoring system runs it: on a live pair in network
/// namespaces (healthy, degraded, split brain) and with no daemon. One line, the plugin states
/// as exit statuses.
@Suite(.serialized)
struct ConsoleCheckTests {
    /// `haconsole check` against `node`'s socket and log, with `extra` arguments.
    static func check(_ cluster: NetnsCluster, on node: String, _ extra: [String] = []) throws -> CommandOutput {
        let found = try cluster.node(node)
        return try HostCommand.run([try ConsoleStatusTests.console(), "check", "--socket", found.socketPath, "--log", found.logFile] + extra)
    }

    static func procDRBD(_ sample: String) throws -> [String] {
        ["--proc-drbd", try Fixtures.url("drbd/proc-drbd/\(sample)").path]
    }

    /// Exactly one line (what the plugin guidelines ask for).
    static func line(_ output: CommandOutput) -> String? {
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count == 2 && lines[1].isEmpty ? String(lines[0]) : nil
    }

    @Test("a healthy pair is OK (0); a DRBD resource StandAlone with its peer Unknown makes the same pair WARNING (1)")
    func healthyThenDegraded() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let healthy = try Self.check(cluster, on: "alpha", try Self.procDRBD("8.4-healthy-primary.txt"))
        #expect(healthy.status == .exited(0), "\(healthy.stdout)")
        let line = try #require(Self.line(healthy), "\(healthy.stdout)")
        #expect(line.hasPrefix("HACLUSTER OK - alpha holds 1/1 groups, 1 link up | link_age_ms="), "\(line)")
        #expect(line.contains("ms;250;500;0 deadtime_margin_ms="), "\(line)")
        #expect(line.hasSuffix(" links_up=1;;;0;1 drbd_out_of_sync_kib=0KB;;;0"), "\(line)")

        let degraded = try Self.check(cluster, on: "alpha", try Self.procDRBD("COMPOSED-8.4-splitbrain-both-primary-nodeA.txt"))
        #expect(degraded.status == .exited(1), "\(degraded.stdout)")
        let warning = try #require(Self.line(degraded), "\(degraded.stdout)")
        #expect(warning.hasPrefix("HACLUSTER WARNING - drbd0 may be in split brain"), "\(warning)")
        #expect(warning.hasSuffix(" drbd_out_of_sync_kib=138452KB;;;0"), "\(warning)")
    }

    @Test("a split brain (the link cut, both nodes hold the group) is CRITICAL (2)")
    func splitBrain() async throws {
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        try cluster.cutAll()
        try await cluster.waitUntil("both hold the address", timeout: .seconds(5)) { try cluster.serviceAddressHolders() == ["alpha", "bravo"] }
        for node in ["alpha", "bravo"] {
            let output = try Self.check(cluster, on: node)
            #expect(output.status == .exited(2), "\(output.stdout)")
            let line = try #require(Self.line(output), "\(output.stdout)")
            let peer = node == "alpha" ? "bravo" : "alpha"
            #expect(line.hasPrefix("HACLUSTER CRITICAL - \(peer) is dead"), "\(line)")
            #expect(line.contains("\(node) holds 1/1 groups, 0/1 links up | link_age_ms=U;"), "\(line)")
        }
    }

    @Test("with no daemon listening the state is UNKNOWN (3), naming the socket")
    func unreachable() throws {
        let socket = "/tmp/haconsole-check-\(getpid())-missing.sock"
        let output = try HostCommand.run([try ConsoleStatusTests.console(), "check", "--socket", socket, "--log", "/nonexistent/ha-log"])
        #expect(output.status == .exited(3), "\(output.stdout)")
        let line = try #require(Self.line(output), "\(output.stdout)")
        #expect(line.hasPrefix("HACLUSTER UNKNOWN - hadaemon not reachable at \(socket)"), "\(line)")
        #expect(!line.contains("|"), "\(line)")
    }

    /// A monitoring system reads any status above 3 as "out of bounds"; a plugin's own usage error
    /// is UNKNOWN, on one line. `--help` still prints the help and exits 0.
    @Test("a mistyped option is UNKNOWN (3) on one line, not the argument parser's 64; --help still exits 0")
    func usageErrorIsUnknown() throws {
        let output = try HostCommand.run([try ConsoleStatusTests.console(), "check", "--sokcet", "/run/hadaemon/hadaemon.sock"])
        #expect(output.status == .exited(3), "\(output.status) \(output.stdout) \(output.stderr)")
        let line = try #require(Self.line(output), "\(output.stdout)")
        #expect(line.hasPrefix("HACLUSTER UNKNOWN - "), "\(line)")
        #expect(line.contains("--sokcet"), "\(line)")
        let help = try HostCommand.run([try ConsoleStatusTests.console(), "check", "--help"])
        #expect(help.status == .exited(0))
        #expect(help.stdout.contains("monitoring plugin"), "\(help.stdout)")
    }
}
