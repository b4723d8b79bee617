import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `respawn` and `failfast` lines on a live node (issue 12): real children, started at comm-up,
/// restarted and stopped as Heartbeat 3.0.6 does, in its words.
@Suite(.serialized)
struct RespawnTests {
    /// A directory every user can read, for the children's scripts and what they record (the
    /// cluster's own directory is root's alone, and one child runs as nobody).
    final class ScriptDirectory {
        let path: String

        init() throws {
            path = "/tmp/hadaemon-respawn-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            chmod(path, 0o755)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// Writes an executable shell script; `D` in `body` stands for this directory.
        @discardableResult
        func script(_ name: String, _ body: String) throws -> String {
            let file = path + "/" + name
            try ("#!/bin/sh\n" + body.replacingOccurrences(of: "D/", with: path + "/") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            chmod(file, 0o755)
            return file
        }

        /// A file every user may append to.
        func shared(_ name: String) -> String {
            let file = path + "/" + name
            _ = FileManager.default.createFile(atPath: file, contents: nil)
            chmod(file, 0o666)
            return file
        }

        func lines(_ name: String) -> [String] {
            ((try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    /// A pair whose alpha alone has `lines`; started and settled with alpha holding the address.
    func pair(_ lines: [String], daemon: DaemonCommand? = nil) async throws -> NetnsCluster {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.daemon = daemon
        let cluster = try NetnsCluster(spec)
        do {
            var withLines = spec
            withLines.extraDirectives = lines
            try cluster.writeFiles(for: cluster.node("alpha"), withLines)
            try cluster.start("alpha")
            try cluster.start("bravo")
            try await cluster.waitUntil("alpha holds the address, the pair is settled", timeout: .seconds(8)) {
                try cluster.serviceAddressHolders() == ["alpha"] && cluster.isSettled()
            }
        } catch {
            cluster.shutdown()
            throw error
        }
        return cluster
    }

    /// The index of the first ha-log line containing `text`, or nil.
    func position(_ text: String, in log: String) -> Int? {
        log.split(separator: "\n").firstIndex { $0.contains(text) }
    }

    @Test(
        "children start at comm-up as their user with HA_ env, are restarted after kill -9, stay down after exit 100 or 11 quick deaths, and stop in reverse order"
    )
    func lifecycle() async throws {
        let dir = try ScriptDirectory()
        let d = dir.path
        let long = "trap 'echo \"stop NAME\" >> D/events; exit 0' TERM\necho \"start NAME\" >> D/events\nwhile :; do sleep 0.1; done"
        try dir.script("a.sh", long.replacingOccurrences(of: "NAME", with: "a"))
        try dir.script("c.sh", long.replacingOccurrences(of: "NAME", with: "c"))
        _ = dir.shared("events")
        _ = dir.shared("b.starts")
        try dir.script(
            "b.sh", "echo \"$$ $(id -u) $HA_FOO\" >> D/b.starts\nwhile :; do [ -f D/b.exit ] && exit \"$(cat D/b.exit)\"; sleep 0.1; done")
        try dir.script("d.sh", "echo x >> D/d.starts\nexit 1")
        let cluster = try await pair([
            "env FOO=bar", "respawn root \(d)/a.sh", "respawn nobody \(d)/b.sh", "respawn root \(d)/c.sh", "respawn root \(d)/d.sh",
            "respawn hacluster /usr/lib/heartbeat/ipfail",
        ])
        defer { cluster.shutdown() }

        // Started at comm-up, after the status turned active; b as nobody with HA_FOO.
        try await cluster.waitUntil("a, b and c run", timeout: .seconds(3)) {
            Set(dir.lines("events")) == ["start a", "start c"] && dir.lines("b.starts").count == 1
        }
        var log = cluster.log("alpha")
        let commUp = try #require(position("Comm_now_up(): updating status to active", in: log))
        let firstStart = try #require(position("Starting child client \"\(d)/a.sh\" (0,0)", in: log))
        #expect(commUp < firstStart)
        #expect(log.contains("Starting child client \"\(d)/b.sh\" (65534,65534)"))
        let haCF = try String(contentsOfFile: cluster.node("alpha").configDirectory + "/ha.cf", encoding: .utf8).split(separator: "\n")
        let ipfailLine = try #require(haCF.firstIndex { $0.hasSuffix("/usr/lib/heartbeat/ipfail") }) + 1
        #expect(log.contains("info: respawn line \(ipfailLine): ipfail is built into hadaemon; not started"))
        let firstB = try #require(dir.lines("b.starts").first).split(separator: " ")
        #expect(firstB.count == 3 && firstB[1] == "65534" && firstB[2] == "bar", "\(firstB)")
        let bPid = try #require(Int32(firstB[0]))
        #expect(log.contains("Starting \"\(d)/b.sh\" as uid 65534  gid 65534 (pid \(bPid))"))

        // kill -9: logged and restarted.
        #expect(kill(bPid, SIGKILL) == 0)
        try await cluster.waitUntil("b restarted", timeout: .seconds(3)) { dir.lines("b.starts").count == 2 }
        log = cluster.log("alpha")
        #expect(log.contains("Client \(d)/b.sh (pid=\(bPid)) killed by signal 9."))
        #expect(log.contains("ERROR: Respawning client \"\(d)/b.sh\":"))
        let children = try #require(snapshot(cluster, "alpha")?.children)
        #expect(children.map(\.command) == ["a.sh", "b.sh", "c.sh", "d.sh"].map { "\(d)/\($0)" })
        let b = children[1]
        #expect(b.user == "nobody" && b.state == .running && b.restarts == 1 && b.pid != nil && b.pid != Int(bPid) && !b.failfast, "\(b)")

        // exit 100: logged, not restarted.
        try "100".write(toFile: d + "/b.exit", atomically: true, encoding: .utf8)
        try await cluster.waitUntil("b exits 100", timeout: .seconds(3)) {
            cluster.log("alpha").contains("Client \(d)/b.sh exited with return code 100.")
        }

        // d dies at once every time: ten restarts a second apart, then "respawning too fast".
        try await cluster.waitUntil("d respawns too fast", timeout: .seconds(20), poll: .milliseconds(100)) {
            cluster.log("alpha").contains("Client \(d)/d.sh \"respawning too fast\"")
        }
        try await Task.sleep(for: .milliseconds(1500))
        #expect(dir.lines("d.starts").count == 11)
        #expect(snapshot(cluster, "alpha")?.children?[3].state == .down)
        #expect(dir.lines("b.starts").count == 2, "b was restarted after exit 100")
        #expect(cluster.log("alpha").components(separatedBy: "Respawning client \"\(d)/b.sh\"").count == 2)

        // A clean stop: after the release, c then a (reverse order); b and d are down.
        try await cluster.stop("alpha")
        #expect(Array(dir.lines("events").suffix(2)) == ["stop c", "stop a"], "\(dir.lines("events"))")
        log = cluster.log("alpha")
        let released = try #require(position("All HA resources relinquished.", in: log))
        let stopC = try #require(position("killing \(d)/c.sh process group", in: log))
        let stopA = try #require(position("killing \(d)/a.sh process group", in: log))
        let complete = try #require(position("alpha Heartbeat shutdown complete.", in: log))
        #expect(released < stopC && stopC < stopA && stopA < complete)
        #expect(log.contains("client [\(d)/b.sh] is not running."))
        #expect(!log.contains("with signal 9"), "a child needed SIGKILL")
    }

    @Test("a failfast child that exits 1 reboots the machine: the reboot command runs once, in Heartbeat's words, and the child stays down")
    func failfastReboots() async throws {
        let dir = try ScriptDirectory()
        let d = dir.path
        try dir.script("ff.sh", "echo start >> D/ff.starts\nwhile [ ! -f D/ff.go ]; do sleep 0.1; done\nexit 1")
        try dir.script("reboot.sh", "echo \"reboot $*\" >> D/rebooted")
        let cluster = try await pair(
            ["failfast root \(d)/ff.sh"], daemon: builtDaemon(adding: ["--reboot-command", "\(d)/reboot.sh -nf"]))
        defer { cluster.shutdown() }
        try await cluster.waitUntil("ff runs", timeout: .seconds(3)) { dir.lines("ff.starts").count == 1 }
        #expect(dir.lines("rebooted").isEmpty)

        #expect(FileManager.default.createFile(atPath: d + "/ff.go", contents: nil))
        try await cluster.waitUntil("the reboot command ran", timeout: .seconds(3)) { dir.lines("rebooted") == ["reboot -nf"] }
        let log = cluster.log("alpha")
        #expect(log.contains("ERROR: Client \(d)/ff.sh exited with return code 1."))
        #expect(log.contains("EMERG: Rebooting system.  Reason: \(d)/ff.sh"))
        try await Task.sleep(for: .milliseconds(1500))
        #expect(dir.lines("ff.starts").count == 1, "a failfast child that rebooted was restarted")
        #expect(dir.lines("rebooted").count == 1)
    }
}
