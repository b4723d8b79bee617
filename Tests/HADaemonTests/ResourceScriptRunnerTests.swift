import Foundation
import Glibc
import HAProtocol
import Testing

@testable import HADaemon

/// Real `/bin/sh` scripts in a temporary resource directory, run by ``ResourceScriptRunner``.
@Suite struct ResourceScriptRunnerTests {
    /// `Name::a::b` as the haresources parser makes it.
    static func resource(_ text: String) -> ResourceSpec {
        let parts = text.components(separatedBy: "::")
        return ResourceSpec(text: text, script: parts[0], arguments: Array(parts.dropFirst()), address: nil, line: 1)
    }

    static func runner(_ directory: ResourceScriptDirectory, timeout: Duration = .seconds(10), outputLimit: Int = 64 * 1024) -> ResourceScriptRunner {
        ResourceScriptRunner(
            directories: [directory.path], environment: ["HA_CURHOST": "alpha"], timeout: timeout, killGrace: .milliseconds(300),
            outputLimit: outputLimit)
    }

    @Test(
        "each action is passed last and its exit code and output come back",
        arguments: [
            (ResourceAction.start, Int32(0)), (.stop, 0), (.status, 3),
        ])
    func actionsAndExitCodes(action: ResourceAction, code: Int32) async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("hbdummy", #"echo "out $1"; echo "err $1" >&2; case $1 in status) exit 3;; *) exit 0;; esac"#)

        let outcome = await Self.runner(directory).run(Self.resource("hbdummy"), action)

        #expect(outcome.status == .exited(code))
        #expect(outcome.stdout == "out \(action.rawValue)\n")
        #expect(outcome.stderr == "err \(action.rawValue)\n")
        #expect(outcome.invocation.path == "\(directory.path)/hbdummy")
        #expect(outcome.succeeded == (code == 0))
    }

    @Test("Name::a::b runs the script with a and b before the action")
    func argumentsFromResourceText() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("args", #"for a in "$@"; do echo "[$a]"; done"#)

        let outcome = await Self.runner(directory).run(Self.resource("args::a::b c"), .start)

        #expect(outcome.stdout == "[a]\n[b c]\n[start]\n")
        #expect(outcome.invocation.commandLine == "\(directory.path)/args a b c start")
    }

    @Test("a script without #! runs under /bin/sh, as ResourceManager's shell would run it")
    func scriptWithoutInterpreterLine() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("legacy", #"echo "legacy $1""#, shebang: false)

        let outcome = await Self.runner(directory).run(Self.resource("legacy"), .start)

        #expect(outcome.status == .exited(0))
        #expect(outcome.stdout == "legacy start\n")
        #expect(outcome.invocation.commandLine == "\(directory.path)/legacy start")
    }

    @Test("the environment is exactly the given one plus a PATH")
    func environment() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("env", "env")

        let outcome = await Self.runner(directory).run(Self.resource("env"), .status)
        let variables = Set(outcome.stdout.split(separator: "\n").map(String.init))

