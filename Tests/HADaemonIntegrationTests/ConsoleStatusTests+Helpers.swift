import Foundation
import Glibc
import HAHost
import HAProtocol
import Testing

@testable import HATestSupport

extension ConsoleStatusTests {
    /// The `status --json` document, decoded with the protocol's own types.
    struct StatusReport: Decodable {
        struct Daemon: Decodable {
            var socket: String
            var reachable: Bool
            var error: String?
        }

        struct DRBD: Decodable {
            var source: String
            var error: String?
            var local: DRBDStatus?
            var nodes: [String: String]
        }

        struct Log: Decodable {
            var path: String
            var error: String?
            var lines: [String]
        }

        var daemon: Daemon
        var snapshot: ClusterSnapshot?
        var drbd: DRBD
        var log: Log
    }

    /// One `haconsole status --json` run: how it ended and what it printed.
    struct StatusRun {
        var output: CommandOutput

        init(_ arguments: [String]) throws {
            output = try HostCommand.run([try ConsoleStatusTests.console(), "status", "--json"] + arguments)
        }

        func report() throws -> StatusReport {
            do {
                return try JSONDecoder().decode(StatusReport.self, from: Data(output.stdout.utf8))
            } catch {
                Issue.record("not a status document (\(output.status)): \(output.stdout) \(output.stderr)")
                throw error
            }
        }
    }

    /// A temporary directory with a short ha-log, removed by ``remove()``.
    struct Scratch {
        static let logLines = (1...12).map { "Nov 22 03:04:\(String(format: "%02d", $0)) alpha heartbeat: [25506]: info: Link bravo:hb0 up. (\($0))" }

        let path: String
        var log: String { path + "/ha-log" }

        init() throws {
            var template = Array("/tmp/haconsole-status-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw HarnessError.system(call: "mkdtemp", errno: errno) }
            path = String(cString: made)
            try (Self.logLines.joined(separator: "\n") + "\n").write(toFile: log, atomically: false, encoding: .utf8)
        }

        /// A socket file whose listener is gone (what a crashed daemon leaves): connect is refused.
        func staleSocket() throws -> String {
            let socketPath = path + "/stale.sock"
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw HarnessError.system(call: "socket", errno: errno) }
            defer { close(fd) }
            guard var address = UnixSocket.address(socketPath) else { throw HarnessError.system(call: "bind", errno: ENAMETOOLONG) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0 else { throw HarnessError.system(call: "bind", errno: errno) }
            return socketPath
        }

        /// A stand-in `drbdsetup` that prints `sample` when asked `status --verbose --statistics`
        /// (what the console asks), and fails otherwise.
        func drbdsetup(printing sample: String) throws -> String {
            let script = path + "/drbdsetup"
            let text = "#!/bin/sh\n[ \"$*\" = 'status --verbose --statistics' ] || exit 3\nexec cat '\(sample)'\n"
            try text.write(toFile: script, atomically: false, encoding: .utf8)
            guard chmod(script, 0o755) == 0 else { throw HarnessError.system(call: "chmod", errno: errno) }
            return script
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// `haconsole demo --no-screen`: two hadaemon nodes on loopback, found through what it prints.
    final class DemoProcess {
        /// One demo node, as the demo printed it.
        struct Node {
            var socket: String
            var log: String
            /// The demo's stand-in `drbdsetup`, beside its status file.
            var drbdsetup: String
            var pid: pid_t
        }

        let child: ChildProcess
        let outputPath: String
        private(set) var nodes: [String: Node] = [:]
        private var stopped = false

        init(console: String, port: Int) throws {
            outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(getpid())-\(UInt32.random(in: 0...99999)).out").path
            child = try ChildProcess.spawn(
                [console, "demo", "--no-screen", "--port", "\(port)"], stdout: .file(outputPath), stderr: .file(outputPath))
        }

        /// Waits (bounded) until the demo has printed where `name` is.
        func node(_ name: String, timeout: Duration = .seconds(15)) async throws -> Node {
            let deadline = SystemClock.now() + timeout
            while nodes[name] == nil {
                let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    // "  alpha: socket S log L drbd D pid P"
                    guard words.count == 9, words[1] == "socket", let pid = pid_t(words[8]) else { continue }
                    let drbdFile = words[6]
                    let directory = String(drbdFile[..<(drbdFile.lastIndex(of: "/") ?? drbdFile.endIndex)])
                    nodes[String(words[0].dropLast())] = Node(socket: words[2], log: words[4], drbdsetup: directory + "/drbdsetup", pid: pid)
                }
                guard nodes[name] == nil else { break }
                if let status = child.reapIfExited() {
                    stopped = true
                    throw HarnessError.missingFile("demo node \(name)", hint: "haconsole demo \(status): \(text)")
                }
                guard SystemClock.now() < deadline else {
                    throw HarnessError.timedOut(waitingFor: "the demo's \(name)", after: timeout, cluster: text)
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return nodes[name]!
        }

        /// SIGTERM, as Ctrl-C would (the demo stops its daemons and removes its files); SIGKILL
        /// after 10 s. Idempotent.
        func stop() {
            guard !stopped else { return }
            stopped = true
            child.send(SIGTERM, toGroup: false)
            if child.waitBlocking(timeout: .seconds(10)) == nil {
                child.send(SIGKILL, toGroup: false)
                _ = child.waitBlocking(timeout: .seconds(2))
            }
            try? FileManager.default.removeItem(atPath: outputPath)
        }

        /// True once no daemon the demo started is alive (each is given up to 5 s to go).
        func daemonsGone() -> Bool {
            let deadline = SystemClock.now() + .seconds(5)
            while SystemClock.now() < deadline {
                if nodes.values.allSatisfy({ kill($0.pid, 0) != 0 && errno == ESRCH }) { return true }
                usleep(20_000)
            }
            return false
        }
    }
}
