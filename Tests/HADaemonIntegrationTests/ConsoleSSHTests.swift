import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

@testable import HAConsole

/// `haconsole --heartbeat-via 'ssh …'` through a real OpenSSH server (on 127.0.0.1, with its own
/// keys): the probe script reaches the far side intact although ssh hands the remote shell one
/// string, one connection serves every probe, and a refused login is reported at once instead of
/// prompting. The far side here is this host, where Heartbeat is installed but not running, so
/// `cl_status` answers "stopped": the answer only the probe script, run whole, can give.
@Suite(.serialized)
struct ConsoleSSHTests {
    struct Answer {
        var origin: String
        var error: String?
    }

    /// `haconsole status --json --heartbeat-via WORDS` with ssh's shared connections under `runtime`.
    static func status(_ words: [String], runtime: String) throws -> Answer {
        let console = try NetnsCluster.builtProduct("haconsole")
        let output = try HostCommand.run(
            ["/usr/bin/env", "XDG_RUNTIME_DIR=\(runtime)", console, "status", "--json", "--heartbeat-via", words.joined(separator: " ")],
            timeout: .seconds(30))
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let daemon = json?["daemon"] as? [String: Any]
        return Answer(origin: daemon?["socket"] as? String ?? "", error: daemon?["error"] as? String)
    }

    static func privateDirectory(_ path: String) throws -> String {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    @Test("through ssh: the probe runs whole on the far side, every probe shares one connection, a refused login fails fast")
    func readThroughSSH() throws {
        let server = try SSHServer()
        defer { server.shutdown() }
        // Short: ssh's control sockets must fit a Unix socket address.
        let runtime = try Self.privateDirectory("/tmp/hac-\(getpid())-\(UInt16.random(in: 0...UInt16.max))")
        defer { try? FileManager.default.removeItem(atPath: runtime) }
        let words = server.clientWords()
        let controlPath = runtime + "/haconsole/ssh-%C"
        defer { _ = try? HostCommand.run([words[0], "-o", "ControlPath=\(controlPath)", "-O", "exit"] + words.dropFirst()) }

        for attempt in 1...3 {
            let answer = try Self.status(words, runtime: runtime)
            #expect(answer.origin == "cl_status via \(words.joined(separator: " "))")
            #expect(answer.error?.hasSuffix(": stopped or in initdead") == true, "attempt \(attempt): \(answer.error ?? "no error")\n\(server.log)")
        }
        #expect(server.acceptedConnections == 1, "\(server.log)")
        let master = try HostCommand.run([words[0], "-o", "ControlPath=\(controlPath)", "-O", "check"] + words.dropFirst())
        #expect(master.succeeded && master.stderr.contains("Master running"), "\(master)")

        // A key the server does not know, with a connection of its own: BatchMode, no prompt.
        let started = SystemClock.now()
        let stranger = try Self.status(server.clientWords(key: "stranger_key"), runtime: try Self.privateDirectory(runtime + "/stranger"))
        #expect(stranger.error?.contains("Permission denied") == true, "\(stranger.error ?? "no error")")
        #expect(SystemClock.now() - started < .seconds(10))
        #expect(server.acceptedConnections == 1)
    }
}

extension ConsoleSSHTests {
    /// Runs `argv` with the console's own ``SpawnedCommand`` until it ends (bounded).
    static func run(_ argv: [String]) -> (String, SpawnedCommand.Outcome?) {
        let command = SpawnedCommand(argv, deadline: SystemClock.milliseconds() + 20_000)
        while command.poll(now: SystemClock.milliseconds()) == nil { usleep(5000) }
        return (command.text, command.outcome)
    }

    @Test("an SOP action's script reaches the far side whole through ssh: its loop, its quotes, its arguments")
    func actionScriptThroughSSH() throws {
        let server = try SSHServer()
        defer { server.shutdown() }
        let prefix = CommandPrefix(server.clientWords(), controlDirectory: nil)
        // The script an SOP's standby runs, for a command that exists nowhere (so nothing on this
        // host is touched): it looks in Heartbeat's share directories, then says it is not there.
        let (missing, outcome) = Self.run(prefix.command(["sh", "-c", HeartbeatFeed.shareCommand("hb_nonexistent", "local")]))
        #expect(outcome == .exited(127), "\(missing)")
        #expect(missing.hasSuffix("hb_nonexistent is not installed (looked in /usr/share/heartbeat, /usr/lib/heartbeat)\n"), "\(missing)")
        // Words with spaces and quotes arrive as the same words.
        let (echoed, _) = Self.run(prefix.command(["sh", "-c", "for w in \"$@\"; do\n  printf '<%s>' \"$w\"\ndone", "sh", "a  b", "it's", "$HOME"]))
        #expect(echoed.hasSuffix("<a  b><it's><$HOME>"), "\(echoed)")
    }
}
