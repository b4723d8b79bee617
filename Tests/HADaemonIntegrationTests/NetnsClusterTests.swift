import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// Proves the netns harness itself, with stand-in programs instead of `hadaemon`.
@Suite(.serialized)
struct NetnsClusterTests {
    static let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"

    @Test(
        "ha.cf carries the timers in milliseconds and the media lines of its medium",
        arguments: [
            (HeartbeatMedium.ucast, ["ucast hb0 192.0.2.11", "ucast hb0 192.0.2.12", "ucast hb0 192.0.2.13"]),
            (.bcast, ["bcast hb0"]),
            (.mcast(), ["mcast hb0 239.0.0.1 694 1 0"]),
        ])
    func rendersHACF(medium: HeartbeatMedium, mediaLines: [String]) throws {
        var spec = ClusterSpec(nodes: ClusterSpec.named(3))
        spec.medium = medium
        spec.keepalive = .milliseconds(200)
        spec.deadtime = .seconds(1)
        spec.autoFailback = .legacy
        spec.groups = [.serviceAddress(on: "bravo", plus: ["hbdummy::web"]), GroupSpec(node: "charlie", resources: ["hang"])]
        let node = ClusterNode(name: "alpha", address: "192.0.2.11", namespace: "ha-alpha-x", directory: "/tmp/x/alpha")
        let lines = spec.haCF(for: node, addresses: ["192.0.2.11", "192.0.2.12", "192.0.2.13"]).split(separator: "\n").map(String.init)

        for expected in ["keepalive 200ms", "deadtime 1000ms", "warntime 250ms", "initdead 1000ms", "auto_failback legacy"] + mediaLines {
            #expect(lines.contains(expected))
        }
        #expect(lines.contains("logfile /tmp/x/alpha/log/ha-log"))
        #expect(lines.contains("debugfile /tmp/x/alpha/log/ha-debug"))
        #expect(lines.filter { $0.hasPrefix("node ") } == ["node alpha", "node bravo", "node charlie"])
        #expect(spec.haResources.split(separator: "\n").dropFirst() == ["bravo IPaddr2::192.0.2.100/24/hb0 hbdummy::web", "charlie hang"])
        try spec.validate()
    }

    @Test("a non-root user gets a clear error instead of a half-built cluster")
    func refusesNonRoot() {
        #expect(throws: HarnessError.self) { try NetnsCluster.requireRoot(euid: 1000) }
        #expect("\(HarnessError.notRoot(euid: 1000))".contains("needs root"))
        var spec = ClusterSpec(nodes: ["alpha", "alpha"])
        #expect(throws: HarnessError.self) { try spec.validate() }
        spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.groups = [.serviceAddress(on: "zulu")]
        #expect(throws: HarnessError.self) { try spec.validate() }
    }

    @Test("three nodes come up on one bridge with their addresses, files and a working hbdummy, and ping each other")
    func networkAndFiles() async throws {
        let cluster = try NetnsCluster(ClusterSpec(nodes: ClusterSpec.named(3)))
        defer { cluster.shutdown() }

        let listed = try HostCommand.check(["ip", "netns", "list"])
        for namespace in [cluster.bridgeNamespace] + cluster.nodes.map(\.namespace) { #expect(listed.contains(namespace)) }
        #expect(try cluster.addresses("alpha") == ["192.0.2.11/24"])
        #expect(try cluster.addresses("charlie") == ["192.0.2.13/24"])
        #expect(try cluster.serviceAddressHolders().isEmpty)
        for (from, to) in [("alpha", "192.0.2.12"), ("alpha", "192.0.2.13"), ("charlie", "192.0.2.12")] {
            let ping = try cluster.run(in: from, ["ping", "-c1", "-W1", to])
            #expect(ping.succeeded, "\(from) → \(to): \(ping.stdout)\(ping.stderr)")
        }
        #expect(try cluster.run(in: "bravo", ["ip", "-o", "link", "show", "lo"]).stdout.contains("UP"))

        let bravo = try cluster.node("bravo")
        let authkeys = try FileManager.default.attributesOfItem(atPath: bravo.configDirectory + "/authkeys")
        #expect((authkeys[.posixPermissions] as? Int) == 0o600)
        #expect(
            try String(contentsOfFile: bravo.configDirectory + "/haresources", encoding: .utf8).contains("alpha IPaddr2::192.0.2.100/24/hb0 hbdummy"))
        for directory in [bravo.stateDirectory, bravo.logDirectory, bravo.directory + "/run"] {
            #expect(FileManager.default.fileExists(atPath: directory))
        }

        let hbdummy = bravo.resourceScriptDirectory + "/hbdummy"
        #expect(try HostCommand.check([hbdummy, "status"]) == "stopped\n")
        try HostCommand.check([hbdummy, "start"])
        #expect(try HostCommand.check([hbdummy, "status"]) == "running\n")
        #expect(try cluster.hbdummyIsRunning("bravo"))
        #expect(try !cluster.hbdummyIsRunning("alpha"))
        try HostCommand.check([hbdummy, "web", "start"])
        try HostCommand.check([hbdummy, "stop"])
        #expect(try cluster.hbdummyIsRunning("bravo", instance: "web"))
        #expect(
            try cluster.hbdummyActions("bravo").map { $0.split(separator: " ").dropFirst().joined(separator: " ") } == [
                "default start", "web start", "default stop",
            ])