        #expect(variables.contains("HA_CURHOST=alpha"))
        #expect(variables.contains("PATH=\(ResourceScriptRunner.defaultPath)"))
        #expect(!variables.contains { $0.hasPrefix("HOME=") })
    }

    @Test("a missing script is not found and logs Heartbeat's Cannot locate line")
    func missingScript() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }

        let outcome = await Self.runner(directory).run(Self.resource("nosuch::x"), .start)

        #expect(outcome.status == .notFound("nosuch"))
        #expect(outcome.resultLogLines.map(\.description) == ["ERROR: Cannot locate resource script nosuch"])
        #expect(await Self.runner(directory).isRunning(Self.resource("nosuch")) == false)
    }

    @Test("only a regular executable file counts as a script")
    func notExecutableOrNotRegular() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("plain", "exit 0", mode: 0o644)
        try FileManager.default.createDirectory(atPath: "\(directory.path)/dir", withIntermediateDirectories: false)
        let runner = Self.runner(directory)

        #expect(await runner.run(Self.resource("plain"), .start).status == .notFound("plain"))
        #expect(await runner.run(Self.resource("dir"), .start).status == .notFound("dir"))
        #expect(runner.locate("../\(URL(fileURLWithPath: directory.path).lastPathComponent)/plain") == nil)
    }

    @Test("the first directory wins and the next is searched when it lacks the script")
    func lookupOrder() async throws {
        let first = try ResourceScriptDirectory()
        let second = try ResourceScriptDirectory()
        defer {
            first.remove()
            second.remove()
        }
        try first.script("both", "echo first")
        try second.script("both", "echo second")
        try second.script("initonly", "echo second")
        let runner = ResourceScriptRunner(directories: [first.path, second.path], timeout: .seconds(10))

        #expect(await runner.run(Self.resource("both"), .start).stdout == "first\n")
        #expect(await runner.run(Self.resource("initonly"), .start).stdout == "second\n")
    }

    @Test(
        "status output is read with ResourceManager's shell patterns",
        arguments: [
            ("running", true),
            ("Running", true),
            ("RUNNING", false),
            ("OK", true),
            ("ok", false),
            ("INFO:  Running OK", true),
            ("hbdummy is not running", false),
            ("NOT Running", false),
            ("Not currently running", false),
            ("cannot be running", false),
            ("notrunning", true),
            ("not\nrunning", true),
            ("not running\nbut OK", false),
            ("INFO:  Resource is stopped", false),
            ("stopped", false),
            ("", false),
            ("service is running (pid 12)", true),
        ])
    func statusRule(output: String, owned: Bool) {
        #expect(ResourceStatusRule.indicatesRunning(output) == owned)
    }

    @Test(
        "ownership comes from the status output and ignores the exit code",
        arguments: [
            ("echo running; exit 3", true),
            ("echo 'INFO:  Running OK'; exit 7", true),
            ("echo 'hbdummy is not running'; exit 0", false),
            ("exit 0", false),
            ("echo stopped >&2; echo running >&2; exit 0", false),
        ])
    func ownershipIgnoresExitCode(body: String, owned: Bool) async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("svc", body)

        #expect(await Self.runner(directory).isRunning(Self.resource("svc")) == owned)
    }

    @Test("a timed-out script has its whole process group killed, sleeping children included")
    func timeoutKillsGroup() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script(
            "hang",
            "echo $$ > \(directory.path)/pids; sleep 300 & echo $! >> \(directory.path)/pids; sleep 300 & echo $! >> \(directory.path)/pids; echo started; wait"
        )

        let outcome = await Self.runner(directory, timeout: .milliseconds(500)).run(Self.resource("hang"), .stop)
        let pids = directory.pids(in: "pids")

        #expect(outcome.status == .timedOut(after: .milliseconds(500)))
        #expect(outcome.stdout == "started\n")
        #expect(outcome.duration < .seconds(60))  // not the 300 s the children sleep
        #expect(pids.count == 3)
        #expect(await ResourceProcessTable.waitUntilGone(pids))
        #expect(await ResourceProcessTable.waitUntilGroupEmpty(try #require(pids.first)))
        #expect(outcome.resultLogLines.map(\.description).first?.hasSuffix("stop timed out after 500 ms: process group killed") == true)
    }

    @Test("a script and children that ignore SIGTERM are killed with SIGKILL after the grace")
    func timeoutKillsTermIgnoringGroup() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        // An ignored signal stays ignored across exec, so the sleeps ignore SIGTERM too.
        try directory.script(
            "stubborn", "trap '' TERM; echo $$ > \(directory.path)/pids; sleep 300 & echo $! >> \(directory.path)/pids; while :; do sleep 1; done")

        let outcome = await Self.runner(directory, timeout: .milliseconds(400)).run(Self.resource("stubborn"), .start)
        let pids = directory.pids(in: "pids")

        #expect(outcome.status == .timedOut(after: .milliseconds(400)))
        #expect(outcome.duration >= .milliseconds(700))
        #expect(outcome.shellExitCode == 137)
        #expect(pids.count == 2)
        #expect(await ResourceProcessTable.waitUntilGone(pids))
        #expect(await ResourceProcessTable.waitUntilGroupEmpty(try #require(pids.first)))
    }

    @Test("a grandchild that keeps stdout open does not hold the run")
    func daemonizedGrandchildDoesNotHang() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("daemon", "(exec sleep 60) & echo $! > \(directory.path)/pids; echo started; exit 0")

        let outcome = await Self.runner(directory, timeout: .seconds(20)).run(Self.resource("daemon"), .start)
        let pids = directory.pids(in: "pids")
        defer { for pid in pids { kill(pid, SIGKILL) } }

        #expect(outcome.status == .exited(0))
        #expect(outcome.stdout == "started\n")
        #expect(outcome.duration < .seconds(60))  // not the 300 s the children sleep
        // A start must leave its daemon running: no sweep after a clean exit.
        #expect(pids.allSatisfy(ResourceProcessTable.isAlive))
    }

    @Test("a script killed by a signal reports it, in the shell's words for the log")
    func signaled() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("suicide", "kill -USR1 $$")

        let outcome = await Self.runner(directory).run(Self.resource("suicide"), .start)

        #expect(outcome.status == .signaled(SIGUSR1))
        #expect(outcome.resultLogLines.first?.description == "ERROR: Return code \(128 + SIGUSR1) from \(directory.path)/suicide")
    }

    @Test("output past the limit is dropped and flagged, and the script still finishes")
    func outputLimit() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("chatty", "head -c 300000 /dev/zero | tr '\\0' a; echo done >&2")

        let outcome = await Self.runner(directory, outputLimit: 1000).run(Self.resource("chatty"), .start)

        #expect(outcome.status == .exited(0))
        #expect(outcome.stdout == String(repeating: "a", count: 1000))
        #expect(outcome.stderr == "done\n")
        #expect(outcome.outputTruncated)
    }

    @Test("the log lines read as Heartbeat's ResourceManager writes them")
    func logLines() async throws {
        let directory = try ResourceScriptDirectory()
        defer { directory.remove() }
        try directory.script("hbdummy", "echo failing; exit 3")

        let outcome = await Self.runner(directory).run(Self.resource("hbdummy::x"), .start)

        #expect(outcome.invocation.runningLogLine.description == "info: Running \(directory.path)/hbdummy x start")
        #expect(outcome.resultLogLines.map(\.description) == ["ERROR: Return code 3 from \(directory.path)/hbdummy"])
        #expect(outcome.outputLogLines.map(\.description) == ["debug: failing"])
    }
}
