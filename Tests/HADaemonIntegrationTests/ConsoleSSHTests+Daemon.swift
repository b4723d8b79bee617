import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

@testable import HAConsole

/// A settled hadaemon pair in network namespaces, a real sshd on 127.0.0.1 that reaches this
/// host (where the nodes' control sockets are files), and a short private runtime directory for
/// ssh's shared connections (its sockets must fit a Unix socket address). ``close()`` ends the
/// shared connection, the server and the cluster, and removes the directory.
final class SSHReachedPair {
    let cluster: NetnsCluster
    let server: SSHServer
    let runtime: String

    init() async throws {
        // With a daemon at the default socket, the console would follow it, not the far node.
        try #require(access(SourceOptions.defaultSocket, F_OK) != 0, "a daemon runs on this test host")
        cluster = try NetnsCluster(ClusterSpec(nodes: ["alpha", "bravo"]))
        do {
            try cluster.start("alpha")
            try cluster.start("bravo")
            let cluster = cluster
            try await cluster.waitUntil("alpha holds the address, the pair is settled", timeout: .seconds(8)) {
                try cluster.serviceAddressHolders() == ["alpha"] && cluster.isSettled()
            }
            server = try SSHServer()
        } catch {
            cluster.shutdown()
            throw error
        }
        runtime = "/tmp/hac-\(getpid())-\(UInt16.random(in: 0...UInt16.max))"
        try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The words that reach `node`'s daemon: ssh to this host, then the node's socket and the
    /// built `hadaemon` for `hadaemon bridge` (on a real node: the default socket and the
    /// installed binary, so just `ssh root@alpha`).
    func via(_ node: String) throws -> [String] {
        let binaries = URL(fileURLWithPath: try NetnsCluster.builtProduct("hadaemon")).deletingLastPathComponent().path
        return server.clientWords() + ["env", "HADAEMON_SOCKET=\(try cluster.node(node).socketPath)", "PATH=\(binaries):/usr/bin:/bin"]
    }

    func close() {
        _ = try? HostCommand.run(["ssh", "-o", "ControlPath=\(runtime)/haconsole/ssh-%C", "-O", "exit"] + server.clientWords().dropFirst())
        server.shutdown()
        cluster.shutdown()
        try? FileManager.default.removeItem(atPath: runtime)
    }
}

extension ConsoleSSHTests {
    @Test("--daemon-via 'ssh …': a hadaemon node read and acted on through hadaemon bridge, as root on the far side")
    func daemonThroughSSH() async throws {
        let pair = try await SSHReachedPair()
        defer { pair.close() }
        let (cluster, runtime) = (pair.cluster, pair.runtime)
        let via = try pair.via("alpha")

        // haconsole status, on a machine with no daemon of its own (nothing at the default
        // socket): alpha's snapshot, relayed.
        let console = try NetnsCluster.builtProduct("haconsole")
        let status = try HostCommand.run(
            [
                "/usr/bin/env", "XDG_RUNTIME_DIR=\(runtime)", console, "status", "--json", "--daemon-via",
                via.joined(separator: " "),
            ], timeout: .seconds(30))
        #expect(status.succeeded && status.stdout.contains("\"localNode\" : \"alpha\""), "\(status)")
        #expect(status.stdout.contains("\"socket\" : \"hadaemon bridge via ssh "), "\(status)")

        // An SOP action through the bridge: alpha's daemon takes it as root's, the address moves.
        let feed = DaemonFeed(path: SourceOptions.defaultSocket, via: via)
        var snapshot: ClusterSnapshot?
        let deadline = SystemClock.now() + .seconds(15)
        while snapshot == nil, SystemClock.now() < deadline {
            feed.ensureConnected(now: SystemClock.now())
            usleep(20_000)
            snapshot = feed.read() ?? snapshot
        }
        #expect(snapshot?.localNode == "alpha" && feed.connection == .connected, "\(feed.connection)")
        feed.send(ControlRequest(id: 2, op: .standby, node: "alpha", resources: .all, reason: "ConsoleSSHTests"))
        var answer: ControlResponse?
        while answer == nil, SystemClock.now() < deadline + .seconds(10) {
            usleep(20_000)
            for case .answer(let reply) in feed.poll(now: SystemClock.now()) where reply.id == 2 { answer = reply }
        }
        #expect(answer != nil && answer?.error == nil, "\(String(describing: answer))")
        try await cluster.waitUntil("bravo holds the address after alpha's standby", timeout: .seconds(8)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        feed.disconnect("done")

        // No daemon at the far end: the console says so, in the bridge's words.
        let missing = DaemonFeed(path: runtime + "/no-such.sock", via: Array(via.prefix(via.count - 2)) + [via[via.count - 1]])
        missing.ensureConnected(now: SystemClock.now())
        let gone = SystemClock.now() + .seconds(15)
        // Until the bridge has ended and said why (the feed waits for its last words).
        while missing.fd >= 0 || missing.closingBridgeUntil != nil, SystemClock.now() < gone {
            usleep(20_000)
            _ = missing.read()
        }
        guard case .unreachable(let why) = missing.connection else {
            Issue.record("still \(missing.connection)")
            return
        }
        #expect(why.contains("hadaemon bridge: cannot connect to hadaemon at \(runtime)/no-such.sock: No such file or directory"), "\(why)")
    }
}