        try "line one\nline two\n".write(toFile: bravo.logFile, atomically: false, encoding: .utf8)
        let timeout = await #expect(throws: HarnessError.self) {
            try await cluster.waitUntil("the impossible", timeout: .milliseconds(30)) { false }
        }
        let report = timeout.map { "\($0)" } ?? ""
        #expect(report.contains("waiting for the impossible"))
        #expect(report.contains("== charlie (\(try cluster.node("charlie").namespace)): not started; hb0: 192.0.2.13/24"))
        #expect(report.contains("  log: line two"))
    }

    @Test("cut drops heartbeat UDP into a node, and only that; heal lets it through again")
    func cutAndHeal() async throws {
        let cluster = try NetnsCluster()
        defer { cluster.shutdown() }
        try cluster.start("bravo", command: .standIn(Self.python, ["-u", "-c", Self.udpReceiver, "192.0.2.12"]))
        let received = { Self.output(of: "bravo", in: cluster) }
        try await cluster.waitUntil("the receiver", timeout: .seconds(5)) { received().contains("ready") }
        func send(_ port: Int, _ text: String) throws {
            try Self.send(from: "alpha", in: cluster, to: "192.0.2.12", port: port, text)
        }

        try send(694, "before")
        try await cluster.waitUntil("694 before", timeout: .seconds(2)) { received().contains("694 before\n") }
        try cluster.cut("bravo")
        try send(694, "during")
        try send(7000, "other")
        try await cluster.waitUntil("7000 other", timeout: .seconds(2)) { received().contains("7000 other\n") }
        try cluster.heal("bravo")
        try send(694, "after")
        try await cluster.waitUntil("694 after", timeout: .seconds(2)) { received().contains("694 after\n") }

        try cluster.cut("alpha", from: "bravo")
        try send(694, "pair")
        try send(7000, "pair-other")
        try await cluster.waitUntil("7000 pair-other", timeout: .seconds(2)) { received().contains("7000 pair-other\n") }
        try cluster.healAll()
        try send(694, "healed")
        try await cluster.waitUntil("694 healed", timeout: .seconds(2)) { received().contains("694 healed\n") }

        #expect(!received().contains("694 during"))
        #expect(!received().contains("694 pair\n"))
        #expect(try cluster.run(in: "bravo", ["iptables", "-S", "INPUT"]).stdout == "-P INPUT ACCEPT\n")
    }

    @Test("bcast and mcast datagrams from one node reach both others across the bridge", arguments: [HeartbeatMedium.bcast, .mcast()])
    func broadcastAndMulticast(medium: HeartbeatMedium) async throws {
        var spec = ClusterSpec(nodes: ClusterSpec.named(3))
        spec.medium = medium
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        for node in ["bravo", "charlie"] {
            let join = medium == .bcast ? [] : ["239.0.0.1", try cluster.node(node).address]
            try cluster.start(node, command: .standIn(Self.python, ["-u", "-c", Self.udpReceiver, "0.0.0.0"] + join))
        }
        try await cluster.waitUntil("both receivers", timeout: .seconds(5)) {
            Self.output(of: "bravo", in: cluster).contains("ready") && Self.output(of: "charlie", in: cluster).contains("ready")
        }
        try Self.send(from: "alpha", in: cluster, to: medium == .bcast ? "192.0.2.255" : "239.0.0.1", port: 694, "hello")
        try await cluster.waitUntil("hello at bravo and charlie", timeout: .seconds(2)) {
            Self.output(of: "bravo", in: cluster).contains("694 hello") && Self.output(of: "charlie", in: cluster).contains("694 hello")
        }
    }

    @Test("start, signal, stall, stop and kill drive a stand-in daemon that really receives SIGTERM")
    func processControl() async throws {
        let cluster = try NetnsCluster()
        defer { cluster.shutdown() }
        let script = "trap 'echo hup' HUP; trap 'echo term; exit 0' TERM; echo started; while :; do echo tick; sleep 0.02; done"
        let standIn = DaemonCommand.standIn("/bin/sh", ["-c", script])
        let alpha = try cluster.node("alpha")
        let output = { (try? String(contentsOfFile: alpha.stdoutFile, encoding: .utf8)) ?? "" }

        let pid = try cluster.start("alpha", command: standIn)
        #expect(cluster.isRunning("alpha"))
        #expect(throws: HarnessError.self) { try cluster.start("alpha", command: standIn) }
        try await cluster.waitUntil("started", timeout: .seconds(2)) { output().contains("started") }
        #expect(getsid(pid) == pid)
        #expect(Self.inode("/proc/\(pid)/ns/net") == Self.inode("/run/netns/" + alpha.namespace))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd") == alpha.directory)

        try cluster.signal("alpha", SIGHUP)
        try await cluster.waitUntil("hup", timeout: .seconds(2)) { output().contains("hup") }
        // Frozen means silent. (Not necessarily state T: a shell caught between vfork and exec
        // waits in state D for its stopped child, and stops only once that child runs again.)
        let ticks = { output().components(separatedBy: "tick").count }
        try cluster.stall("alpha")
        try await Task.sleep(for: .milliseconds(100))
        let frozen = ticks()
        try await Task.sleep(for: .milliseconds(150))
        #expect(ticks() == frozen)
        #expect(cluster.isRunning("alpha"))
        try cluster.resume("alpha")
        try await cluster.waitUntil("ticks again", timeout: .seconds(2)) { ticks() > frozen }

        let took = try await cluster.stop("alpha", timeout: .seconds(3))
        #expect(took < .seconds(1))
        #expect(cluster.exitStatus("alpha") == .exited(0))
        #expect(output().contains("term"))
        #expect(!cluster.isRunning("alpha"))
        await #expect(throws: HarnessError.self) { try await cluster.stop("alpha") }

        let second = try cluster.start("alpha", command: standIn)
        #expect(second != pid)
        try cluster.kill("alpha")
        #expect(cluster.exitStatus("alpha") == .signaled(SIGKILL))
        #expect(!cluster.isRunning("alpha"))
    }

    @Test("a daemon started from a thread that blocks every signal starts unblocked and SIGTERM ends it")
    func signalMaskIsCleared() async throws {
        let cluster = try NetnsCluster()
        defer { cluster.shutdown() }
        // `sleep` keeps the mask it was given (dash would clear it itself) and dies of SIGTERM.
        let pid = try Self.withSignalsBlocked { try cluster.start("bravo", command: .standIn("/bin/sleep", ["30"])) }
        #expect(try Self.statusField("SigBlk", of: pid) == "0000000000000000")
        // glibc's posix_spawn leaves only its internal signals 32 and 33 ignored; 1-31 must be default.
        #expect(try Self.statusField("SigIgn", of: pid).flatMap { UInt64($0, radix: 16) }.map { $0 & 0x7fff_ffff } == 0)
        try await cluster.stop("bravo", timeout: .seconds(2))
        #expect(cluster.exitStatus("bravo") == .signaled(SIGTERM))
    }

    @Test("VIPWatcher records the service address appearing and vanishing, with the double-holder span")
    func vipWatcher() async throws {
        let cluster = try NetnsCluster()
        defer { cluster.shutdown() }
        let watcher = try VIPWatcher(cluster: cluster, interval: .milliseconds(2))
        func address(_ action: String, on node: String) throws {
            try HostCommand.check(["ip", "-n", cluster.node(node).namespace, "addr", action, "192.0.2.100/24", "dev", "hb0"])
        }
        func seen(_ count: Int) async throws {
            try await cluster.waitUntil("\(count) transitions", timeout: .seconds(2)) { watcher.timeline.transitions.count >= count }
        }

        try address("add", on: "alpha")
        try await seen(1)
        #expect(try cluster.holdsServiceAddress("alpha"))
        try address("add", on: "bravo")
        try await seen(2)
        #expect(try cluster.serviceAddressHolders() == ["alpha", "bravo"])
        try address("del", on: "alpha")
        try await seen(3)
        try address("del", on: "bravo")
        try await seen(4)
        let timeline = watcher.stop()

        #expect(timeline.initialHolders.isEmpty)
        #expect(
            timeline.transitions.map { "\($0.node) \($0.holds)" } == ["alpha true", "bravo true", "alpha false", "bravo false"], "\(timeline.summary)"
        )
        #expect(timeline.multipleHolderIntervals.map(\.holders) == [["alpha", "bravo"]])
        #expect(timeline.multipleHolderIntervals.allSatisfy { $0.duration > .zero })
        #expect(timeline.noHolderIntervals.count == 2)
        #expect(timeline.firstTime("bravo", holds: true).map { timeline.holders(at: $0) } == ["alpha", "bravo"])
        #expect(timeline.problem == nil)
        #expect(timeline.samples > 4)
    }

    @Test("control sends one line to a Unix socket and returns the answer line, and gives up after its timeout")
    func controlClient() async throws {
        let cluster = try NetnsCluster()
        defer { cluster.shutdown() }
        let alpha = try cluster.node("alpha")
        try cluster.start("alpha", command: .standIn(Self.python, ["-u", "-c", Self.lineServer, alpha.socketPath]))

        try await cluster.waitUntil("the server", timeout: .seconds(5)) {
            (try? String(contentsOfFile: alpha.stdoutFile, encoding: .utf8))?.contains("listening") == true
        }
        let answer = try cluster.control("alpha", #"{"id":1,"op":"status"}"#)
        #expect(answer == #"{"id": 1, "echo": "{\"id\":1,\"op\":\"status\"}"}"#)
        let started = SystemClock.now()
        #expect(throws: HarnessError.self) { try cluster.control("alpha", #"{"id":2,"op":"hang"}"#, timeout: .milliseconds(200)) }
        #expect(SystemClock.now() - started < .seconds(2))
    }

    @Test("shutdown leaves no namespace, process or directory behind, and a second shutdown is harmless")
    func shutdownCleansUp() async throws {
        let cluster = try NetnsCluster()
        let loop = DaemonCommand.standIn("/bin/sh", ["-c", "setsid sleep 30 & echo \"detached $!\"; while :; do sleep 0.05; done"])
        let pids = [try cluster.start("alpha", command: loop), try cluster.start("bravo", command: loop)]
        let alpha = try cluster.node("alpha")
        let detached = { (try? String(contentsOfFile: alpha.stdoutFile, encoding: .utf8)) ?? "" }
        try await cluster.waitUntil("the detached child", timeout: .seconds(2)) { detached().contains("detached ") }
        let detachedPID = try #require(pid_t(detached().split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        try await cluster.waitUntil("the child's own session", timeout: .seconds(2)) { getsid(detachedPID) == detachedPID }

        cluster.shutdown()
        cluster.shutdown()

        let listed = try HostCommand.check(["ip", "netns", "list"])
        for namespace in [cluster.bridgeNamespace] + cluster.nodes.map(\.namespace) { #expect(!listed.contains(namespace)) }
        for pid in pids + [detachedPID] {
            try await cluster.waitUntil("pid \(pid) gone", timeout: .seconds(2)) {
                NetnsCluster.processState(pid) == nil || NetnsCluster.processState(pid) == "Z"
            }
        }
        #expect(!FileManager.default.fileExists(atPath: cluster.directory))
        #expect(!cluster.isRunning("alpha"))
    }
}
