import Foundation
import HAProtocol
import HATestSupport
import Testing

/// Our `hb_standby` and `hb_takeover` beside the Debian package's shell scripts, run the same way
/// (stdin from /dev/null): the same bytes on the same stream and the same exit code for every
/// usage error, the same `Going standby [...]` line, and the same request. Heartbeat's scripts
/// write into `$HA_FIFO`, pointed here at a scratch file; ours are pointed at a socket that does
/// not exist, so they cannot hand over to Heartbeat's copies or reach a daemon. (An empty
/// argument is left out: the scripts' unquoted `[ $resources != ... ]` fails in the shell, and
/// `hb_takeover ""` then asks with an empty `rsc_hold`; ours prints `wrong resources()`.)
struct ResourceMoveScriptTests {
    static let scriptDirectory = "/usr/share/heartbeat"

    /// The output with the program path as invoked replaced by `PROG`, so the two can be compared.
    static func normalized(_ output: CommandOutput, program: String) -> (String, String, HATestSupport.ExitStatus) {
        (output.stdout.replacingOccurrences(of: program, with: "PROG"), output.stderr.replacingOccurrences(of: program, with: "PROG"), output.status)
    }

    /// Runs Heartbeat's script with `arguments`; returns its output and what it wrote to the FIFO.
    static func theirs(_ name: String, _ arguments: [String]) throws -> (CommandOutput, String) {
        let script = "\(scriptDirectory)/\(name)"
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw HarnessError.missingFile(script, hint: "apt-get install heartbeat (scripts/setup does)")
        }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("hb-fifo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: fifo) }
        let output = try HostCommand.run(["/usr/bin/env", "HA_FIFO=\(fifo)", script] + arguments)
        return (output, (try? String(contentsOfFile: fifo, encoding: .utf8)) ?? "")
    }

    static func ours(_ name: String, _ arguments: [String]) throws -> (CommandOutput, String) {
        let program = try NetnsCluster.builtProduct(name)
        let output = try HostCommand.run(["/usr/bin/env", "HADAEMON_SOCKET=/nonexistent/hadaemon-\(getpid()).sock", program] + arguments)
        return (output, program)
    }

    @Test(
        "a usage error prints what Heartbeat's script prints, on the same streams, and exits 1",
        arguments: ResourceMoveCommand.allCases.flatMap { command in [["everything"], ["all", "local"], ["--help"]].map { (command, $0) } })
    func usageErrors(command: ResourceMoveCommand, arguments: [String]) throws {
        let (theirs, fifo) = try Self.theirs(command.rawValue, arguments)
        let (ours, program) = try Self.ours(command.rawValue, arguments)
        #expect(fifo.isEmpty, "Heartbeat's \(command.rawValue) \(arguments) asked: \(fifo)")
        let expected = Self.normalized(theirs, program: "\(Self.scriptDirectory)/\(command.rawValue)")
        let answered = Self.normalized(ours, program: program)
        #expect(answered.0 == expected.0, "stdout of \(command.rawValue) \(arguments)")
        #expect(answered.1 == expected.1, "stderr of \(command.rawValue) \(arguments)")
        #expect(answered.2 == expected.2 && answered.2 == .exited(1))
    }

    @Test(
        "a good argument asks for what Heartbeat's script asks for, and hb_standby says so on stderr first",
        arguments: ResourceMoveCommand.allCases.flatMap { command in [[], ["all"], ["local"], ["foreign"], ["failback"]].map { (command, $0) } })
    func requests(command: ResourceMoveCommand, arguments: [String]) throws {
        let (theirs, fifo) = try Self.theirs(command.rawValue, arguments)
        let (ours, _) = try Self.ours(command.rawValue, arguments)
        #expect(theirs.status == .exited(0) && theirs.stdout.isEmpty && ours.stdout.isEmpty)
        guard case .ask(let resources) = command.parse(arguments, program: command.rawValue) else {
            Issue.record("\(command.rawValue) \(arguments) is a usage error to us")
            return
        }
        #expect(fifo.contains("rsc_hold=\(resources.rawValue)\n"), "Heartbeat asked: \(fifo)")
        // `Mon DD HH:MM:SS ` first: the clocks of the two runs may differ by a second.
        let dated = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).first.map { String($0.dropFirst(16)) } ?? "" }
        if command == .standby {
            #expect(theirs.stderr.wholeMatch(of: /[A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d Going standby \[\w+\]\.\n/) != nil, "\(theirs.stderr)")
            #expect(dated(ours.stderr) == dated(theirs.stderr), "ours: \(ours.stderr)")
        } else {
            #expect(theirs.stderr.isEmpty)
        }
        // No daemon to ask: ours says so and fails rather than pretend, as Heartbeat's would not.
        #expect(ours.status == .exited(1) && ours.stderr.contains("\(command.rawValue): "))
    }
}
