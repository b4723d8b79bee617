import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `hadaemon outdate-peer` run exactly as DRBD runs its `fence-peer` handler (`/bin/sh -c` on the
/// handler line, with `DRBD_RESOURCE`, `DRBD_PEER`, `DRBD_MINOR` and `DRBD_CONF` set), against a
/// peer whose `drbdadm` is a stand-in that records its arguments and exits as each test says
/// (issue 12, dopd). No DRBD kernel module loads in these namespaces, so the real `drbdadm
/// outdate` cannot run here; the stand-in exits with the codes drbdadm documents (0 outdated,
/// 5 inconsistent, 17 primary). Only `HADAEMON_SOCKET` is added to DRBD's environment: the
/// harness's daemons do not listen on the default socket.
@Suite(.serialized)
struct OutdatePeerTests {
    /// The drbdadm stand-in and its files: `calls` gets one line per run (its arguments),
    /// `answer` holds the exit code to give, or `hang` to sleep 5 s.
    struct DrbdadmStandIn {
        let directory = "/tmp/ha-dopd-\(UUID().uuidString.prefix(8))"
        var program: String { directory + "/drbdadm" }

        init() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let script = """
                #!/bin/sh
                dir=$(dirname "$0")
                printf '%s\\n' "$*" >> "$dir/calls"
                code=$(cat "$dir/answer" 2>/dev/null || echo 0)
                [ "$code" = hang ] && exec sleep 5
                exit "$code"

                """
            try script.write(toFile: program, atomically: true, encoding: .utf8)
            chmod(program, 0o755)
            // Heartbeat's dopd runs it as hacluster, which must write `calls` too.
            chmod(directory, 0o777)
        }

        func answer(_ code: String) throws {
            try? FileManager.default.removeItem(atPath: directory + "/calls")
            try code.write(toFile: directory + "/answer", atomically: true, encoding: .utf8)
            chmod(directory + "/answer", 0o644)
        }

        func calls() -> [String] {
            ((try? String(contentsOfFile: directory + "/calls", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Runs the handler line on `node` as DRBD 8.3/8.4's drbdadm does for resource r0, minor 0.
    func fencePeer(_ cluster: NetnsCluster, on node: String, peer: String, handler: String = "-t 5") throws -> CommandOutput {
        let hadaemon = try NetnsCluster.builtDaemon().executable
        let socket = try cluster.node(node).socketPath
        return try cluster.run(
            in: node,
            [
                "/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HADAEMON_SOCKET=\(socket)", "DRBD_RESOURCE=r0",
                "DRBD_PEER=\(peer)", "DRBD_MINOR=0", "DRBD_CONF=/etc/drbd.conf", "/bin/sh", "-c", "\(hadaemon) outdate-peer \(handler)",
            ], timeout: .seconds(20))
    }

    func pair(_ drbdadm: DrbdadmStandIn, extra: [String] = []) async throws -> NetnsCluster {
        try await startedPair { spec in
            spec.extraDirectives += extra
            spec.daemon = try builtDaemon(adding: ["--drbdadm", drbdadm.program])
        }
    }

    @Test(
        "the peer's drbdadm outdate r0 exit status becomes the handler's exit code: 0→4, 5→3, 17→6, 10→20",
        arguments: [("0", 4), ("5", 3), ("17", 6), ("10", 20)] as [(String, Int32)])
    func exitCodes(drbdadmExit: String, expected: Int32) async throws {
        let drbdadm = try DrbdadmStandIn()
        defer { drbdadm.remove() }
        let cluster = try await pair(drbdadm)
        defer { cluster.shutdown() }
        try drbdadm.answer(drbdadmExit)
        let run = try fencePeer(cluster, on: "alpha", peer: "bravo")
        #expect(run.status == .exited(expected), "\(run.stderr)\n\(cluster.logTail("alpha"))")
        #expect(drbdadm.calls() == ["outdate r0"])
        #expect(cluster.log("alpha").contains("sending start_outdate message to the other node alpha -> bravo"))
        #expect(cluster.log("bravo").contains("sending return code: \(expected), bravo -> alpha"))
    }

    @Test("a peer whose drbdadm hangs past -t is 5, peer unreachable, after about -t seconds")
    func timeout() async throws {
        let drbdadm = try DrbdadmStandIn()
        defer { drbdadm.remove() }
        let cluster = try await pair(drbdadm)
        defer { cluster.shutdown() }
        try drbdadm.answer("hang")
        let started = SystemClock.now()
        let run = try fencePeer(cluster, on: "alpha", peer: "bravo", handler: "-t 1")
        let took = SystemClock.now() - started
        #expect(run.status == .exited(5), "\(run.stderr)")
        #expect(took >= .seconds(1) && took < .seconds(4), "\(took)")
        #expect(cluster.log("alpha").contains("outdate of r0: no answer from bravo in time: peer is unreachable"))
        #expect(drbdadm.calls() == ["outdate r0"])
    }

    @Test("a dead peer is 5 at once and its drbdadm is never run; a peer that is this node or unknown is 5 too")
    func deadPeer() async throws {
        let drbdadm = try DrbdadmStandIn()
        defer { drbdadm.remove() }
        let cluster = try await pair(drbdadm)
        defer { cluster.shutdown() }
        let me = try fencePeer(cluster, on: "alpha", peer: "alpha")
        #expect(me.status == .exited(5))
        let stranger = try fencePeer(cluster, on: "alpha", peer: "charlie")
        #expect(stranger.status == .exited(5))
        try cluster.kill("bravo")
        try await cluster.waitUntil("alpha declares bravo dead", timeout: .seconds(5)) {
            snapshot(cluster, "alpha")?.nodes.first { $0.name == "bravo" }?.status == .dead
        }
        let started = SystemClock.now()
        let run = try fencePeer(cluster, on: "alpha", peer: "bravo")
        #expect(run.status == .exited(5), "\(run.stderr)")
        #expect(SystemClock.now() - started < .seconds(2))
        #expect(drbdadm.calls().isEmpty)
    }

    @Test(
        "a peer reset by this node's STONITH device is 7, peer fenced: asked after the reset, or at once (DRBD notices first) and the answer waits for the device",
        arguments: [false, true])
    func fencedPeer(askAtOnce: Bool) async throws {
        let drbdadm = try DrbdadmStandIn()
        defer { drbdadm.remove() }
        let plugin = try StonithTestPlugin()
        defer { plugin.remove() }
        let cluster = try await pair(drbdadm, extra: [plugin.stonithHostLine])
        defer { cluster.shutdown() }
        try plugin.arm(cluster)
        try cluster.kill("alpha")
        if !askAtOnce {
            try await cluster.waitUntil("bravo reset alpha", timeout: .seconds(15)) { plugin.calls() == ["reset alpha done"] }
        }
        let run = try fencePeer(cluster, on: "bravo", peer: "alpha", handler: "-t 15")
        #expect(run.status == .exited(7), "\(run.stderr)\n\(cluster.logTail("bravo"))")
        #expect(plugin.calls() == ["reset alpha done"])
        #expect(drbdadm.calls().isEmpty)
        if askAtOnce { #expect(cluster.log("bravo").contains("outdate of r0: alpha is dead: peer was fenced (7)")) }
    }

    @Test("without DRBD_PEER (DRBD 9 sets none) the only other node is asked; without DRBD_RESOURCE it is a usage error, 1")
    func environment() async throws {
        let drbdadm = try DrbdadmStandIn()
        defer { drbdadm.remove() }
        let cluster = try await pair(drbdadm)
        defer { cluster.shutdown() }
        try drbdadm.answer("0")
        let hadaemon = try NetnsCluster.builtDaemon().executable
        let socket = try cluster.node("alpha").socketPath
        let noPeer = try cluster.run(
            in: "alpha", ["/usr/bin/env", "-i", "HADAEMON_SOCKET=\(socket)", "DRBD_RESOURCE=r1", hadaemon, "outdate-peer", "-t", "5"])
        #expect(noPeer.status == .exited(4), "\(noPeer.stderr)")
        #expect(drbdadm.calls() == ["outdate r1"])
        let noResource = try cluster.run(in: "alpha", ["/usr/bin/env", "-i", "HADAEMON_SOCKET=\(socket)", hadaemon, "outdate-peer"])
        #expect(noResource.status == .exited(1))
        #expect(noResource.stderr.contains("give -r RESOURCE or set DRBD_RESOURCE"))
    }
}
