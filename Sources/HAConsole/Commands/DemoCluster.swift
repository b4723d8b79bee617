import Glibc
import HAHost

/// The demo's two hadaemon processes on loopback, their files, and their cleanup. It started
/// them, so it can start a stopped one again (``NodeLauncher``): the `S` key and the failover
/// SOP's rejoin step.
final class DemoCluster: NodeLauncher {
    struct Node {
        var name: String
        var address: String
        var directory: String
        var pid: pid_t = 0
        var socket: String { directory + "/hadaemon.sock" }
        var log: String { directory + "/ha-log" }
        /// `drbdsetup status` output for this node, and a stand-in `drbdsetup` that prints it.
        var drbdFile: String { directory + "/drbd-status" }
        var drbdsetup: String { directory + "/drbdsetup" }
    }

    let directory: String
    private(set) var nodes: [Node]
    private let daemon: String
    private var stopped = false

    init(port: Int) throws {
        var template = Array("/tmp/haconsole-demo-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw DemoError("cannot create a temporary directory") }
        directory = String(cString: made)
        nodes = [
            Node(name: "alpha", address: "127.0.0.2", directory: directory + "/alpha"),
            Node(name: "bravo", address: "127.0.0.3", directory: directory + "/bravo"),
        ]
        daemon = ProgramPaths.executableDirectory() + "/hadaemon"
        guard access(daemon, X_OK) == 0 else { throw DemoError("\(daemon) not found: build it with 'swift build' first") }
        for node in nodes { try write(node, port: port) }
        for index in nodes.indices {
            nodes[index].pid = try spawn(daemon, nodes[index])
        }
    }

    var nodeNames: [String] { nodes.map(\.name) }

    func start(_ name: String?) -> NodeStartOutcome {
        let stopped = nodes.indices.filter { !isRunning($0) }
        let index: Int
        if let name {
            guard let found = nodes.firstIndex(where: { $0.name == name }) else {
                return .refused("\(name) is not a demo node (they are \(nodeNames.joined(separator: " and ")))")
            }
            guard stopped.contains(found) else { return .refused("\(name)'s daemon is already running (pid \(nodes[found].pid))") }
            index = found
        } else {
            guard let first = stopped.first else { return .refused("both demo nodes are running: nothing to start") }
            index = first
        }
        do {
            nodes[index].pid = try spawn(daemon, nodes[index])
            return .started(node: nodes[index].name, pid: nodes[index].pid)
        } catch {
            return .refused("\(error)")
        }
    }

    /// Whether node `index`'s daemon is still alive; reaps it (and forgets its pid) once it exited.
    private func isRunning(_ index: Int) -> Bool {
        guard nodes[index].pid > 0 else { return false }
        var status: Int32 = 0
        // 0: still running. The pid itself: it exited just now. -1 (ECHILD): reaped already.
        guard waitpid(nodes[index].pid, &status, WNOHANG) != 0 else { return true }
        nodes[index].pid = 0
        return false
    }

    /// SIGTERM to both (they release and exit), then SIGKILL to anything left, then the nodes'
    /// files. The directory itself stays when it holds anything else: the audit trail of an SOP
    /// run (`audit.jsonl`), which the exit message names. Calling it again does nothing.
    func stop() {
        guard !stopped else { return }
        stopped = true
        for node in nodes where node.pid > 0 { kill(node.pid, SIGTERM) }
        let deadline = SystemClock.milliseconds() + 5000
        for node in nodes where node.pid > 0 {
            var status: Int32 = 0
            while waitpid(node.pid, &status, WNOHANG) == 0 && SystemClock.milliseconds() < deadline { usleep(20_000) }
            if waitpid(node.pid, &status, WNOHANG) == 0 {
                kill(node.pid, SIGKILL)
                waitpid(node.pid, &status, 0)
            }
        }
        nodes = nodes.map {
            var n = $0; n.pid = 0; return n
        }
        _ = SpawnedCommand.run(ProcessLaunch(["/bin/rm", "-rf"] + nodes.map(\.directory)), timeout: .seconds(2))
        rmdir(directory)  // fails, keeping it, when the audit trail is in it
    }

    private func write(_ node: Node, port: Int) throws {
        try makeDirectory(node.directory)
        try makeDirectory(node.directory + "/etc")
        try makeDirectory(node.directory + "/etc/resource.d")
        let haCF = """
            # The haconsole demo: two nodes on loopback with fast timers.
            logfile \(node.log)
            keepalive 100ms
            deadtime 500ms
            warntime 250ms
            initdead 2
            udpport \(port)
            ucast lo 127.0.0.2
            ucast lo 127.0.0.3
            auto_failback on
            node alpha
            node bravo
            crm off

            """
        try writeFile(node.directory + "/etc/ha.cf", haCF, mode: 0o644)
        try writeFile(node.directory + "/etc/authkeys", "auth 1\n1 sha1 haconsole-demo\n", mode: 0o600)
        try writeFile(node.directory + "/etc/haresources", "alpha demo-service\n", mode: 0o644)
        // The service writes this node's DRBD view: Primary where it runs, Secondary elsewhere.
        let peer = nodes.first { $0.name != node.name }!
        let script = """
            #!/bin/sh
            # demo-service: a stand-in service whose DRBD disk follows it.
            state=\(node.directory)/service.on
            drbd() { printf 'r0 role:%s\\n  disk:UpToDate\\n  %s role:%s\\n    peer-disk:UpToDate\\n' "$2" "$3" "$4" > "$1"; }
            case "$1" in
              start) touch "$state"; drbd \(node.drbdFile) Primary \(peer.name) Secondary; drbd \(peer.drbdFile) Secondary \(node.name) Primary ;;
              stop) rm -f "$state"; drbd \(node.drbdFile) Secondary \(peer.name) Secondary; drbd \(peer.drbdFile) Secondary \(node.name) Secondary ;;
              status) if [ -e "$state" ]; then echo running; else echo stopped; fi ;;
            esac
            exit 0

            """
        try writeFile(node.directory + "/etc/resource.d/demo-service", script, mode: 0o755)
        try writeFile(node.drbdFile, "r0 role:Secondary\n  disk:UpToDate\n  \(peer.name) role:Secondary\n    peer-disk:UpToDate\n", mode: 0o644)
        try writeFile(node.drbdsetup, "#!/bin/sh\n# The demo's drbdsetup: prints this node's status file.\nexec cat \(node.drbdFile)\n", mode: 0o755)
    }

    private func spawn(_ daemon: String, _ node: Node) throws -> pid_t {
        let arguments = [
            daemon, "run", "--config-dir", node.directory + "/etc", "--state-dir", node.directory + "/state", "--socket", node.socket,
            "--node", node.name, "--bind", node.address, "--drbdsetup", node.drbdsetup, "--exit-with-parent",
        ]
        // A session of its own: the console's ^C and terminal stay the console's.
        let launch = ProcessLaunch(arguments, standardOutput: .file(node.directory + "/daemon.out"), standardError: .standardOutput)
        do {
            return try launch.start().pid
        } catch {
            throw DemoError("cannot start \(daemon): \(String(cString: strerror(error.errno)))")
        }
    }

    private func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw DemoError("cannot create \(path)") }
    }

    private func writeFile(_ path: String, _ text: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw DemoError("cannot write \(path)") }
        defer { close(fd) }
        fchmod(fd, mode)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}

struct DemoError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
