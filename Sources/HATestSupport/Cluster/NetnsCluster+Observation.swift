import Foundation
import HAHost
import HAProtocol

extension NetnsCluster {
    /// `node`'s IPv4 addresses on `hb0` with prefix length (`192.0.2.11/24`), as
    /// `ip -n NS -o -4 addr show dev hb0` lists them.
    public func addresses(_ name: String) throws -> [String] {
        let output = try HostCommand.check(["ip", "-n", node(name).namespace, "-o", "-4", "addr", "show", "dev", Self.interface])
        return output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard let index = fields.firstIndex(of: "inet"), index + 1 < fields.count else { return nil }
            return String(fields[index + 1])
        }
    }

    /// Whether `node` has 192.0.2.100 on `hb0`.
    public func holdsServiceAddress(_ name: String) throws -> Bool {
        try addresses(name).contains { $0.hasPrefix(Self.serviceAddress + "/") }
    }

    /// The nodes that hold 192.0.2.100 now, in node order.
    public func serviceAddressHolders() throws -> [String] {
        try nodes.map(\.name).filter { try holdsServiceAddress($0) }
    }

    /// Polls `condition` every `poll` until it is true; after `timeout` throws `timedOut` with
    /// `describe()` of the cluster, so a failure shows what every node had and logged.
    public func waitUntil(
        _ what: String = "condition", timeout: Duration, poll: Duration = .milliseconds(10), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = SystemClock.now() + timeout
        while true {
            if try await condition() { return }
            if SystemClock.now() >= deadline { throw HarnessError.timedOut(waitingFor: what, after: timeout, cluster: describe()) }
            try await Task.sleep(for: poll)
        }
    }

    /// `node`'s ha-log so far ("" before the daemon wrote one).
    public func log(_ name: String) -> String {
        guard let node = try? node(name) else { return "" }
        return (try? String(contentsOfFile: node.logFile, encoding: .utf8)) ?? ""
    }

    /// The last `count` lines of `node`'s ha-log.
    public func logTail(_ name: String, lines count: Int = 20) -> [String] {
        log(name).split(separator: "\n").suffix(count).map(String.init)
    }

    /// Each node: running or not, its addresses, the last 20 lines of its ha-log and of its
    /// stderr. What `waitUntil` reports on timeout.
    public func describe() -> String {
        var text = "cluster \(directory) (\(spec.nodes.joined(separator: ", ")))\n"
        for node in nodes {
            let addresses = (try? addresses(node.name).joined(separator: " ")) ?? "unknown"
            let process =
                pid(node.name).map { "running, pid \($0), state \(Self.processState($0) ?? "?")" } ?? exitStatus(node.name).map { "\($0)" }
                ?? "not started"
            text += "== \(node.name) (\(node.namespace)): \(process); hb0: \(addresses)\n"
            text += logTail(node.name).map { "  log: \($0)\n" }.joined()
            let stderr = (try? String(contentsOfFile: node.stderrFile, encoding: .utf8)) ?? ""
            text += stderr.split(separator: "\n").suffix(20).map { "  stderr: \($0)\n" }.joined()
        }
        return text
    }

    /// The state letter in /proc/PID/stat (R, S, D, T for stopped, Z); nil once the pid is gone.
    public static func processState(_ pid: pid_t) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ").first.map(String.init)
    }

    /// Sends one request line to `node`'s control socket and returns the first answer line.
    public func control(_ name: String, _ request: String, timeout: Duration = .seconds(2)) throws -> String {
        try ControlClient.request(socketPath: node(name).socketPath, request, timeout: timeout)
    }

    /// Whether `hbdummy` (instance `instance`, `hbdummy::INSTANCE` in haresources) is started on `node`.
    public func hbdummyIsRunning(_ name: String, instance: String = "default") throws -> Bool {
        FileManager.default.fileExists(atPath: try node(name).resourceStateDirectory + "/hbdummy-\(instance).state")
    }

    /// `hbdummy`'s record of starts and stops on `node`, oldest first: `EPOCH INSTANCE start|stop`.
    public func hbdummyActions(_ name: String) throws -> [String] {
        let text = (try? String(contentsOfFile: try node(name).resourceStateDirectory + "/hbdummy.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Runs a short command inside `node`'s namespace (`ip netns exec NS …`).
    public func run(in name: String, _ arguments: [String], timeout: Duration = .seconds(10)) throws -> CommandOutput {
        try HostCommand.run(["ip", "netns", "exec", node(name).namespace] + arguments, timeout: timeout)
    }
}
